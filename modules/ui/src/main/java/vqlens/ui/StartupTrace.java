package vqlens.ui;

import java.time.Instant;

/**
 * Start-up milestones on stderr, for src/dev/window-time.sh: with {@code -Dvqlens.trace.startup=true} each
 * {@link #mark} prints "startup &lt;ms&gt; ms &lt;milestone&gt; [thread]", in milliseconds since
 * {@code -Dvqlens.trace.t0} (ms since the epoch: the launch, as the caller saw it) or else since the JVM's
 * process started. Off by default, and then free.
 */
public final class StartupTrace {

    private static final boolean ON = Boolean.getBoolean("vqlens.trace.startup");
    private static final long T0_MS = ON ? origin() : 0;

    private StartupTrace() {
    }

    /** Prints {@code milestone} with the time since the origin, when tracing is on. */
    public static void mark(String milestone) {
        if (ON) {
            System.err.println("startup " + (System.currentTimeMillis() - T0_MS) + " ms " + milestone
                    + " [" + Thread.currentThread().getName() + "]");
        }
    }

    private static long origin() {
        long given = Long.getLong("vqlens.trace.t0", 0);
        if (given > 0) {
            return given;
        }
        return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                .orElse(System.currentTimeMillis());
    }
}
