package vqlens.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random data against a double-precision brute-force search ({@code sum (z - c)^2}). Shapes cover several
 * chunks per worker, partial last chunks, one row, and odd head sizes.
 */
class BruteForceReferenceTest {
    /**
     * Relative float32 error of an expansion-formula distance, as a fraction of {@code ||z_h||² + ||c||²}:
     * the golden README measures 5.4e-7 on the reference module's shape; 4e-6 leaves room for longer heads (D up to 97)
     * and other summation orders.
     */
    private static final double RELATIVE_DISTANCE_ERROR = 4e-6;

    @ParameterizedTest(name = "B={0} H={1} E={2} K={3}")
    @CsvSource({"1, 4, 384, 256", "3000, 4, 384, 256", "2049, 2, 8, 5", "700, 3, 291, 17", "64, 1, 16, 300"})
    void indicesAndDistancesMatchTheDoubleReference(int rows, int heads, int width, int codes) {
        SplittableRandom random = new SplittableRandom(20241124L + rows);
        QuantizerConfig config = new QuantizerConfig(heads, width, codes);
        float[] cb = gaussian(random, config.codebookValues());
        float[] z = gaussian(random, rows * width);
        ProductQuantizer pq = ProductQuantizer.of(Codebooks.of(config, cb, true));

        long[] indices = new long[rows * heads];
        float[] distances = new float[rows * heads * codes];
        pq.forward(z, rows, 0, indices, null, distances);
        long[] encoded = new long[rows * heads];
        pq.encode(z, rows, 0, encoded);
        assertArrayEquals(indices, encoded, "encode agrees with forward");

        int dim = config.headDim();
        int decisive = 0;
        for (int b = 0; b < rows; b++) {
            for (int h = 0; h < heads; h++) {
                double zsq = 0;
                for (int d = 0; d < dim; d++) {
                    zsq += sq(z[b * width + h * dim + d]);
                }
                double best = Double.POSITIVE_INFINITY;
                double second = Double.POSITIVE_INFINITY;
                int bestK = -1;
                double maxScale = 0;
                for (int k = 0; k < codes; k++) {
                    double exact = 0;
                    double csq = 0;
                    for (int d = 0; d < dim; d++) {
                        double c = cb[(h * codes + k) * dim + d];
                        exact += sq(z[b * width + h * dim + d] - c);
                        csq += c * c;
                    }
                    double scale = zsq + csq;
                    maxScale = Math.max(maxScale, scale);
                    float got = distances[(b * heads + h) * codes + k];
                    assertEquals(exact, got, RELATIVE_DISTANCE_ERROR * scale, "distance b=" + b + " h=" + h + " k=" + k);
                    if (exact < best) {
                        second = best;
                        best = exact;
                        bestK = k;
                    } else if (exact < second) {
                        second = exact;
                    }
                }
                // Only a gap wider than twice the float32 error can decide the index unambiguously.
                if (second - best > 2 * RELATIVE_DISTANCE_ERROR * maxScale) {
                    decisive++;
                    assertEquals(bestK, indices[b * heads + h], "index b=" + b + " h=" + h);
                }
            }
        }
        assertTrue(decisive >= rows * heads * 0.9, "most decisions are unambiguous: " + decisive + " of " + rows * heads);
    }

    @org.junit.jupiter.api.Test
    void everyCodeDecodesToItselfBitForBitAndEncodesToItself() {
        SplittableRandom random = new SplittableRandom(7);
        QuantizerConfig config = QuantizerConfig.seedDefault();
        float[] cb = gaussian(random, config.codebookValues());
        ProductQuantizer pq = ProductQuantizer.of(Codebooks.of(config, cb, true));
        int codes = config.codes();
        int heads = config.heads();
        long[] indices = new long[codes * heads];
        for (int k = 0; k < codes; k++) {
            for (int h = 0; h < heads; h++) {
                indices[k * heads + h] = (k + 31L * h) % codes;
            }
        }
        float[] decoded = new float[codes * config.embeddingDim()];
        pq.decode(indices, codes, 0, decoded);
        for (int k = 0; k < codes; k++) {
            for (int h = 0; h < heads; h++) {
                int code = (int) indices[k * heads + h];
                for (int d = 0; d < config.headDim(); d++) {
                    assertEquals(Float.floatToRawIntBits(cb[(h * codes + code) * config.headDim() + d]),
                            Float.floatToRawIntBits(decoded[k * config.embeddingDim() + h * config.headDim() + d]));
                }
            }
        }
        long[] again = new long[indices.length];
        pq.encode(decoded, codes, 0, again);
        assertArrayEquals(indices, again, "a code is its own nearest code");
        assertArrayEquals(decoded, pq.decode(Nd4j.createFromArray(indices).reshape(codes, heads)).data().asFloat(), 0f);
    }

    static float[] gaussian(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            // Box–Muller keeps this independent of any library's generator
            double u = 1.0 - random.nextDouble();
            v[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return v;
    }

    private static double sq(double v) {
        return v * v;
    }
}
