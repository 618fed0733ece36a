package vqlens.train.internal;

import vqlens.core.QuantizerConfig;
import vqlens.train.Hyperparameters;

/**
 * Sonnet's {@code VectorQuantizerEMA} rule (VQ-VAE, VQ-VAE-2), per head, with Sonnet 2's debiased
 * moving averages:
 * <pre>
 *   N_k ← EMA of the count of rows assigned to code k        (UsageEma, shared with the metrics)
 *   M_k ← EMA of the sum of those rows                        (hidden sums here, same debiasing)
 *   n   = Σ_k N_k
 *   N'_k = (N_k + ε) / (n + K·ε) · n                          (Laplace smoothing, ε = 1e-5)
 *   c_k = M_k / N'_k
 * </pre>
 * A code that has never been used has {@code M_k = 0} and goes to the origin, as in Sonnet; dead-code
 * restarts bring such codes back to the data.
 */
final class EmaRule implements CodebookRule {
    /** Sonnet's {@code epsilon}. */
    static final double EPSILON = 1e-5;

    private final int heads;
    private final int codes;
    private final int dim;
    private final double[] hiddenSums;

    EmaRule(QuantizerConfig config) {
        heads = config.heads();
        codes = config.codes();
        dim = config.headDim();
        hiddenSums = new double[config.codebookValues()];
    }

    @Override
    public void update(float[] codebook, BatchStats stats, UsageEma usage, Hyperparameters hyper, long step, int epoch) {
        double decay = hyper.decay();
        for (int i = 0; i < hiddenSums.length; i++) {
            hiddenSums[i] = decay * hiddenSums[i] + (1 - decay) * stats.sums[i];
        }
        double debias = usage.debias();
        for (int h = 0; h < heads; h++) {
            double n = 0;
            for (int k = 0; k < codes; k++) {
                n += usage.average(h * codes + k);
            }
            for (int k = 0; k < codes; k++) {
                double smoothed = (usage.average(h * codes + k) + EPSILON) / (n + codes * EPSILON) * n;
                int c = (h * codes + k) * dim;
                for (int d = 0; d < dim; d++) {
                    codebook[c + d] = (float) (hiddenSums[c + d] / debias / smoothed);
                }
            }
        }
    }

    /** The re-seeded code's sums become {@code code × N_k}, so the next update starts from where it was put. */
    @Override
    public void restarted(int head, int code, float[] codebook, UsageEma usage) {
        double scale = usage.average(head * codes + code) * usage.debias();
        int c = (head * codes + code) * dim;
        for (int d = 0; d < dim; d++) {
            hiddenSums[c + d] = codebook[c + d] * scale;
        }
    }

    @Override
    public boolean canPermute() {
        return true;
    }

    @Override
    public void permuted(int head, int[] order) {
        CodeOrder.permute(hiddenSums, head * codes * dim, order, dim);
    }

    @Override
    public double[] emaSums() {
        return hiddenSums.clone();
    }

    @Override
    public float[] updateRuleState() {
        return new float[0];
    }

    @Override
    public void restore(double[] emaSums, float[] updateRuleState) {
        if (emaSums.length != hiddenSums.length) {
            throw new IllegalArgumentException("EMA sums of " + emaSums.length + " values, expected " + hiddenSums.length);
        }
        System.arraycopy(emaSums, 0, hiddenSums, 0, hiddenSums.length);
    }
}
