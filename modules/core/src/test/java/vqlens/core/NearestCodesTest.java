package vqlens.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link NearestCodes} (plain Java, for the inspector and the edits) against the encoder itself,
 * {@link ProductQuantizer#encode(float[], int, long, long[])}, where float32 rounding decides the answer.
 */
class NearestCodesTest {

    /**
     * A near-tie: in float32 the expansion gives both codes the distance 0.0 (‖z‖² ≈ 22,793 leaves a 2⁻⁹ step),
     * so the first code wins; in double code 1 is nearer (3.4e-8 against 4.8e-6). Found with numpy.
     */
    private static final float TIE_ROW = 150.97392f;
    private static final float TIE_CODE_0 = 150.97173f;
    private static final float TIE_CODE_1 = 150.9741f;

    @Test
    void aNearTieResolvesAsTheEncoderResolvesIt() {
        QuantizerConfig config = new QuantizerConfig(1, 1, 2);
        Codebooks cb = Codebooks.of(config, new float[] {TIE_CODE_0, TIE_CODE_1}, true);
        double exact0 = sq((double) TIE_ROW - TIE_CODE_0);
        double exact1 = sq((double) TIE_ROW - TIE_CODE_1);
        assertTrue(exact1 < exact0, "in double code 1 is nearer: the case is a real near-tie");

        long[] encoded = new long[1];
        ProductQuantizer.of(cb).encode(new float[] {TIE_ROW}, 1, 0, encoded);
        assertEquals(0, encoded[0], "the encoder's float32 expansion ties, first minimum");
        assertArrayEquals(new int[] {(int) encoded[0]}, NearestCodes.ofRow(cb, new float[] {TIE_ROW}));
        assertArrayEquals(new int[] {(int) encoded[0]}, NearestCodes.ofHead(cb, 0, new float[] {TIE_ROW}, 1));
    }

    /**
     * One-dimensional heads far from the origin: the dot product is a single rounded product (no summation
     * order for BLAS to differ in), while ‖z‖² + ‖c‖² rounds at every step, so many rows are float32
     * near-ties. Every one must come out as the encoder says.
     */
    @Test
    void manyRoundedNearTiesMatchTheEncoderRowForRow() {
        SplittableRandom random = new SplittableRandom(20261207L);
        int heads = 3;
        int codes = 24;
        int rows = 4000;
        QuantizerConfig config = new QuantizerConfig(heads, heads, codes);
        float[] values = new float[config.codebookValues()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (200 + random.nextDouble() * 0.05);
        }
        float[] z = new float[rows * heads];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (200 + random.nextDouble() * 0.05);
        }
        Codebooks cb = Codebooks.of(config, values, true);
        long[] encoded = new long[rows * heads];
        ProductQuantizer.of(cb).encode(z, rows, 0, encoded);
        int differFromDouble = 0;
        for (int h = 0; h < heads; h++) {
            int[] got = NearestCodes.ofHead(cb, h, z, rows);
            for (int r = 0; r < rows; r++) {
                assertEquals(encoded[r * heads + h], got[r], "row " + r + " head " + h);
                if (got[r] != exactNearest(values, codes, h, z[r * heads + h])) {
                    differFromDouble++;
                }
            }
        }
        assertTrue(differFromDouble > 100, "the data holds near-ties that double decides otherwise: " + differFromDouble);
    }

    /** Values on a 1/16 grid make every sum exact, so exact ties are frequent: the first code wins, as in the encoder. */
    @Test
    void exactTiesGoToTheFirstCodeAsInTheEncoder() {
        SplittableRandom random = new SplittableRandom(11);
        QuantizerConfig config = new QuantizerConfig(2, 8, 16);
        float[] values = grid(random, config.codebookValues());
        int rows = 500;
        float[] z = grid(random, rows * 8);
        Codebooks cb = Codebooks.of(config, values, true);
        long[] encoded = new long[rows * 2];
        ProductQuantizer.of(cb).encode(z, rows, 0, encoded);
        for (int h = 0; h < 2; h++) {
            int[] got = NearestCodes.ofHead(cb, h, z, rows);
            for (int r = 0; r < rows; r++) {
                assertEquals(encoded[r * 2 + h], got[r], "row " + r + " head " + h);
            }
        }
        float[] row = new float[8];
        System.arraycopy(z, 8 * 7, row, 0, 8);
        assertArrayEquals(new int[] {(int) encoded[14], (int) encoded[15]}, NearestCodes.ofRow(cb, row));
    }

    @Test
    void wrongShapesAreRefusedInOneLine() {
        Codebooks cb = Codebooks.of(new QuantizerConfig(2, 4, 3), new float[2 * 3 * 2], true);
        assertEquals("a row of 3 values, the codebooks take 4",
                assertThrows(VqException.class, () -> NearestCodes.ofRow(cb, new float[3])).getMessage());
        assertEquals("head 2 outside 0..1",
                assertThrows(VqException.class, () -> NearestCodes.ofHead(cb, 2, new float[4], 1)).getMessage());
        assertEquals("data rows: expected 2 x 4 values",
                assertThrows(VqException.class, () -> NearestCodes.ofHead(cb, 0, new float[4], 2)).getMessage());
    }

    @Test
    void aNonFiniteDistanceNeverWins() {
        Codebooks cb = Codebooks.of(new QuantizerConfig(1, 1, 3), new float[] {Float.NaN, 5, 1}, false);
        assertArrayEquals(new int[] {2}, NearestCodes.ofRow(cb, new float[] {0.5f}));
        assertArrayEquals(new int[] {0}, NearestCodes.ofRow(cb, new float[] {Float.NaN}), "no finite distance: code 0");
    }

    private static int exactNearest(float[] values, int codes, int head, float z) {
        int best = 0;
        for (int c = 1; c < codes; c++) {
            if (sq((double) z - values[head * codes + c]) < sq((double) z - values[head * codes + best])) {
                best = c;
            }
        }
        return best;
    }

    private static float[] grid(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(-8, 9) / 16f;
        }
        return v;
    }

    private static double sq(double v) {
        return v * v;
    }
}
