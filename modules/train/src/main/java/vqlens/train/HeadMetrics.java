package vqlens.train;

/**
 * One head's metrics in a snapshot. The "window" is the steps since the previous snapshot the trainer
 * published (one step with the default snapshot interval; one full pass for k-means).
 *
 * @param head            the head, 0-based
 * @param usage           per code: rows assigned to it in the window
 * @param usageEma        per code: the usage EMA (assignments per step, debiased), the quantity the
 *                        dead-code threshold applies to; for {@link Method#EMA} it is the method's own
 *                        cluster-size statistic
 * @param perplexity      {@code exp(−Σ p ln p)} of the window's usage ({@code p = usage / Σ usage}); 1 when
 *                        one code takes everything, {@code K} when all are used equally
 * @param perplexityEma   the same of the usage EMA
 * @param used            codes with {@code usage > 0}
 * @param dead            codes whose EMA usage is below the dead-code threshold (below 1 when restarts are off)
 * @param nearest         Euclidean distance {@code ‖z_h − c_nearest‖} of every row of the window
 * @param allCodes        Euclidean distances from up to {@value #SAMPLED_ROWS} rows of the last batch to every
 *                        code of this head (sampled at the snapshot, independently of training randomness)
 * @param drift           mean over codes of {@code ‖c_now − c_previous snapshot‖}; 0 for the first snapshot
 * @param maxDrift        the largest code displacement since the previous snapshot
 */
public record HeadMetrics(int head, long[] usage, double[] usageEma, double perplexity, double perplexityEma,
                          int used, int dead, Histogram nearest, Histogram allCodes, double drift, double maxDrift) {

    /** Rows sampled per snapshot for the all-codes distance histogram. */
    public static final int SAMPLED_ROWS = 256;
    /** Bins of both distance histograms. */
    public static final int HISTOGRAM_BINS = 64;

    public HeadMetrics {
        usage = usage.clone();
        usageEma = usageEma.clone();
    }

    @Override
    public long[] usage() {
        return usage.clone();
    }

    @Override
    public double[] usageEma() {
        return usageEma.clone();
    }

    /** Codes per head. */
    public int codes() {
        return usage.length;
    }

    public long usage(int code) {
        return usage[code];
    }

    public double usageEma(int code) {
        return usageEma[code];
    }

    /** Share of codes used in the window, in {@code [0, 1]}. */
    public double usedShare() {
        return usage.length == 0 ? 0 : (double) used / usage.length;
    }
}
