package vqlens.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SIMD first-minimum answers exactly as the scalar one, ties, NaN and odd code counts included. */
class FirstMinimumTest {
    private final FirstMinimum scalar = new ScalarFirstMinimum();
    private final FirstMinimum best = FirstMinimum.best();

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 8, 17, 256, 300})
    void simdAndScalarAgreeBitForBit(int codes) {
        assertTrue(best instanceof VectorFirstMinimum, "the test JVM adds jdk.incubator.vector, so SIMD is in use");
        SplittableRandom random = new SplittableRandom(codes);
        for (int trial = 0; trial < 2000; trial++) {
            float[] scores = new float[codes];
            float[] norms = new float[codes];
            for (int k = 0; k < codes; k++) {
                // few distinct values, so exact ties are common
                scores[k] = random.nextInt(6) - 3;
                norms[k] = random.nextInt(3);
            }
            if (trial % 7 == 0) {
                scores[random.nextInt(codes)] = Float.NaN;
            }
            if (trial % 11 == 0) {
                scores[random.nextInt(codes)] = Float.NEGATIVE_INFINITY;
            }
            float zsq = random.nextInt(4);
            float[] a = scores.clone();
            float[] b = scores.clone();
            assertEquals(scalar.find(a, 0, codes, zsq, norms, true), best.find(b, 0, codes, zsq, norms, true), "trial " + trial);
            assertArrayEquals(a, b, 0f);
            assertEquals(scalar.find(scores, 0, codes, zsq, norms, false), best.find(scores, 0, codes, zsq, norms, false));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 256})
    void tiesGoToTheFirstIndexAndNonFiniteMinimaAreReported(int codes) {
        float[] norms = new float[codes];
        float[] scores = new float[codes];
        java.util.Arrays.fill(scores, 2f);
        scores[codes - 1] = 1f;
        scores[codes / 2] = 1f;
        assertEquals(codes / 2, best.find(scores.clone(), 0, codes, 0f, norms, false));
        java.util.Arrays.fill(scores, Float.NaN);
        assertEquals(-1, best.find(scores.clone(), 0, codes, 0f, norms, false));
        scores[codes - 1] = Float.NEGATIVE_INFINITY;
        assertEquals(-1, best.find(scores, 0, codes, 0f, norms, false));
    }
}
