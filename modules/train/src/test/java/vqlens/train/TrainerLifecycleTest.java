package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vqlens.core.VqException;
import vqlens.train.data.DataSource;

class TrainerLifecycleTest {

    @Test
    void startRunsToTheStepLimitAndFinishes() {
        Trainer t = Runs.trained(Runs.settings(UpdateRule.EMA, 7), Runs.mixture());
        assertEquals(TrainerState.FINISHED, t.state());
        TrainingSnapshot s = t.snapshot();
        assertEquals(7, s.step());
        assertEquals(TrainerState.FINISHED, s.state());
        assertEquals(7, t.history().size());
        assertEquals(64 * 7 / 1000.0, s.epoch(), 1e-12, "epoch = rows consumed / data rows");
        assertFalse(t.start(), "a finished trainer does not start again below its limit");
        t.setMaxSteps(9);
        assertTrue(t.start());
        assertEquals(9, t.snapshot().step());
    }

    @Test
    void singleStepFromIdleRunsExactlyOneStepThenPauses() {
        Trainer t = new Trainer(Runs.settings(UpdateRule.ADAM, 0), Runs.mixture(), Runs.SYNC);
        assertEquals(TrainerState.IDLE, t.state());
        assertNull(t.snapshot().codebooks(), "no codebooks before the first step");
        assertTrue(t.step());
        assertEquals(TrainerState.PAUSED, t.state());
        assertEquals(1, t.snapshot().step());
        assertNotNull(t.snapshot().codebooks());
        assertTrue(t.step());
        assertTrue(t.step());
        assertEquals(3, t.snapshot().step());
        assertEquals(TrainerState.PAUSED, t.state());
    }

    @Test
    void aListenerCanPauseASynchronousRunAndResumeContinuesIt() {
        Trainer t = new Trainer(Runs.settings(UpdateRule.EMA, 50), Runs.mixture(), Runs.SYNC);
        t.addListener(s -> {
            if (s.step() == 10 && s.state() == TrainerState.RUNNING) {
                t.pause();
            }
        }, Runnable::run); // synchronous delivery: the listener runs on the training thread, between steps
        t.start();
        assertEquals(TrainerState.PAUSED, t.state());
        assertEquals(10, t.snapshot().step());
        assertEquals(TrainerState.PAUSED, t.snapshot().state());
        assertTrue(t.resume());
        assertEquals(TrainerState.FINISHED, t.state());
        assertEquals(50, t.snapshot().step());
    }

    @Test
    void stopIsTerminalUntilReset() {
        Trainer t = new Trainer(Runs.settings(UpdateRule.KMEANS, 0), Runs.mixture(), Runs.SYNC);
        t.step();
        assertTrue(t.stop());
        assertEquals(TrainerState.STOPPED, t.state());
        assertEquals(TrainerState.STOPPED, t.snapshot().state());
        assertFalse(t.start());
        assertFalse(t.step());
        assertFalse(t.resume());
        t.reset();
        assertEquals(TrainerState.IDLE, t.state());
        assertEquals(0, t.snapshot().step());
        assertNull(t.snapshot().codebooks());
        assertTrue(t.history().isEmpty());
        assertTrue(t.step());
        assertEquals(1, t.snapshot().step());
    }

    @Test
    void resetStartsAgainFromTheSameCodebooks() {
        Trainer t = new Trainer(Runs.settings(UpdateRule.EMA, 5), Runs.mixture(), Runs.SYNC);
        t.start();
        var first = t.snapshot().codebooks();
        t.reset();
        t.start();
        assertEquals(first, t.snapshot().codebooks(), "a reset run is the same run again");
    }

    @Test
    void liveSettingsApplyBetweenStepsAndAreRecorded() {
        Trainer t = new Trainer(Runs.settings(UpdateRule.ADAM, 0), Runs.mixture(), Runs.SYNC);
        t.step();
        t.setLearningRate(0.5);
        t.setDeadThreshold(0);
        t.setSpeedLimit(30);
        assertEquals(0.5, t.settings().hyper().learningRate());
        assertEquals(0.0, t.settings().hyper().deadThreshold());
        assertEquals(30.0, t.snapshot().speedLimit());
        List<TrainingEvent> events = new ArrayList<>();
        t.addListener(s -> events.addAll(s.events()), Runnable::run);
        t.step();
        assertEquals(2, t.snapshot().step());
        assertEquals(0.5, t.snapshot().settings().hyper().learningRate());
        assertThrows(VqException.class, () -> t.setLearningRate(0), "Adam needs a learning rate");
        assertThrows(VqException.class, () -> t.setDecay(1.0));
        assertThrows(VqException.class, () -> t.setSpeedLimit(-1));
        assertTrue(events.isEmpty() || events.stream().noneMatch(e -> e.kind() == TrainingEvent.Kind.ERROR));
    }

