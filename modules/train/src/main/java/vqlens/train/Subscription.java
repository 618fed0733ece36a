package vqlens.train;

import java.time.Duration;

/** A listener's registration with a {@link Trainer}; {@link #close()} ends it. */
public interface Subscription extends AutoCloseable {

    /**
     * Waits until every snapshot published so far has been delivered (the listener may have received
     * several coalesced into one) and no delivery is running.
     *
     * @return false if {@code timeout} passed first
     */
    boolean awaitDelivered(Duration timeout) throws InterruptedException;

    /** No further deliveries start; one already running completes. Idempotent. */
    @Override
    void close();
}
