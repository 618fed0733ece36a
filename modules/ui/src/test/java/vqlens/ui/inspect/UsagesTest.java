package vqlens.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vqlens.core.Codebooks;
import vqlens.core.edit.CodebookEdit;
import vqlens.core.edit.CodebookEdits;
import vqlens.core.edit.PermuteCodes;

/** Usage after edits, as {@link Usages#afterEdit}'s documentation says (no FX). */
class UsagesTest {

    private static final double[] COUNTS = {40, 12, 30, 7, 25, 0, 0, 9, 55, 0, 21, 3};

    private static CodeUsage usage() {
        return new CodeUsage(COUNTS.clone(), 2, 6, "saved in the file");
    }

    @Test
    void aMergeGivesBothChangedCodesUsageZeroAndLeavesTheOthers() {
        Codebooks cb = InspectorViewModelTest.codebooks();
        CodebookEdit merge = CodebookEdits.merge(cb, 0, 0, 1, Usages.head(usage(), 0), null, 0, 7);
        CodeUsage after = Usages.afterEdit(usage(), merge);
        assertEquals(0, after.count(0, 0), "the kept code holds a new value (the mean): nothing assigned to it yet");
        assertEquals(0, after.count(0, 1), "the freed code was re-seeded");
        for (int c = 2; c < 6; c++) {
            assertEquals(COUNTS[c], after.count(0, c), "code " + c + " untouched");
            assertEquals(COUNTS[6 + c], after.count(1, c), "head 1 code " + c + " untouched");
        }
    }

    @Test
    void aReorderMovesUsageWithItsCode() {
        CodeUsage after = Usages.afterEdit(usage(), new PermuteCodes(1, new int[] {5, 4, 3, 2, 1, 0}, "reverse head 1"));
        for (int c = 0; c < 6; c++) {
            assertEquals(COUNTS[6 + 5 - c], after.count(1, c), "head 1 position " + c);
            assertEquals(COUNTS[c], after.count(0, c), "head 0 unchanged");
        }
    }
}
