package vqlens.core.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;

/** What each editing operation does to the codebooks. */
class CodebookEditsTest {

    /** Float rounding of a mean or a normalisation done in double and stored as float32. */
    private static final double FLOAT_ROUNDING = 1e-6;

    private final Codebooks cb = EditFixtures.codebooks(2, 8, 3, 11);
    private final float[] rows = EditFixtures.rows(cb, 200, 12);

    /** Every code outside {@code changed} of {@code head}, and every other head, is bit-identical. */
    private void assertOnlyChanged(Codebooks before, Codebooks after, int head, int... changed) {
        Set<Integer> set = new HashSet<>();
        for (int c : changed) {
            set.add(c);
        }
        for (int h = 0; h < before.config().heads(); h++) {
            for (int c = 0; c < before.config().codes(); c++) {
                if (h != head || !set.contains(c)) {
                    assertArrayEquals(before.code(h, c), after.code(h, c), "head " + h + " code " + c);
                }
            }
        }
    }

    @Test
    void setValueChangesOneNumber() {
        Codebooks after = CodebookEdits.setValue(cb, 1, 5, 2, 7.5f).apply(cb);
        assertEquals(7.5f, after.value(1, 5, 2));
        assertEquals(cb.value(1, 5, 0), after.value(1, 5, 0));
        assertOnlyChanged(cb, after, 1, 5);
    }

    @Test
    void setCodeGivesTheVector() {
        SetCodes edit = CodebookEdits.setCode(cb, 0, 3, new float[] {1, 2, 3});
        Codebooks after = edit.apply(cb);
        assertArrayEquals(new float[] {1, 2, 3}, after.code(0, 3));
        assertOnlyChanged(cb, after, 0, 3);
        assertEquals("set head 0 code 3", edit.description());
    }

    @Test
    void reinitFromDataRowTakesThatRowsHeadSliceAndNamesIt() {
        SetCodes edit = CodebookEdits.reinitFromDataRow(cb, 1, 4, rows, 200, 99);
        String d = edit.description();
        assertTrue(d.startsWith("re-initialise head 1 code 4 from data row "), d);
        int row = Integer.parseInt(d.substring(d.lastIndexOf(' ') + 1));
        Codebooks after = edit.apply(cb);
        assertArrayEquals(EditFixtures.slice(cb, rows, row, 1), after.code(1, 4));
        assertOnlyChanged(cb, after, 1, 4);
    }

    @Test
    void cellMeanIsTheMeanOfTheRowsNearestTheCode() {
        int[] nearest = NearestCodes.ofHead(cb, 0, rows, 200);
        int code = nearest[0];
        double[] sum = new double[3];
        int n = 0;
        for (int r = 0; r < 200; r++) {
            if (nearest[r] == code) {
                for (int j = 0; j < 3; j++) {
                    sum[j] += rows[r * 6 + j];
                }
                n++;
            }
        }
        Codebooks after = CodebookEdits.reinitToCellMean(cb, 0, code, rows, 200).apply(cb);
        for (int j = 0; j < 3; j++) {
            assertEquals(sum[j] / n, after.value(0, code, j), FLOAT_ROUNDING);
        }
        assertOnlyChanged(cb, after, 0, code);
    }

    @Test
    void randomReinitIsSeededAndChangesTheCode() {
        SetCodes a = CodebookEdits.reinitRandom(cb, 0, 2, 5);
        assertEquals(a, CodebookEdits.reinitRandom(cb, 0, 2, 5));
        assertNotEquals(a.apply(cb), CodebookEdits.reinitRandom(cb, 0, 2, 6).apply(cb));
        Codebooks after = a.apply(cb);
        assertOnlyChanged(cb, after, 0, 2);
        assertTrue(!java.util.Arrays.equals(cb.code(0, 2), after.code(0, 2)));
    }

    @Test
    void randomReinitOfAnAllZeroHeadIsNotZero() {
        Codebooks zero = Codebooks.of(cb.config(), new float[cb.config().codebookValues()], false);
        Codebooks after = CodebookEdits.reinitRandom(zero, 0, 0, 1).apply(zero);
        assertTrue(after.norm(0, 0) > 0);
    }

    @Test
    void duplicateCopiesSourceOverTarget() {
        Codebooks after = CodebookEdits.duplicate(cb, 1, 2, 6).apply(cb);
        assertArrayEquals(cb.code(1, 2), after.code(1, 6));
        assertOnlyChanged(cb, after, 1, 6);
    }

