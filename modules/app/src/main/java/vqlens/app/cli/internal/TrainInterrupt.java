package vqlens.app.cli.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT, or SIGTERM) during {@code vqlens train}: a JVM shutdown hook that stops the trainer after
 * the step in progress and then holds the JVM open until the command has saved its codebook and checkpoint
 * and printed its line ({@link #close()}), at most {@code grace}. The JVM then exits with the signal's status,
 * 130 for SIGINT. Register it only around the training loop: created on the command's thread, which must call
 * {@link #close()} when it is done (also on the normal path, which removes the hook again).
 */
public final class TrainInterrupt implements AutoCloseable {
    /** The exit status of a process ended by SIGINT (128 + 2), which the JVM uses after its hooks. */
    public static final int EXIT_CODE = 130;

    private final AtomicBoolean fired = new AtomicBoolean();
    private final CountDownLatch saved = new CountDownLatch(1);
    private final Runnable stop;
    private final Duration grace;
    private final Thread hook;

    /**
     * @param stop  asks the trainer to stop after its current step (called on the hook's thread)
     * @param grace how long the JVM may wait for the command to save before it exits anyway
     */
    public TrainInterrupt(Runnable stop, Duration grace) {
        this.stop = stop;
        this.grace = grace;
        this.hook = new Thread(this::onShutdown, "vqlens-train-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** What the hook does; tests call it directly in place of a signal. Returns when the command closed this. */
    void onShutdown() {
        fired.set(true);
        stop.run();
        try {
            saved.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a shutdown (Ctrl-C) asked the command to stop. */
    public boolean fired() {
        return fired.get();
    }

    /** Lets a waiting hook (and so the JVM's exit) go on; removes the hook when no shutdown is under way. */
    @Override
    public void close() {
        saved.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }
}
