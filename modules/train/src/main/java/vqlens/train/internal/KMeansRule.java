package vqlens.train.internal;

import vqlens.train.Hyperparameters;

/**
 * Lloyd's update after a full pass: every code with assigned rows moves to their mean (computed in
 * double); a code without rows keeps its place (dead-code restarts may move it).
 */
final class KMeansRule implements CodebookRule {
    private final int dim;

    KMeansRule(int dim) {
        this.dim = dim;
    }

    @Override
    public void update(float[] codebook, BatchStats stats, UsageEma usage, Hyperparameters hyper, long step, int epoch) {
        for (int i = 0; i < stats.counts.length; i++) {
            long n = stats.counts[i];
            if (n > 0) {
                int c = i * dim;
                for (int d = 0; d < dim; d++) {
                    codebook[c + d] = (float) (stats.sums[c + d] / n);
                }
            }
        }
    }

    @Override
    public void restarted(int head, int code, float[] codebook, UsageEma usage) {
        // no state of its own
    }

    @Override
    public boolean canPermute() {
        return true; // no per-code state of its own
    }

    @Override
    public double[] emaSums() {
        return new double[0];
    }

    @Override
    public float[] updateRuleState() {
        return new float[0];
    }

    @Override
    public void restore(double[] emaSums, float[] updateRuleState) {
        // no state of its own
    }
}
