package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vqlens.core.Codebooks;

/** Same seed and settings → bit-identical codebooks and identical metrics (CPU backend). */
class DeterminismTest {

    @ParameterizedTest
    @EnumSource(UpdateRule.class)
    void theSameSeedGivesBitIdenticalCodebooks(UpdateRule method) {
        for (Init init : Init.values()) {
            TrainingSettings s = Runs.settings(method, 15).withInit(init);
            Trainer a = Runs.trained(s, Runs.mixture());
            Trainer b = Runs.trained(s, Runs.mixture());
            Codebooks ca = a.snapshot().codebooks();
            assertArrayEquals(ca.toArray(), b.snapshot().codebooks().toArray(), 0f, method + " " + init);
            assertEquals(ca, b.snapshot().codebooks(), "Codebooks.equals compares float bits");
            List<StepMetrics> ha = a.history();
            List<StepMetrics> hb = b.history();
            assertEquals(ha.size(), hb.size());
            for (int i = 0; i < ha.size(); i++) {
                assertTrue(ha.get(i).sameValuesAs(hb.get(i)), "step " + (i + 1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UpdateRule.class)
    void anotherSeedGivesOtherCodebooks(UpdateRule method) {
        Trainer a = Runs.trained(Runs.settings(method, 5), Runs.mixture());
        TrainingSettings other = new TrainingSettings(Runs.SMALL, method, Init.LAZY, 64, 43, 5,
                Hyperparameters.defaults(method, 64, Runs.SMALL.codes()), 1);
        Trainer b = Runs.trained(other, Runs.mixture());
        assertNotEquals(a.snapshot().codebooks(), b.snapshot().codebooks());
    }

    @ParameterizedTest
    @EnumSource(UpdateRule.class)
    void snapshotFrequencyDoesNotChangeTraining(UpdateRule method) {
        Trainer every = Runs.trained(Runs.settings(method, 12), Runs.mixture());
        Trainer sparse = Runs.trained(Runs.settings(method, 12).withSnapshotEvery(5), Runs.mixture());
        assertEquals(every.snapshot().codebooks(), sparse.snapshot().codebooks(),
                "metrics sampling uses its own random generator");
    }
}
