package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;
import vqlens.train.data.DataSource;
import vqlens.train.data.SyntheticData;

/** Training finds the known centres of a Gaussian mixture. */
class RecoveryTest {
    /** The bar: nearly every code holds rows of one cluster only. */
    private static final double MIN_PURITY = 0.99;

    /**
     * With as many codes as clusters only a good seeding avoids a code straddling two clusters (greedy
     * k-means++ does; the lazy random-row init does not, whatever the method); with twice as many codes
     * the lazy init works too, each cluster then holding one or more pure codes.
     */
    @ParameterizedTest(name = "{0} {1} heads={2} codes={3}")
    @CsvSource({
            "KMEANS, KMEANS_PLUS_PLUS, 1, 16, 30, 4000",
            "KMEANS, KMEANS_PLUS_PLUS, 2, 16, 30, 4000",
            "EMA,    KMEANS_PLUS_PLUS, 1, 16, 300, 256",
            "EMA,    LAZY,             1, 32, 300, 256",
            "ADAM,   KMEANS_PLUS_PLUS, 1, 16, 600, 256",
            "ADAM,   LAZY,             1, 32, 600, 256",
    })
    void aGaussianMixtureIsRecoveredWithHighPurity(UpdateRule method, Init init, int heads, int codes, int steps, int batch) {
        int clusters = 16;
        int dim = 8;
        SyntheticData.Dataset d = SyntheticData.gaussianMixture(4000, dim, clusters, 0.05, 11);
        QuantizerConfig config = new QuantizerConfig(heads, dim, codes);
        TrainingSettings settings = new TrainingSettings(config, method, init, batch, 3, steps,
                Hyperparameters.defaults(method, batch, codes).withLearningRate(method == UpdateRule.ADAM ? 0.05 : 0), 50);
        Trainer t = Runs.trained(settings, DataSource.of(d, "mixture"));
        assertEquals(TrainerState.FINISHED, t.state());

        ProductQuantizer pq = ProductQuantizer.of(t.snapshot().codebooks());
        long[] idx = new long[d.rows() * heads];
        pq.encode(d.values(), d.rows(), 0, idx);
        for (int h = 0; h < heads; h++) {
            int[][] table = new int[codes][clusters]; // code x label
            for (int r = 0; r < d.rows(); r++) {
                table[(int) idx[r * heads + h]][d.labels()[r]]++;
            }
            int majority = 0;
            for (int[] row : table) {
                int best = 0;
                for (int c : row) {
                    best = Math.max(best, c);
                }
                majority += best;
            }
            double purity = (double) majority / d.rows();
            assertTrue(purity >= MIN_PURITY, method + " " + init + " head " + h + ": purity " + purity);
        }
        double finalMse = t.snapshot().latest().mse();
        // rows are centre + N(0, 0.05²) noise: a perfect codebook leaves MSE ≈ 0.0025 per element
        assertTrue(finalMse < 0.004, "MSE " + finalMse);
    }
}
