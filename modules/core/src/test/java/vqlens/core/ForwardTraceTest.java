package vqlens.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Lesson 3's stages: the expansion's terms add up to the forward's own distances, on the PyTorch golden cases. */
class ForwardTraceTest {
    /**
     * The terms are summed in another order than the kernel's BLAS sums the dot product: relative to
     * {@code ‖z_h‖² + ‖c‖²} they agree within float32 rounding of a 96-term sum (the golden README measures 5.4e-7
     * for the expansion against the exact distance; 1e-5 leaves room for both roundings).
     */
    private static final double TERMS_RELATIVE = 1e-5;
    /** Rows traced per case: enough to cover case 1's exact matches (0–7), zero row (8) and noisy rows. */
    private static final int ROWS = 40;

    @ParameterizedTest
    @ValueSource(strings = {"case1", "case2"})
    void stagesAreTheForwardsOwnAnswerAndTheTermsAddUpToIt(String name) {
        ProductQuantizer pq = ProductQuantizer.of(Golden.codebooks(name));
        INDArray z = Golden.load(name + "_z");
        long[] goldenIndices = Golden.load(name + "_indices").data().asLong();
        float[] goldenDistances = Golden.load(name + "_distances").data().asFloat();
        QuantizerConfig q = pq.config();
        int rows = (int) Math.min(ROWS, z.size(0));
        for (int b = 0; b < rows; b++) {
            ForwardTrace t = ForwardTrace.of(pq, z.getRow(b).dup().data().asFloat());
            for (int h = 0; h < q.heads(); h++) {
                assertEquals(goldenIndices[b * q.heads() + h], t.index(h), name + " row " + b + " head " + h);
                for (int c = 0; c < q.codes(); c++) {
                    float golden = goldenDistances[(b * q.heads() + h) * q.codes() + c];
                    assertEquals(golden, t.distance(h, c), Golden.CASE1_DISTANCE_TOLERANCE, name + " distance");
                    double scale = t.rowNormSquared(h) + t.codeNormSquared(h, c);
                    assertEquals(t.distance(h, c), t.expansion(h, c), TERMS_RELATIVE * Math.max(scale, 1e-30),
                            name + " row " + b + " head " + h + " code " + c + ": terms");
                    assertEquals(t.direct(h, c), t.distance(h, c), Golden.CASE1_DISTANCE_TOLERANCE, "direct");
                }
                assertArrayEquals(t.chosenCode(h), pq.snapshot().code(h, t.index(h)));
            }
            float[] quantized = t.quantized();
            for (int h = 0; h < q.heads(); h++) {
                float[] code = t.chosenCode(h);
                for (int j = 0; j < q.headDim(); j++) {
                    assertEquals(code[j], quantized[h * q.headDim() + j], Golden.CASE1_QUANTIZED_TOLERANCE, "z_q");
                }
            }
        }
    }

    @Test
    void aTieGoesToTheFirstCodeAndIsShownAsATie() {
        ProductQuantizer pq = ProductQuantizer.of(Golden.codebooks("case2"));
        // case2.txt, z[1]: head 0 is at distance 0.5 from codes 0, 1, 2 and 3.
        ForwardTrace t = ForwardTrace.of(pq, new float[] {0.5f, 0.5f, 0, 0, 1, 1, 1, 1});
        assertEquals(0, t.index(0));
        assertArrayEquals(new int[] {0, 1, 2, 3}, t.tiedAtMinimum(0));
        assertArrayEquals(new int[] {0, 1, 2}, t.nearest(0, 3));
        assertArrayEquals(new int[] {0}, t.tiedAtMinimum(1));
        assertTrue(Arrays.equals(new float[] {0.5f, 0.5f, 0, 0}, t.part(0)));
    }

    @Test
    void aRowOfTheWrongLengthOrWithNaNIsRefused() {
        ProductQuantizer pq = ProductQuantizer.of(Golden.codebooks("case2"));
        VqException wrong = assertThrows(VqException.class, () -> ForwardTrace.of(pq, new float[3]));
        assertTrue(wrong.getMessage().contains("8"), wrong.getMessage());
        float[] nan = new float[8];
        nan[2] = Float.NaN;
        assertThrows(VqException.class, () -> ForwardTrace.of(pq, nan));
    }

    @Test
    void distanceTermsInPlainJavaAreTheForwardsTermsAndDistance() {
        Codebooks cb = Golden.codebooks("case1");
        ProductQuantizer pq = ProductQuantizer.of(cb);
        float[] row = Golden.load("case1_z").getRow(300).dup().data().asFloat();
        ForwardTrace t = ForwardTrace.of(pq, row);
        for (int h = 0; h < 4; h++) {
            for (int c = 0; c < 256; c += 17) {
                DistanceTerms d = DistanceTerms.of(cb, h, row, c);
                assertEquals(t.rowNormSquared(h), d.rowNormSquared());
                assertEquals(t.codeNormSquared(h, c), d.codeNormSquared());
                assertEquals(t.expansion(h, c), d.expansion(), TERMS_RELATIVE * (d.rowNormSquared() + d.codeNormSquared()));
                assertEquals(t.direct(h, c), d.direct());
                assertEquals(t.distance(h, c), d.expansion(), TERMS_RELATIVE * (d.rowNormSquared() + d.codeNormSquared()));
            }
        }
    }
}