    @Test
    void splitWithRowsMovesBothCodesSymmetricallyAlongTheCellsMainAxis() {
        // A head-0 cell stretched along dimension 1: rows (0, ±t, 0) around a lone code at the origin.
        Codebooks one = EditFixtures.codebooks(1, 4, 3, 3);
        for (int c = 1; c < 4; c++) {
            one = CodebookEdits.setCode(one, 0, c, new float[] {100 * c, 100, 100}).apply(one);
        }
        one = CodebookEdits.setCode(one, 0, 0, new float[] {0, 0, 0}).apply(one);
        float[] line = new float[40 * 3];
        for (int r = 0; r < 40; r++) {
            line[r * 3 + 1] = (r - 19.5f) / 10f; // spread along dim 1 only
            line[r * 3 + 2] = (r % 2 == 0 ? 0.01f : -0.01f);
        }
        EditSequence split = CodebookEdits.split(one, 0, 0, 2, line, 40, 7);
        Codebooks after = split.apply(one);
        float[] a = after.code(0, 0);
        float[] b = after.code(0, 2);
        for (int j = 0; j < 3; j++) {
            assertEquals(0.0, a[j] + b[j], FLOAT_ROUNDING, "symmetric about the old value");
        }
        // Along dim 1, at sqrt(2/pi) standard deviations of the cell.
        double var = 0;
        for (int r = 0; r < 40; r++) {
            double y = (r - 19.5) / 10.0;
            var += y * y;
        }
        double sigma = Math.sqrt(var / 40);
        double expected = Math.sqrt(2 / Math.PI) * sigma;
        // The rows' small cross-covariance tilts the axis by ~4e-4 rad (cos = 1 - 1e-7); then float32 rounding.
        assertEquals(expected, Math.abs(a[1]), 1e-5 * expected);
        assertTrue(Math.abs(a[0]) < 1e-3 && Math.abs(a[2]) < 1e-2, java.util.Arrays.toString(a));
        assertOnlyChanged(one, after, 0, 0, 2);
        assertEquals(1, split.steps().size());
        assertTrue(split.description().contains("main direction"), split.description());
    }

    @Test
    void splitWithoutRowsUsesASeededRandomDirectionOfTheHeadsSpread() {
        EditSequence s1 = CodebookEdits.split(cb, 0, 1, 5, null, 0, 42);
        assertEquals(s1, CodebookEdits.split(cb, 0, 1, 5, null, 0, 42));
        Codebooks after = s1.apply(cb);
        float[] old = cb.code(0, 1);
        float[] a = after.code(0, 1);
        float[] b = after.code(0, 5);
        double spread = EditMath.codeSpread(cb, 0);
        double dist = 0;
        for (int j = 0; j < 3; j++) {
            assertEquals(old[j], (a[j] + b[j]) / 2, FLOAT_ROUNDING * 10);
            dist += (a[j] - old[j]) * (a[j] - old[j]);
        }
        assertEquals(CodebookEdits.SPLIT_RANDOM_FRACTION * spread, Math.sqrt(dist), 1e-5);
        assertOnlyChanged(cb, after, 0, 1, 5);
    }

