package vqlens.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The hand-off alone, with the FX thread, the delay and the clock under the test's control. */
class SnapshotRelayTest {

    private final ManualExecutor fx = new ManualExecutor();
    private final List<Runnable> delayed = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Integer> received = new ArrayList<>();

    private SnapshotRelay<Integer> relay(double hz) {
        return new SnapshotRelay<>(Coalescer.latest(), received::add, fx, (task, nanos) -> {
            delays.add(nanos);
            delayed.add(task);
        }, hz, now::get);
    }

    @Test
    void atMostOneDeliveryIsPendingAndTheLatestWins() {
        SnapshotRelay<Integer> r = relay(0);
        for (int i = 1; i <= 1000; i++) {
            r.offer(i); // the producer never waits: the FX thread has not run anything yet
        }
        assertEquals(1, fx.pendingCount(), "one task on the FX thread, not a thousand");
        assertTrue(r.isScheduled());
        fx.runAll();
        assertEquals(List.of(1000), received);
        assertFalse(r.isScheduled());
        assertEquals(1000, r.offers());
        assertEquals(1, r.deliveries());
    }

    @Test
    void deliveriesAreThrottledToTheRefreshRate() {
        SnapshotRelay<Integer> r = relay(10); // 100 ms apart
        r.offer(1);
        assertEquals(1, fx.pendingCount(), "the first goes at once");
        fx.runAll();
        now.addAndGet(30_000_000L);
        r.offer(2);
        r.offer(3);
        assertEquals(0, fx.pendingCount(), "too soon: waits for its time, off the FX thread");
        assertEquals(List.of(70_000_000L), delays);
        delayed.remove(0).run();
        assertEquals(1, fx.pendingCount());
        fx.runAll();
        assertEquals(List.of(1, 3), received);
    }

    @Test
    void theGovernorCanSpaceDeliveriesFurtherButNeverCloser() {
        SnapshotRelay<Integer> r = relay(10);
        r.setInterval(250_000_000L);
        assertEquals(250_000_000L, r.interval());
        r.setInterval(1_000L);
        assertEquals(100_000_000L, r.interval(), "never faster than the maximum rate");
        SnapshotRelay<Integer> unlimited = relay(0);
        unlimited.setInterval(250_000_000L);
        assertEquals(0, unlimited.interval(), "a relay without a maximum rate stays unthrottled (tests)");
    }

    @Test
    void aClosedRelayDeliversNothing() {
        SnapshotRelay<Integer> r = relay(0);
        r.offer(1);
        r.close();
        r.offer(2);
        fx.runAll();
        assertTrue(received.isEmpty());
    }

    @Test
    void aFailingConsumerGetsTheNextValue() {
        List<Integer> seen = new ArrayList<>();
        SnapshotRelay<Integer> r = new SnapshotRelay<>(Coalescer.latest(), v -> {
            seen.add(v);
            if (v == 1) {
                throw new IllegalStateException("boom");
            }
        }, fx, (t, n) -> t.run(), 0);
        r.offer(1);
        fx.runAll();
        r.offer(2);
        fx.runAll();
        assertEquals(List.of(1, 2), seen);
    }
}
