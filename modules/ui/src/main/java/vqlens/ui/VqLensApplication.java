package vqlens.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import vqlens.core.runtime.ComputeRuntime;
import vqlens.ui.shell.MainWindow;
import vqlens.ui.shell.ShellServices;

/**
 * The JavaFX application of VQ Lens. Public only because JavaFX instantiates it by reflection; start
 * it with {@link VqLensDesktop#launch(String[])}.
 *
 * <p>It wires the real services: the compute runtime ({@link ComputeRuntime#info()}, which loads ND4J
 * and takes seconds on a cold start) runs on a background daemon thread, its result comes back on the
 * FX thread, and the window shows before ND4J has loaded.
 */
public final class VqLensApplication extends Application {

    private ExecutorService background;

    /** Called by JavaFX. */
    public VqLensApplication() {
    }

    @Override
    public void start(Stage stage) {
        background = Executors.newSingleThreadExecutor(daemonThreads("vqlens-runtime-loader"));
        MainWindow.open(stage, new ShellServices(ComputeRuntime::info, background, Platform::runLater));
    }

    @Override
    public void stop() {
        if (background != null) {
            background.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true); // a slow native load must not keep the JVM alive after the window closed
            return thread;
        };
    }
}
