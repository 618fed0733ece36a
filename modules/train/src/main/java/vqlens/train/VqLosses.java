package vqlens.train;

import java.util.Arrays;
import vqlens.core.VqException;
import vqlens.train.internal.vqvae.LossTerms;

/**
 * The VQ-VAE step's three losses and their gradients for one encoder output, by the step's own arithmetic
 * ({@code LossTerms}, which the written-out step runs for every row of a batch). For the Learn tab, which draws
 * these gradients as forces on a plane.
 *
 * <p>The set-up is the step's with a batch of one row and the decoder the identity, so the decoder's target
 * {@code t} lives where {@code z_e} does. Like the step, every loss is a <b>mean per element</b> (over the
 * {@code D} values), so each is {@code ‖·‖²/D} and each gradient carries {@code 2/D}:
 * <pre>
 *   z_q = z_e + sg(e − z_e)          forward value e; backward the identity to z_e (straight-through)
 *   reconstruction  ‖z_q − t‖²/D     ∂/∂z_e = 2(e − t)/D      nothing reaches the code
 *   codebook        ‖sg(z_e) − e‖²/D ∂/∂e   = 2(e − z_e)/D     nothing reaches z_e
 *   commitment      ‖z_e − sg(e)‖²/D ∂/∂z_e = 2β(z_e − e)/D    weighted by β in the total; nothing reaches the code
 *   total = reconstruction + codebook + β·commitment
 * </pre>
 * The gradients are the step's float32 values; the losses are summed in double, as the step's are.
 */
public final class VqLosses {
    private VqLosses() {
    }

    /**
     * The three losses and gradients at one {@code z_e}, its code {@code e} and the decoder's target {@code t}.
     *
     * @param reconstruction         {@code ‖e − t‖²/D}
     * @param codebook               {@code ‖z_e − e‖²/D}
     * @param commitment             {@code ‖z_e − e‖²/D}, unweighted (the step's metrics report it so)
     * @param beta                   the commitment weight β
     * @param reconstructionGradient with respect to z_e, passed straight through the quantizer
     * @param codebookGradient       with respect to the code e
     * @param commitmentGradient     with respect to z_e, β included
     */
    public record Terms(double reconstruction, double codebook, double commitment, double beta,
                        float[] reconstructionGradient, float[] codebookGradient, float[] commitmentGradient) {
        public Terms {
            reconstructionGradient = reconstructionGradient.clone();
            codebookGradient = codebookGradient.clone();
            commitmentGradient = commitmentGradient.clone();
        }

        @Override
        public float[] reconstructionGradient() {
            return reconstructionGradient.clone();
        }

        @Override
        public float[] codebookGradient() {
            return codebookGradient.clone();
        }

        @Override
        public float[] commitmentGradient() {
            return commitmentGradient.clone();
        }

        /** {@code β·commitment}: the commitment term as it enters the total. */
        public double weightedCommitment() {
            return beta * commitment;
        }

        /** {@code reconstruction + codebook + β·commitment}, the step's total loss. */
        public double total() {
            return reconstruction + codebook + beta * commitment;
        }

        /** The encoder's whole gradient {@code reconstruction + commitment}, what moves z_e in a step. */
        public float[] encoderGradient() {
            float[] g = new float[reconstructionGradient.length];
            for (int d = 0; d < g.length; d++) {
                g[d] = reconstructionGradient[d] + commitmentGradient[d];
            }
            return g;
        }
    }

    /**
     * The losses and gradients for encoder output {@code zE}, code {@code code} and target {@code target} (each
     * {@code D} values, D ≥ 1) with commitment weight {@code beta ≥ 0}.
     */
    public static Terms of(float[] zE, float[] code, float[] target, double beta) {
        int dim = zE.length;
        if (dim == 0 || code.length != dim || target.length != dim) {
            throw new VqException("z_e, code and target need the same length ≥ 1, got " + zE.length + ", "
                    + code.length + ", " + target.length);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new VqException("β must be finite and ≥ 0, got " + beta);
        }
        float scale = 2f / dim; // the step's 2/(rows·E) with one row
        float[] reconstructionGradient = code.clone(); // the decoder's input is z_q, whose value is e
        double reconstruction = LossTerms.squaredErrorGradient(reconstructionGradient, target, dim, scale) / dim;
        float[] codebookGradient = new float[dim];
        float[] commitmentGradient = new float[dim];
        double squares = LossTerms.quantizerGradients(zE, code, 0, dim, scale, (float) beta * scale,
                codebookGradient, 0, commitmentGradient, 0, 0);
        return new Terms(reconstruction, squares / dim, squares / dim, beta, reconstructionGradient,
                codebookGradient, commitmentGradient);
    }

    /**
     * The EMA codebook rule's move for a code that wins this one row every step: with its moving count settled at
     * one row and its moving sum started from the code (as after a restart), Sonnet's
     * {@code N ← γN + (1−γ)n, m ← γm + (1−γ)Σz, e = m/N} is {@code e ← γe + (1−γ)z_e}. No gradient involved.
     */
    public static float[] emaMove(float[] code, float[] zE, double decay) {
        if (code.length != zE.length) {
            throw new VqException("code and z_e need the same length, got " + code.length + " and " + zE.length);
        }
        if (!(decay >= 0 && decay < 1)) {
            throw new VqException("EMA decay must be in [0, 1), got " + decay);
        }
        float[] moved = Arrays.copyOf(code, code.length);
        for (int d = 0; d < moved.length; d++) {
            moved[d] = (float) (decay * code[d] + (1 - decay) * zE[d]);
        }
        return moved;
    }
}
