package vqlens.train.internal;

/** {@code exp(−Σ p ln p)} of a usage distribution: natural-log entropy, 0 for no usage at all. */
public final class Perplexity {
    private Perplexity() {
    }

    public static double of(long[] counts, int from, int length) {
        double total = 0;
        for (int i = from; i < from + length; i++) {
            total += counts[i];
        }
        double entropy = 0;
        for (int i = from; i < from + length; i++) {
            if (counts[i] > 0) {
                double p = counts[i] / total;
                entropy -= p * Math.log(p);
            }
        }
        return total > 0 ? Math.exp(entropy) : 0;
    }

    public static double of(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += Math.max(0, w);
        }
        double entropy = 0;
        for (double w : weights) {
            if (w > 0) {
                double p = w / total;
                entropy -= p * Math.log(p);
            }
        }
        return total > 0 ? Math.exp(entropy) : 0;
    }
}