    @Test
    void settingChangesAreEventsWithTheStepTheyApplyFrom() {
        Trainer t = new Trainer(Runs.settings(UpdateRule.EMA, 0), Runs.mixture(), Runs.SYNC);
        List<TrainingEvent> events = new ArrayList<>();
        t.addListener(s -> events.addAll(s.events()), Runnable::run);
        t.step();
        t.step();
        t.setDecay(0.9);
        List<TrainingEvent> changes = events.stream().filter(e -> e.kind() == TrainingEvent.Kind.SETTING_CHANGED).toList();
        assertEquals(1, changes.size(), events::toString);
        assertEquals(3, changes.get(0).step());
        assertTrue(changes.get(0).message().contains("decay 0.99 -> 0.9"), changes.get(0).message());
        assertTrue(events.stream().anyMatch(e -> e.kind() == TrainingEvent.Kind.INIT && e.step() == 1));
    }

    @Test
    void aBackgroundExecutorRunsTheSameRunAsASynchronousOne() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Trainer t = new Trainer(Runs.settings(UpdateRule.SGD, 12), Runs.mixture(), background);
            assertTrue(t.start());
            assertTrue(t.awaitIdle(Duration.ofSeconds(60)));
            assertEquals(TrainerState.FINISHED, t.state());
            Trainer sync = Runs.trained(Runs.settings(UpdateRule.SGD, 12), Runs.mixture());
            assertEquals(sync.snapshot().codebooks(), t.snapshot().codebooks());
            t.close();
        } finally {
            background.shutdown();
            assertTrue(background.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void pauseFromAnotherThreadStopsABackgroundRun() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Trainer t = new Trainer(Runs.settings(UpdateRule.EMA, 0), Runs.mixture(), background); // no step limit
            t.start();
            Runs.awaitStep(t, 3);
            assertTrue(t.pause());
            assertTrue(t.awaitIdle(Duration.ofSeconds(60)));
            long step = t.snapshot().step();
            assertEquals(TrainerState.PAUSED, t.snapshot().state());
            assertEquals(step, t.history().size(), "every step up to the pause is recorded");
            assertTrue(t.step());
            assertTrue(t.awaitIdle(Duration.ofSeconds(60)));
            assertEquals(step + 1, t.snapshot().step());
            t.close();
            assertEquals(TrainerState.STOPPED, t.state());
        } finally {
            background.shutdown();
        }
    }

    @Test
    void aPauseWakesALoopThatWaitsForTheSpeedLimit() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Trainer t = new Trainer(Runs.settings(UpdateRule.EMA, 0), Runs.mixture(), background);
            t.setSpeedLimit(0.001); // 1000 s between steps: the loop sleeps after the first step
            t.start();
            Runs.awaitStep(t, 1);
            assertTrue(t.pause());
            // structural, not a timing claim: without the wake-up the loop would sleep for 1000 s
            assertTrue(t.awaitIdle(Duration.ofSeconds(60)), "pause interrupts the wait");
            assertEquals(1, t.snapshot().step(), "the limit held back the second step");
            assertEquals(TrainerState.PAUSED, t.snapshot().state());
            t.setSpeedLimit(0);
            t.resume();
            Runs.awaitStep(t, 5);
            t.close();
        } finally {
            background.shutdown();
        }
    }

    @Test
    void dataOfTheWrongWidthIsRefusedUpFront() {
        DataSource narrow = DataSource.of(new float[12], 3, 4, "three rows of four");
        VqException e = assertThrows(VqException.class,
                () -> new Trainer(Runs.settings(UpdateRule.EMA, 1), narrow, Runs.SYNC));
        assertTrue(e.getMessage().contains("4 values but the quantizer expects 8"), e.getMessage());
    }
}
