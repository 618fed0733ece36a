package vqlens.train.internal.vqvae;

/**
 * The VQ-VAE step's loss arithmetic on plain arrays, shared by {@link MlpFastPath} (every row of a batch) and the
 * public {@code vqlens.train.VqLosses} (one vector, for the Learn tab): one copy of the formulas, so what the lesson
 * draws is what the step computes. All losses are means per element, as in {@link VqVaeNetwork}'s graph.
 */
public final class LossTerms {
    private LossTerms() {
    }

    /**
     * The squared error {@code Σ(out − target)²} of {@code length} values, and {@code out} overwritten in place by
     * its gradient {@code (out − target)·scale} (for a mean over {@code m} values, {@code scale = 2/m}).
     */
    public static double squaredErrorGradient(float[] out, float[] target, int length, float scale) {
        double squares = 0;
        for (int i = 0; i < length; i++) {
            float diff = out[i] - target[i];
            squares += (double) diff * diff;
            out[i] = diff * scale;
        }
        return squares;
    }

    /**
     * One head slot of one row: {@code squares + Σ(z_e − q)²} over {@code dim} values (summed onto the caller's
     * running sum, so a batch's sum keeps one order of additions), and the quantizer losses' gradients
     * added in: the codebook loss's {@code −(z_e − q)·codeScale} into the code's gradient (only the code: z_e is
     * stopped there), the commitment's {@code (z_e − q)·commitScale} into z_e's (only z_e: q is stopped there).
     * For means over {@code m} values {@code codeScale = 2/m} and {@code commitScale = β·2/m}.
     */
    public static double quantizerGradients(float[] zE, float[] q, int at, int dim, float codeScale,
                                            float commitScale, float[] codeGradient, int codeAt,
                                            float[] zGradient, int zAt, double squares) {
        for (int d = 0; d < dim; d++) {
            float diff = zE[at + d] - q[at + d];
            squares += (double) diff * diff;
            codeGradient[codeAt + d] += -diff * codeScale;
            zGradient[zAt + d] += diff * commitScale;
        }
        return squares;
    }
}
