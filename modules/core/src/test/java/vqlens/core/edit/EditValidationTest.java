package vqlens.core.edit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import vqlens.core.Codebooks;
import vqlens.core.VqException;

/** Bad arguments get a one-line VqException that says what is wrong. */
class EditValidationTest {

    private final Codebooks cb = EditFixtures.codebooks(2, 6, 2, 31);
    private final float[] rows = EditFixtures.rows(cb, 50, 32);

    private static void refused(Executable op, String... fragments) {
        VqException e = assertThrows(VqException.class, op);
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "'" + m + "' should mention '" + f + "'");
        }
    }

    @Test
    void codesAndHeadsOutsideTheCodebook() {
        refused(() -> CodebookEdits.setCode(cb, 0, 6, new float[2]), "code 6", "0..5");
        refused(() -> CodebookEdits.setValue(cb, 2, 0, 0, 1f), "head 2", "0..1");
        refused(() -> CodebookEdits.setValue(cb, 0, 0, 2, 1f), "dimension 2", "0..1");
        refused(() -> CodebookEdits.swap(cb, 0, -1, 3), "code -1");
        refused(() -> CodebookEdits.move(cb, 1, 0, 6), "code 6");
        refused(() -> CodebookEdits.normalise(cb, 5), "head 5");
        refused(() -> CodebookEdits.sortByUsage(cb, 0, new double[5]), "5 entries", "6");
    }

    @Test
    void wrongLengthsAndNonFiniteValues() {
        refused(() -> CodebookEdits.setCode(cb, 0, 1, new float[3]), "needs 2 values", "got 3");
        refused(() -> CodebookEdits.setCode(cb, 0, 1, new float[] {0, Float.NaN}), "NaN", "code 1");
        refused(() -> CodebookEdits.setValue(cb, 0, 1, 0, Float.POSITIVE_INFINITY), "Infinity");
        refused(() -> CodebookEdits.reinitFromDataRow(cb, 0, 1, new float[7], 2, 1), "expected 2 x 4");
        float[] bad = rows.clone();
        bad[4 * 10 + 1] = Float.NaN;
        refused(() -> CodebookEdits.reinitToCellMean(cb, 0, 1, bad, 50), "data row 10", "NaN");
        refused(() -> CodebookEdits.sortByUsage(cb, 0, new double[] {1, 2, Double.NaN, 0, 0, 0}), "NaN");
    }

    @Test
    void rowsWhereTheyAreRequired() {
        refused(() -> CodebookEdits.reinitFromDataRow(cb, 0, 1, null, 0, 1), "data rows");
        refused(() -> CodebookEdits.reinitToCellMean(cb, 0, 1, null, 0), "data rows");
        refused(() -> CodebookEdits.replaceDead(cb, new double[12], 1, null, 0, 1), "data rows");
        refused(() -> CodebookEdits.reinitFromDataRow(cb, 0, 1, new float[0], 0, 1), "at least one data row");
    }

    @Test
    void emptyCellsAreNamed() {
        // Code 3 moved far away: no row is nearest to it.
        Codebooks far = CodebookEdits.setCode(cb, 1, 3, new float[] {1e6f, 1e6f}).apply(cb);
        refused(() -> CodebookEdits.reinitToCellMean(far, 1, 3, rows, 50), "head 1 code 3", "empty cell");
        refused(() -> CodebookEdits.split(far, 1, 3, 0, rows, 50, 1), "empty cell");
    }

    @Test
    void theSameCodeTwice() {
        refused(() -> CodebookEdits.merge(cb, 0, 2, 2, null, null, 0, 1), "code 2 named twice");
        refused(() -> CodebookEdits.split(cb, 0, 4, 4, null, 0, 1), "code 4 named twice");
        refused(() -> CodebookEdits.duplicate(cb, 0, 1, 1), "named twice");
        refused(() -> CodebookEdits.swap(cb, 0, 1, 1), "named twice");
        refused(() -> CodebookEdits.move(cb, 0, 3, 3), "already at position 3");
    }

    @Test
    void noDeadCodeAndTooFewRows() {
        double[] usage = new double[12];
        Arrays.fill(usage, 5);
        refused(() -> CodebookEdits.replaceDead(cb, usage, 2, rows, 50, 1), "no dead code");
        double[] allDead = new double[12];
        refused(() -> CodebookEdits.replaceDead(cb, allDead, 2, Arrays.copyOf(rows, 12), 3, 1),
                "head 0 has 6 dead codes", "only 3 data rows");
        refused(() -> CodebookEdits.replaceDead(cb, new double[6], 2, rows, 50, 1), "6 entries", "12");
        double[] negative = usage.clone();
        negative[3] = -1;
        refused(() -> CodebookEdits.merge(cb, 1, 0, 1, Arrays.copyOf(negative, 6), null, 0, 1), "usage -1.0 of code 3");
    }

    @Test
    void aZeroCodeCannotBeNormalised() {
        Codebooks zero = CodebookEdits.setCode(cb, 1, 4, new float[2]).apply(cb);
        refused(() -> CodebookEdits.normalise(zero, -1), "head 1 code 4", "zero vector");
        refused(() -> CodebookEdits.normalise(zero, 1), "head 1 code 4");
    }
}
