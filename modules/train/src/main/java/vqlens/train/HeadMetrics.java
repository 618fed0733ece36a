package vqlens.train;

/**
 * One head's metrics in a snapshot. The "window" is the steps since the previous snapshot the trainer
 * published (one step with the default snapshot interval; one full pass for k-means).
 *
 * @param head            the head, 0-based
 * @param usage           per code: rows assigned to it in the window
 * @param usageEma        per code: the usage EMA (assignments per step, debiased), the quantity the
 *                        dead-code threshold applies to; for {@link UpdateRule#EMA} it is the method's own
 *                        cluster-size statistic
 * @param perplexity      {@code exp(−Σ p ln p)} of the window's usage ({@code p = usage / Σ usage}); 1 when
 *                        one code takes everything, {@code K} when all are used equally
 * @param perplexityEma   the same of the usage EMA
 * @param used            codes with {@code usage > 0}
 * @param nearest         Euclidean distance {@code ‖z_h − c_nearest‖} of every row of the window
 * @param allCodes        Euclidean distances from up to {@value #SAMPLED_ROWS} rows of the last batch to every
 *                        code of this head (sampled at the snapshot, independently of training randomness)
 * @param drift           mean over codes of {@code ‖c_now − c_previous snapshot‖}; 0 for the first snapshot
 * @param maxDrift        the largest code displacement since the previous snapshot
 * @param deadFlags       per code: whether its EMA usage is below the dead-code threshold (below 1 when
 *                        restarts are off) at the window's last step, before that step's restarts (a code
 *                        re-seeded then counts as dead); {@link #dead()} counts them
 * @param restarts        per code: times it was re-seeded in the window; {@link #restarted()} counts the codes
 * @param thrashing       re-seedings in the window of codes re-seeded within the previous 10 steps too
 */
public record HeadMetrics(int head, long[] usage, double[] usageEma, double perplexity, double perplexityEma,
                          int used, Histogram nearest, Histogram allCodes, double drift, double maxDrift,
                          boolean[] deadFlags, int[] restarts, int thrashing) {

    /** Rows sampled per snapshot for the all-codes distance histogram. */
    public static final int SAMPLED_ROWS = 256;
    /** Bins of both distance histograms. */
    public static final int HISTOGRAM_BINS = 64;

    public HeadMetrics {
        usage = usage.clone();
        usageEma = usageEma.clone();
        deadFlags = deadFlags.clone();
        restarts = restarts.clone();
        if (deadFlags.length != usage.length || restarts.length != usage.length) {
            throw new IllegalArgumentException(deadFlags.length + " dead flags and " + restarts.length
                    + " restart counts for " + usage.length + " codes");
        }
    }

    /** Per code: times it was re-seeded in the window; a copy. */
    @Override
    public int[] restarts() {
        return restarts.clone();
    }

    /** Times {@code code} was re-seeded in the window. */
    public int restarts(int code) {
        return restarts[code];
    }

    /** Codes re-seeded at least once in the window. */
    public int restarted() {
        int n = 0;
        for (int r : restarts) {
            n += r > 0 ? 1 : 0;
        }
        return n;
    }

    /** Per code: whether it counts as dead (its EMA usage is below the threshold); a copy. */
    public boolean[] deadFlags() {
        return deadFlags.clone();
    }

    /** Codes that count as dead. */
    public int dead() {
        int n = 0;
        for (boolean d : deadFlags) {
            n += d ? 1 : 0;
        }
        return n;
    }

    /** Whether {@code code} counts as dead. */
    public boolean dead(int code) {
        return deadFlags[code];
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
