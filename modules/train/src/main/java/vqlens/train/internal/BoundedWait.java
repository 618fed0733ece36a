package vqlens.train.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a monitor until a condition no longer holds, with a deadline. */
public final class BoundedWait {

    private BoundedWait() {
    }

    /**
     * Waits on {@code lock} (whose holder calls {@code notifyAll} when {@code busy} may have changed) until
     * {@code busy} is false or {@code timeout} has passed; {@code busy} is read under the lock.
     *
     * @return whether {@code busy} became false in time
     */
    public static boolean whileBusy(Object lock, BooleanSupplier busy, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (busy.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
