package vqlens.train.internal;

import java.util.List;
import vqlens.core.QuantizerConfig;
import vqlens.core.edit.CodebookEdit;
import vqlens.core.edit.PermuteCodes;
import vqlens.core.edit.SetCodes;

/**
 * Brings a run's per-code state in line with an edit of its codebooks, primitive by primitive, so the next
 * step continues from the edited codebooks instead of undoing the edit:
 * <ul>
 *   <li>{@link SetCodes}: each named code takes its new value and is treated like a dead-code restart — its
 *       usage EMA becomes the dead-code threshold (1 when restarts are off), the EMA method's sums become
 *       {@code value × usage}, optimizer moments are cleared;</li>
 *   <li>{@link PermuteCodes}: the codebook rows, usage EMA, EMA sums, optimizer moments, the metrics window's
 *       usage counts and the drift reference of that head are all reordered alike.</li>
 * </ul>
 * Runs on the trainer's thread, between two steps.
 */
final class EditReconciler {
    private EditReconciler() {
    }

    /** Whether {@code method} can follow every primitive of {@code primitives}. */
    static boolean supported(List<CodebookEdit> primitives, CodebookRule method) {
        for (CodebookEdit p : primitives) {
            if (p instanceof PermuteCodes && !method.canPermute()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies {@code primitives} (already validated against these codebooks) to {@code codebook} and the
     * state around it.
     */
    static void apply(List<CodebookEdit> primitives, QuantizerConfig config, float[] codebook, UsageEma usage,
                      long[] usageTotals, CodebookRule method, MetricsWindow window, DeadCodes deadCodes,
                      double usageAfterSet) {
        int codes = config.codes();
        int dim = config.headDim();
        for (CodebookEdit p : primitives) {
            if (p instanceof SetCodes set) {
                int[] changed = set.codes();
                for (int i = 0; i < changed.length; i++) {
                    int k = changed[i];
                    System.arraycopy(set.value(i), 0, codebook, (set.head() * codes + k) * dim, dim);
                    usage.setAverage(set.head() * codes + k, usageAfterSet);
                    usageTotals[set.head() * codes + k] = 0; // a new code: its usage starts now
                    method.restarted(set.head(), k, codebook, usage);
                }
            } else if (p instanceof PermuteCodes permute) {
                int[] order = permute.order();
                CodeOrder.permute(codebook, permute.head() * codes * dim, order, dim);
                usage.permute(permute.head() * codes, order);
                CodeOrder.permute(usageTotals, permute.head() * codes, order, 1);
                method.permuted(permute.head(), order);
                window.permute(permute.head(), order);
                deadCodes.permute(permute.head(), order);
            } else {
                throw new IllegalArgumentException("not a primitive edit: " + p);
            }
        }
        window.markEdited();
    }
}
