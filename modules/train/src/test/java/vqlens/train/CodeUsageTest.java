package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vqlens.core.QuantizerConfig;
import vqlens.train.data.DataSource;
import vqlens.train.data.DigitsData;

class CodeUsageTest {
    /** Perplexity is a sum of a few logs and one exp: a few ulps of double. */
    private static final double EXACT = 1e-12;
    /** One row decoded alone and five decoded together round differently (BLAS blocks by batch): float32 ulps. */
    private static final float DECODE_ROUNDING = 1e-5f;

    @Test
    void countsEachHeadsCodesAndItsPerplexity() {
        // 4 rows, 2 heads: head 0 uses codes 0,0,1,1 (perplexity 2), head 1 always code 2 (perplexity 1)
        CodeUsage u = CodeUsage.of(new long[] {0, 2, 0, 2, 1, 2, 1, 2}, 2, 3);
        assertArrayEquals(new long[] {2, 2, 0, 0, 0, 4}, u.counts());
        assertEquals(2, u.perplexity(0), EXACT);
        assertEquals(1, u.perplexity(1), EXACT);
        assertEquals(1.5, u.meanPerplexity(), EXACT);
        assertEquals(1, u.unused(0));
        assertEquals(2, u.unused(1));
        assertEquals(3 / 6.0, u.unusedFraction(), EXACT);
        assertThrows(IndexOutOfBoundsException.class, () -> CodeUsage.of(new long[] {3, 0}, 2, 3));
    }

    @Test
    void aVqVaesCodesAreWhatItsReconstructionDecodes() {
        QuantizerConfig latent = new QuantizerConfig(2, 8, 16);
        TrainingSettings s = new TrainingSettings(latent, UpdateRule.ADAM, Init.LAZY, 32, 3, 20,
                Hyperparameters.defaults(UpdateRule.ADAM, 32, 16).withLearningRate(3e-3), 10,
                new VqVaeShape(DigitsData.DIM, List.of(32)));
        float[] rows = DigitsData.heldOut(5).values();
        try (Trainer t = Runs.trained(s, DataSource.of(DigitsData.train(200, 3), "digits"))) {
            Checkpoint c = t.checkpoint().join();
            long[] codes = VqVaeReconstruction.codes(c, rows);
            float[] reconstructions = VqVaeReconstruction.reconstruct(c, rows);
            assertEquals(5 * 2, codes.length);
            for (int i = 0; i < 5; i++) {
                int[] own = {(int) codes[2 * i], (int) codes[2 * i + 1]};
                float[] decoded = t.decode(own).join();
                assertArrayEquals(Arrays.copyOfRange(reconstructions, i * DigitsData.DIM, (i + 1) * DigitsData.DIM),
                        decoded, DECODE_ROUNDING, "row " + i + ": the trainer decodes its codes " + Arrays.toString(own) + " to its reconstruction");
            }
            assertEquals(5, Arrays.stream(CodeUsage.of(codes, 2, 16).counts()).limit(16).sum());
        }
    }
}
