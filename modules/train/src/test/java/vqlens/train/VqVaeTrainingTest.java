package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.train.data.DataSource;
import vqlens.train.data.ShapesData;

/** The full VQ-VAE mode through the public trainer, on the built-in 16 × 16 shapes. */
class VqVaeTrainingTest {
    static final QuantizerConfig LATENT = new QuantizerConfig(4, 16, 32);
    static final VqVaeShape NET = new VqVaeShape(ShapesData.DIM, List.of(128, 64));

    static TrainingSettings settings(long steps) {
        return new TrainingSettings(LATENT, UpdateRule.ADAM, Init.LAZY, 64, 42, steps,
                Hyperparameters.defaults(UpdateRule.ADAM, 64, LATENT.codes()).withLearningRate(2e-3), 1, NET);
    }

    static DataSource shapes() {
        return DataSource.of(ShapesData.generate(2048, 9), "shapes");
    }

    @Test
    void sameSeedGivesBitIdenticalCodebooks() {
        float[] a;
        float[] b;
        try (Trainer t = Runs.trained(settings(2), shapes())) {
            a = t.snapshot().codebooks().toArray();
        }
        try (Trainer t = Runs.trained(settings(2), shapes())) {
            b = t.snapshot().codebooks().toArray();
        }
        assertTrue(java.util.Arrays.equals(a, b));
    }

    @Test
    void sameSeedGivesBitIdenticalNetworkWeightsAndMoments() {
        float[] a;
        float[] b;
        try (Trainer t = Runs.trained(settings(3), shapes())) {
            a = t.checkpoint().join().state().updateRuleState();
        }
        try (Trainer t = Runs.trained(settings(3), shapes())) {
            b = t.checkpoint().join().state().updateRuleState();
        }
        assertTrue(a.length > 0);
        assertTrue(java.util.Arrays.equals(a, b), "weights and Adam moments after 3 steps");
    }

    @Test
    void checkpointCarriesTheNetworkAndResumesExactly(@TempDir Path dir) {
        List<StepMetrics> straight;
        try (Trainer t = Runs.trained(settings(2), shapes())) {
            straight = t.history();
        }
        Path file = dir.resolve("vae.ckpt.npz");
        try (Trainer t = Runs.trained(settings(1), shapes())) {
            t.checkpoint().join().save(file);
        }
        Checkpoint loaded = Checkpoint.load(file);
        assertEquals(NET, loaded.settings().network());
        try (Trainer t = Trainer.fromCheckpoint(loaded, 2, shapes(), Runs.SYNC)) {
            t.start();
            List<StepMetrics> resumed = t.history();
            assertEquals(2, resumed.size());
            for (int i = 0; i < 2; i++) {
                assertTrue(straight.get(i).sameValuesAs(resumed.get(i)), "step " + (i + 1));
            }
        }
    }

    @Test
    void refusesMethodsWithoutGradientsAndWrongWidths() {
        assertFalse(settings(1).withNetwork(null).vqvae());
        org.junit.jupiter.api.Assertions.assertThrows(VqException.class, () -> new TrainingSettings(LATENT, UpdateRule.EMA,
                Init.LAZY, 64, 1, 1, Hyperparameters.defaults(UpdateRule.EMA, 64, LATENT.codes()), 1, NET));
        org.junit.jupiter.api.Assertions.assertThrows(VqException.class, () -> new Trainer(settings(1),
                DataSource.of(vqlens.train.data.SyntheticData.standardNormal(10, 16, 1), "narrow"), Runs.SYNC));
    }
}
