package vqlens.ui.inspect;

import vqlens.core.QuantizerConfig;
import vqlens.core.edit.CodebookEdit;
import vqlens.core.edit.PermuteCodes;
import vqlens.core.edit.SetCodes;

/**
 * Usage bookkeeping for edits: usage moves with its code when codes are reordered, and a code with a new value
 * starts at 0. Pure functions.
 */
final class Usages {

    private Usages() {
    }

    /**
     * The usage after {@code edit}: every {@link PermuteCodes} among its primitives reorders its head's
     * usage the same way; every code given a new value ({@code SetCodes}: re-initialised, split, merged, set)
     * gets usage 0, as the trainer counts a re-seeded code: no row has been assigned to the new value yet. So
     * a merge zeroes both codes, the kept one (now the mean) and the freed one, rather than keep a count
     * that described the old values. Usage counted from data rows is recounted after an edit instead
     * ({@link EditCommands}). A followed run's {@link RunHealth} is dropped when counts change: it described the
     * codes before the edit, and the run's next snapshot brings it back. {@code null} stays {@code null}.
     */
    static CodeUsage afterEdit(CodeUsage usage, CodebookEdit edit) {
        if (usage == null) {
            return null;
        }
        double[] counts = null;
        for (CodebookEdit step : edit.primitives()) {
            if (step instanceof SetCodes set && set.head() >= 0 && set.head() < usage.heads()) {
                if (counts == null) {
                    counts = usage.counts();
                }
                for (int code : set.codes()) { // a new code: nothing was assigned to it yet (as the trainer counts)
                    counts[set.head() * usage.codes() + code] = 0;
                }
            }
            if (step instanceof PermuteCodes p && p.head() >= 0 && p.head() < usage.heads()
                    && p.order().length == usage.codes()) {
                if (counts == null) {
                    counts = usage.counts();
                }
                double[] before = counts.clone();
                int base = p.head() * usage.codes();
                for (int i = 0; i < usage.codes(); i++) {
                    counts[base + i] = before[base + p.source(i)];
                }
            }
        }
        return counts == null ? usage : new CodeUsage(counts, usage.heads(), usage.codes(), usage.description(), usage.deadBelow());
    }

    /** Usage counts {@code [heads × codes]} as a file stores them. */
    static CodeUsage fromCounts(long[] counts, QuantizerConfig q, String description) {
        if (counts.length != q.heads() * q.codes()) {
            return null;
        }
        double[] values = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            values[i] = counts[i];
        }
        return new CodeUsage(values, q.heads(), q.codes(), description);
    }

    /** One head's usage, {@code [codes]}, or {@code null}. */
    static double[] head(CodeUsage usage, int head) {
        if (usage == null || head < 0 || head >= usage.heads()) {
            return null;
        }
        double[] out = new double[usage.codes()];
        for (int c = 0; c < out.length; c++) {
            out[c] = usage.count(head, c);
        }
        return out;
    }
}
