package vqlens.app;

import java.util.Map;

import vqlens.app.cli.VqLensCommand;
import vqlens.ui.StartupTrace;
import vqlens.ui.VqLensDesktop;

/**
 * Entry point of the launcher ({@code java … -m vqlens.app/vqlens.app.Main}): without arguments it opens
 * the desktop window, with any argument it runs the command line and exits with its code.
 */
public final class Main {

    static final String NO_DISPLAY = "vqlens: no display found; the window needs X11 or Wayland. "
            + "Run './vqlens --help' for the command-line subcommands (encode, decode, inspect, bench).";

    private Main() {
    }

    public static void main(String[] args) {
        StartupTrace.mark("main");
        if (args.length > 0) {
            System.exit(VqLensCommand.run(args));
        }
        if (!hasDisplay(System.getenv(), System.getProperty("glass.platform"))) {
            System.err.println(NO_DISPLAY);
            System.exit(1);
        }
        try {
            VqLensDesktop.launch(args);
        } catch (RuntimeException | Error e) { // one line, as on the command line; the trace goes to the log
            System.exit(VqLensCommand.report(e));
        }
        System.exit(0); // the window is closed: don't wait for non-daemon library threads
    }

    /**
     * Whether a window can open: an X11 or Wayland display, or an explicit JavaFX platform such as
     * Monocle (headless tests and screenshots set {@code glass.platform}).
     */
    static boolean hasDisplay(Map<String, String> env, String glassPlatform) {
        return notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY")) || glassPlatform != null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