    @Test
    void mergeTakesTheUsageWeightedMeanAndReseedsTheOtherFromTheWorstServedRow() {
        double[] usage = {3, 1, 0, 0, 0, 0, 0, 0};
        EditSequence merge = CodebookEdits.merge(cb, 1, 0, 1, usage, rows, 200, 1);
        Codebooks after = merge.apply(cb);
        for (int j = 0; j < 3; j++) {
            assertEquals((3 * cb.value(1, 0, j) + cb.value(1, 1, j)) / 4, after.value(1, 0, j), FLOAT_ROUNDING);
        }
        // The freed code sits on a data row that no other code of the merged codebook serves worse.
        float[] freed = after.code(1, 1);
        double worst = -1;
        for (int r = 0; r < 200; r++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < 8; c++) {
                if (c != 1) {
                    double s = 0;
                    for (int j = 0; j < 3; j++) {
                        double diff = rows[r * 6 + 3 + j] - after.value(1, c, j);
                        s += diff * diff;
                    }
                    best = Math.min(best, s);
                }
            }
            worst = Math.max(worst, best);
        }
        double freedError = Double.POSITIVE_INFINITY;
        for (int c = 0; c < 8; c++) {
            if (c != 1) {
                double s = 0;
                for (int j = 0; j < 3; j++) {
                    double diff = freed[j] - after.value(1, c, j);
                    s += diff * diff;
                }
                freedError = Math.min(freedError, s);
            }
        }
        assertEquals(worst, freedError, 1e-9);
        assertOnlyChanged(cb, after, 1, 0, 1);
        assertEquals(merge, CodebookEdits.merge(cb, 1, 0, 1, usage, rows, 200, 999), "rows given: no randomness");
    }

    @Test
    void mergeWithoutUsageOrWithZeroUsageIsThePlainMean() {
        for (double[] usage : new double[][] {null, new double[8]}) {
            Codebooks after = CodebookEdits.merge(cb, 0, 4, 6, usage, null, 0, 3).apply(cb);
            for (int j = 0; j < 3; j++) {
                assertEquals((cb.value(0, 4, j) + cb.value(0, 6, j)) / 2, after.value(0, 4, j), FLOAT_ROUNDING);
            }
            assertOnlyChanged(cb, after, 0, 4, 6);
        }
    }

    @Test
    void replaceDeadReseedsEveryDeadCodeFromDistinctRows() {
        double[] usage = new double[16];
        java.util.Arrays.fill(usage, 10);
        usage[2] = 0;
        usage[5] = 1.5;
        usage[8 + 7] = 0;
        CodebookEdit edit = CodebookEdits.replaceDead(cb, usage, 2, rows, 200, 4);
        assertInstanceOf(EditSequence.class, edit);
        assertEquals(2, ((EditSequence) edit).steps().size(), "one SetCodes per head with dead codes");
        Codebooks after = edit.apply(cb);
        for (int h = 0; h < 2; h++) {
            for (int c = 0; c < 8; c++) {
                if (usage[h * 8 + c] < 2) {
                    assertTrue(isHeadSliceOfSomeRow(after.code(h, c), h), "head " + h + " code " + c);
                } else {
                    assertArrayEquals(cb.code(h, c), after.code(h, c));
                }
            }
        }
        assertTrue(!java.util.Arrays.equals(after.code(0, 2), after.code(0, 5)), "distinct rows");
        assertTrue(edit.description().startsWith("replace 3 dead codes"), edit.description());
    }

    private boolean isHeadSliceOfSomeRow(float[] v, int head) {
        for (int r = 0; r < 200; r++) {
            if (java.util.Arrays.equals(v, EditFixtures.slice(cb, rows, r, head))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void sortByUsageIsDescendingAndStable() {
        double[] usage = {1, 5, 5, 0, 9, 1, 2, 5};
        PermuteCodes sort = CodebookEdits.sortByUsage(cb, 1, usage);
        assertArrayEquals(new int[] {4, 1, 2, 7, 6, 0, 5, 3}, sort.order());
        Codebooks after = sort.apply(cb);
        assertArrayEquals(cb.code(1, 4), after.code(1, 0));
        assertArrayEquals(cb.code(0, 4), after.code(0, 4), "other heads untouched");
    }

    @Test
    void swapExchangesTwoCodes() {
        Codebooks after = CodebookEdits.swap(cb, 0, 1, 6).apply(cb);
        assertArrayEquals(cb.code(0, 1), after.code(0, 6));
        assertArrayEquals(cb.code(0, 6), after.code(0, 1));
        assertOnlyChanged(cb, after, 0, 1, 6);
    }

    @Test
    void moveShiftsTheCodesBetween() {
        Codebooks forward = CodebookEdits.move(cb, 0, 1, 4).apply(cb);
        assertArrayEquals(cb.code(0, 1), forward.code(0, 4));
        assertArrayEquals(cb.code(0, 2), forward.code(0, 1));
        assertArrayEquals(cb.code(0, 4), forward.code(0, 3));
        assertArrayEquals(cb.code(0, 5), forward.code(0, 5));
        Codebooks back = CodebookEdits.move(cb, 0, 6, 2).apply(cb);
        assertArrayEquals(cb.code(0, 6), back.code(0, 2));
        assertArrayEquals(cb.code(0, 2), back.code(0, 3));
        assertArrayEquals(cb.code(0, 5), back.code(0, 6));
        assertArrayEquals(cb.code(0, 7), back.code(0, 7));
    }

    @Test
    void normaliseGivesUnitLengthsInOneHeadOrAll() {
        Codebooks one = CodebookEdits.normalise(cb, 1).apply(cb);
        Codebooks all = CodebookEdits.normalise(cb, -1).apply(cb);
        for (int c = 0; c < 8; c++) {
            assertEquals(1.0, one.norm(1, c), FLOAT_ROUNDING);
            assertArrayEquals(cb.code(0, c), one.code(0, c));
            for (int h = 0; h < 2; h++) {
                assertEquals(1.0, all.norm(h, c), FLOAT_ROUNDING);
                // Same direction: the ratio of components is kept.
                assertEquals(cb.value(h, c, 0) / cb.norm(h, c), all.value(h, c, 0), FLOAT_ROUNDING);
            }
        }
    }
}
