package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vqlens.train.data.DataSource;
import vqlens.train.data.SyntheticData;

/** A NaN or infinity stops training at that step, is reported, and leaves the last good state. */
class NonFiniteTest {
    /** Rows of batch 5 (0-based), i.e. what step 6 reads with 64-row batches. */
    private static final int POISONED_BATCH = 5;

    private static DataSource poisoned(float value) {
        SyntheticData.Dataset d = SyntheticData.gaussianMixture(1000, 8, 16, 0.1, 5);
        float[] values = d.values().clone();
        values[(POISONED_BATCH * 64 + 3) * 8 + 2] = value;
        return DataSource.of(values, 1000, 8, "poisoned mixture");
    }

    @ParameterizedTest
    @EnumSource(UpdateRule.class)
    void aNonFiniteValuePausesAndRollsBackToTheLastGoodStep(UpdateRule method) {
        if (method == UpdateRule.KMEANS) {
            return; // one k-means step reads every row: covered by the next test
        }
        for (float poison : new float[] {Float.NaN, Float.POSITIVE_INFINITY, 3e38f}) {
            Trainer clean = Runs.trained(Runs.settings(method, POISONED_BATCH), Runs.mixture());
            Trainer t = new Trainer(Runs.settings(method, 20), poisoned(poison), Runs.SYNC);
            List<TrainingEvent> events = new ArrayList<>();
            t.addListener(s -> events.addAll(s.events()), Runnable::run);
            t.start();

            assertEquals(TrainerState.PAUSED, t.state(), "training stops at the bad step");
            assertEquals(POISONED_BATCH, t.snapshot().step());
            assertEquals(clean.snapshot().codebooks(), t.snapshot().codebooks(), "the state of the last good step");
            TrainingEvent nan = events.stream().filter(e -> e.kind() == TrainingEvent.Kind.NON_FINITE).findFirst().orElseThrow();
            assertEquals(POISONED_BATCH + 1, nan.step());
            assertTrue(nan.message().contains("row " + (POISONED_BATCH * 64 + 3)) || nan.message().contains("loss"),
                    nan.message());
            assertEquals(POISONED_BATCH, t.history().size(), "the bad step leaves no metrics");

            t.step(); // the cursor was rolled back too: the same rows fail again
            assertEquals(POISONED_BATCH, t.snapshot().step());
            assertEquals(2, events.stream().filter(e -> e.kind() == TrainingEvent.Kind.NON_FINITE).count());
        }
    }

    @ParameterizedTest
    @EnumSource(value = UpdateRule.class, names = "KMEANS")
    void aKMeansPassOverAPoisonedRowIsRolledBack(UpdateRule method) {
        Trainer t = new Trainer(Runs.settings(method, 3), poisoned(Float.NaN), Runs.SYNC);
        t.start();
        assertEquals(TrainerState.PAUSED, t.state());
        assertEquals(0, t.snapshot().step());
        assertEquals(null, t.snapshot().codebooks(), "back to before the initialisation");
        t.step();
        assertEquals(0, t.snapshot().step());
    }
}
