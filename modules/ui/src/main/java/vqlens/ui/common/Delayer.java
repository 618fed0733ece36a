package vqlens.ui.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay, on a thread of its own choosing; injected so tests control time. */
@FunctionalInterface
public interface Delayer {

    /** Runs {@code task} once, {@code delayNanos} from now. */
    void schedule(Runnable task, long delayNanos);

    /** The JDK's shared delay scheduler ({@link CompletableFuture#delayedExecutor}), a daemon thread. */
    static Delayer system() {
        return (task, delayNanos) -> CompletableFuture.delayedExecutor(Math.max(0, delayNanos), TimeUnit.NANOSECONDS)
                .execute(task);
    }
}
