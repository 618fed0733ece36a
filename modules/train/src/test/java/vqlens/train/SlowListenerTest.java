package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Structural, not timed: a listener that cannot return does not hold training back. */
class SlowListenerTest {
    private static final int STEPS = 40;

    @Test
    void aListenerBlockedOnALatchDoesNotHoldTrainingBack() throws Exception {
        ExecutorService delivery = Executors.newSingleThreadExecutor();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<TrainingSnapshot> received = Collections.synchronizedList(new ArrayList<>());
        Trainer t = new Trainer(Runs.settings(UpdateRule.EMA, STEPS), Runs.mixture(), Runs.SYNC);
        Subscription sub = t.addListener(s -> {
            received.add(s);
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, delivery);
        assertTrue(entered.await(30, TimeUnit.SECONDS), "the listener got its first snapshot and is now blocked");

        t.start(); // synchronous: returns only when all steps are done; it would hang if it waited for the listener

        assertEquals(TrainerState.FINISHED, t.state());
        assertEquals(STEPS, t.snapshot().step());
        assertEquals(1, received.size(), "still blocked in the first delivery");

        release.countDown();
        assertTrue(sub.awaitDelivered(Duration.ofSeconds(30)));
        TrainingSnapshot last = received.get(received.size() - 1);
        assertEquals(STEPS, last.step());
        assertEquals(TrainerState.FINISHED, last.state());
        assertEquals(2, received.size(), "everything published meanwhile was coalesced into one delivery");
        List<Long> steps = last.recentSteps().stream().map(StepMetrics::step).toList();
        assertEquals(STEPS, steps.size(), "coalescing keeps every step's metrics");
        for (int i = 0; i < STEPS; i++) {
            assertEquals(i + 1, steps.get(i));
        }
        assertTrue(last.events().stream().anyMatch(e -> e.kind() == TrainingEvent.Kind.INIT), "and every event");
        sub.close();
        delivery.shutdown();
    }
}
