package vqlens.core;

/**
 * When a code counts as dead, for the trainer's restarts and the inspector's "Replace dead" alike. A code's
 * <em>fair share</em> is what it would get if the rows were spread evenly over a head's codes ({@code rows /
 * codes}); a code is dead when its usage is below a threshold, by default {@link #DEFAULT_SHARE} of the fair
 * share. vector-quantize-pytorch users commonly set {@code threshold_ema_dead_code = 2} with about 32,768
 * tokens per step over 1,024 codes, a fair share of 32: the same 1/16. A fixed threshold does not carry over
 * between set-ups: 2 rows per step is half the fair share of a 1,024-row batch over 256 codes, where live codes
 * fall below it all the time.
 */
public final class DeadCodeRule {

    /** The default threshold as a share of the fair share. */
    public static final double DEFAULT_SHARE = 1.0 / 16;

    private DeadCodeRule() {
    }

    /** {@code rows / codes}: the usage every code of a head would have if the rows were spread evenly. */
    public static double fairShare(double rows, int codes) {
        if (!(rows > 0) || codes <= 0 || Double.isInfinite(rows)) {
            throw new IllegalArgumentException("fair share needs rows > 0 and codes > 0, got " + rows + " / " + codes);
        }
        return rows / codes;
    }

    /** The default dead-code threshold for {@code rows} spread over {@code codes}: {@link #DEFAULT_SHARE} of the fair share. */
    public static double defaultThreshold(double rows, int codes) {
        return DEFAULT_SHARE * fairShare(rows, codes);
    }

    /** The default threshold for a head's usage (any unit: counts or rows per step); 0 when the head has none. */
    public static double defaultThreshold(double[] headUsage) {
        double total = 0;
        for (double u : headUsage) {
            total += Math.max(0, u);
        }
        return total > 0 && Double.isFinite(total) ? defaultThreshold(total, headUsage.length) : 0;
    }
}
