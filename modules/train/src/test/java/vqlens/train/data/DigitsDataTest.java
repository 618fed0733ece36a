package vqlens.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vqlens.core.VqException;

class DigitsDataTest {
    /** Row 0 and row 1500 of scikit-learn's {@code digits.csv.gz} (64 pixels, then the label), as the file has them. */
    private static final int[] CSV_ROW_0 = {0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0,
            0, 4, 12, 0, 0, 8, 8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0, 0};
    private static final int[] CSV_ROW_1500 = {0, 0, 0, 3, 12, 12, 2, 0, 0, 0, 7, 15, 16, 16, 0, 0, 0, 4, 15, 9, 14, 16, 3,
            0, 0, 2, 0, 0, 14, 16, 0, 0, 0, 0, 0, 0, 14, 16, 0, 0, 0, 0, 0, 0, 15, 13, 0, 0, 0, 0, 0, 0, 16, 14, 1, 0, 0, 0, 0, 3, 16, 13, 2, 0, 1};

    @Test
    void heldOutImagesAreTheFilesLastRowsScaledBySixteenthForEverySeed() {
        SyntheticData.Dataset held = DigitsData.heldOut(DigitsData.HELD_OUT_ROWS);
        assertEquals(DigitsData.HELD_OUT_ROWS, held.rows());
        assertEquals(64, held.dim());
        assertArrayEquals(scaled(CSV_ROW_1500), Arrays.copyOf(held.values(), 64), "row 1500 of the file, pixels / 16 (exact in float)");
        assertEquals(CSV_ROW_1500[64], held.labels()[0]);
        assertArrayEquals(held.values(), BuiltInDataset.DIGITS.heldOut(DigitsData.HELD_OUT_ROWS, 0, 0, 0, 99).values(),
                "the held-out images do not depend on the seed");
    }

    @Test
    void allTrainingRowsAreEveryTrainingImageOnceShuffledBySeedAndNeverAHeldOutOne() {
        SyntheticData.Dataset a = DigitsData.train(DigitsData.TRAIN_ROWS, 1);
        SyntheticData.Dataset b = DigitsData.train(DigitsData.TRAIN_ROWS, 2);
        assertEquals(images(a), images(b), "both seeds use the same 1500 images");
        assertNotEquals(Arrays.toString(a.values()), Arrays.toString(b.values()), "in another order");
        assertTrue(images(a).contains(Arrays.toString(scaled(CSV_ROW_0))), "row 0 of the file is a training image");
        Set<String> held = images(DigitsData.heldOut(DigitsData.HELD_OUT_ROWS));
        Set<String> both = new HashSet<>(held);
        both.retainAll(images(a));
        assertEquals(Set.of(), both, "no held-out image is also a training image");
        for (float v : a.values()) {
            assertTrue(v >= 0 && v <= 1, "pixels in [0, 1]");
        }
    }

    @Test
    void fewerRowsAreASeededDrawTheSameSeedGivingTheSameRows() {
        SyntheticData.Dataset a = DigitsData.train(100, 7);
        assertArrayEquals(a.values(), BuiltInDataset.DIGITS.generate(100, 0, 0, 0, 7).values(), "same seed, same rows");
        assertArrayEquals(a.labels(), DigitsData.train(100, 7).labels());
        assertFalse(Arrays.equals(a.values(), DigitsData.train(100, 8).values()), "another seed draws other rows");
        assertEquals(100, images(a).size(), "a draw without replacement");
    }

    @Test
    void tooManyRowsAreRefusedInOneLine() {
        VqException e = assertThrows(VqException.class, () -> DigitsData.train(1501, 1));
        assertEquals("the digits have 1500 training images: rows must be 1 to 1500, got 1501", e.getMessage());
        assertThrows(VqException.class, () -> DigitsData.heldOut(298));
        assertEquals(1, BuiltInDataset.DIGITS.rowsProblems(0).size());
        assertEquals(0, BuiltInDataset.DIGITS.rowsProblems(1500).size());
        assertEquals(0, BuiltInDataset.SHAPES.rowsProblems(1_000_000).size(), "generated sets have no such limit");
    }

    @Test
    void theBuiltInSetIsSixtyFourWideWithAllTrainingImagesByDefault() {
        assertEquals(BuiltInDataset.DIGITS, BuiltInDataset.parse("digits"));
        assertEquals(64, BuiltInDataset.DIGITS.fixedDim());
        assertEquals(DigitsData.TRAIN_ROWS, BuiltInDataset.DIGITS.defaultRows());
        assertEquals(BuiltInDataset.DEFAULT_ROWS, BuiltInDataset.MIXTURE.defaultRows());
        assertEquals("digits: 1500 x 64, seed 3", BuiltInDataset.DIGITS.describe(1500, 0, 0, 0, 3));
    }

    private static float[] scaled(int[] csvRow) {
        float[] v = new float[64];
        for (int i = 0; i < 64; i++) {
            v[i] = csvRow[i] / 16f;
        }
        return v;
    }

    private static Set<String> images(SyntheticData.Dataset d) {
        Set<String> s = new HashSet<>();
        for (int r = 0; r < d.rows(); r++) {
            s.add(Arrays.toString(Arrays.copyOfRange(d.values(), r * d.dim(), (r + 1) * d.dim())));
        }
        return s;
    }
}
