package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import org.junit.jupiter.api.Test;
import vqlens.core.VqException;

/** Slow motion owned by the trainer: paced steps, each published, and the step limit ending in FINISHED. */
class TrainerSlowMotionTest {

    /** A pacer the test drives: it keeps the requests for the next step and their delays. */
    private static final class ManualPacer implements Pacer {
        final Queue<Runnable> due = new ArrayDeque<>();
        final List<Long> delays = new ArrayList<>();

        @Override
        public void schedule(Runnable next, long delayNanos) {
            due.add(next);
            delays.add(delayNanos);
        }

        void runNext() {
            Runnable next = due.poll();
            if (next == null) {
                throw new AssertionError("no step asked for");
            }
            next.run();
        }
    }

    /** A synchronous trainer that publishes rarely (every 50 steps) and records each snapshot's step and state. */
    private static Trainer trainer(long maxSteps, List<TrainingSnapshot> seen) {
        TrainingSettings settings = TrainingSettings.of(Runs.SMALL, UpdateRule.EMA, 64, 42, maxSteps).withSnapshotEvery(50);
        Trainer t = new Trainer(settings, Runs.mixture(), Runs.SYNC);
        t.addListener(seen::add, Runnable::run);
        return t;
    }

    @Test
    void oneStepPerPacedRequestEachPublishedThenFinishedAtTheLimit() {
        List<TrainingSnapshot> seen = new ArrayList<>();
        Trainer t = trainer(3, seen);
        ManualPacer pacer = new ManualPacer();
        assertTrue(t.startSlowMotion(4, pacer));
        assertEquals(TrainerState.RUNNING, t.state());
        assertTrue(t.isSlowMotion());
        assertEquals(1, t.snapshot().step(), "the first step at once");
        assertEquals(1, pacer.delays.size(), "the next one asked for");
        long delay = pacer.delays.get(0);
        // 1/4 s after the step began: less the step's own time (the first step loads ND4J: it may use it all)
        assertTrue(delay >= 0 && delay < 250_000_000L, "paced from the step's start: " + delay);
        pacer.runNext();
        assertEquals(2, t.snapshot().step(), "exactly one step per request");
        pacer.runNext();
        assertEquals(3, t.snapshot().step());
        assertEquals(TrainerState.RUNNING, t.state(), "the last step stays on show for its time");
        pacer.runNext();
        assertEquals(TrainerState.FINISHED, t.state(), "the trainer, not its caller, ends the run at the limit");
        assertFalse(t.isSlowMotion());
        assertEquals(3, t.snapshot().step());
        assertEquals(3, pacer.delays.size());
        assertTrue(pacer.due.isEmpty(), "nothing asked for after the end");
        for (long step = 1; step <= 3; step++) {
            long s = step;
            assertTrue(seen.stream().anyMatch(x -> x.step() == s && x.state() == TrainerState.RUNNING),
                    "step " + s + " published on its own although snapshots come every 50 steps");
        }
        assertEquals(TrainerState.FINISHED, seen.get(seen.size() - 1).state());
    }

    @Test
    void pauseEndsSlowMotionAndALateRequestDoesNothing() {
        Trainer t = trainer(100, new ArrayList<>());
        ManualPacer pacer = new ManualPacer();
        t.startSlowMotion(2, pacer);
        assertTrue(t.pause());
        assertFalse(t.isSlowMotion());
        pacer.runNext(); // the request made before the pause
        assertEquals(1, t.snapshot().step());
        assertEquals(TrainerState.PAUSED, t.state());

        assertTrue(t.startSlowMotion(2, pacer), "slow motion resumes from PAUSED");
        assertEquals(2, t.snapshot().step());
        t.startSlowMotion(5, pacer); // already in slow motion: only the speed changes
        assertEquals(2, t.snapshot().step(), "no extra step");
        pacer.runNext();
        assertEquals(3, t.snapshot().step());
        long delay = pacer.delays.get(pacer.delays.size() - 1);
        assertTrue(delay >= 0 && delay <= 200_000_000L, "the new speed (1/5 s, not 1/2 s) paces the next request: " + delay);
    }

    @Test
    void aRequestFromAnEarlierSlowMotionDoesNotDoubleTheSpeed() {
        Trainer t = trainer(100, new ArrayList<>());
        ManualPacer pacer = new ManualPacer();
        t.startSlowMotion(2, pacer);
        t.pause();
        t.startSlowMotion(2, pacer); // a second step at once, and a request of its own
        assertEquals(2, t.snapshot().step());
        assertEquals(2, pacer.due.size());
        pacer.runNext(); // the first slow motion's request
        assertEquals(2, t.snapshot().step(), "stale: ignored");
        pacer.runNext();
        assertEquals(3, t.snapshot().step());
    }

    @Test
    void startLeavesSlowMotionAndRunsOnToTheLimit() {
        Trainer t = trainer(12, new ArrayList<>());
        ManualPacer pacer = new ManualPacer();
        t.startSlowMotion(1, pacer);
        assertTrue(t.start(), "from slow motion to full speed is a change");
        assertFalse(t.isSlowMotion());
        assertEquals(TrainerState.FINISHED, t.state());
        assertEquals(12, t.snapshot().step());
        pacer.runNext(); // slow motion's last request, after it ended
        assertEquals(12, t.snapshot().step());
        assertFalse(t.startSlowMotion(1, pacer), "finished at the limit: nothing to run");
    }

    @Test
    void aSpeedMustBePositiveAndFinite() {
        Trainer t = trainer(10, new ArrayList<>());
        ManualPacer pacer = new ManualPacer();
        assertThrows(VqException.class, () -> t.startSlowMotion(0, pacer));
        assertThrows(VqException.class, () -> t.startSlowMotion(Double.NaN, pacer));
        assertThrows(VqException.class, () -> t.startSlowMotion(Double.POSITIVE_INFINITY, pacer));
        assertEquals(TrainerState.IDLE, t.state());
    }
}
