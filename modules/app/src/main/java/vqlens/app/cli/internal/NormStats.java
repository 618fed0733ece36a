package vqlens.app.cli.internal;

import vqlens.core.Codebooks;

/** Minimum, mean and maximum Euclidean norm of one head's codes. */
public record NormStats(double min, double mean, double max) {

    public static NormStats[] perHead(Codebooks codebooks) {
        int heads = codebooks.config().heads();
        int codes = codebooks.config().codes();
        NormStats[] stats = new NormStats[heads];
        for (int h = 0; h < heads; h++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int k = 0; k < codes; k++) {
                double norm = codebooks.norm(h, k);
                min = Math.min(min, norm);
                max = Math.max(max, norm);
                sum += norm;
            }
            stats[h] = new NormStats(min, sum / codes, max);
        }
        return stats;
    }
}
