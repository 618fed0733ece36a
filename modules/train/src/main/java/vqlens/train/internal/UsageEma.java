package vqlens.train.internal;

/**
 * The debiased exponential moving average of per-code assignment counts (Sonnet 2's
 * {@code ExponentialMovingAverage}): a hidden value starts at 0 and moves
 * {@code hidden ← γ·hidden + (1 − γ)·count}; the average is {@code hidden / (1 − Π γ)}, so it equals the
 * first step's counts instead of being biased towards zero. The decay may change between steps;
 * {@code Π γ} is the product of all decays used.
 */
final class UsageEma {
    /** Far above the few ulps of {@code hidden / (1 − Π γ)}, far below any meaningful usage difference. */
    private static final double RELATIVE_ROUNDING = 1e-9;

    private final double[] hidden;
    private double decayProduct = 1.0;

    UsageEma(int size) {
        hidden = new double[size];
    }

    void update(long[] counts, double decay) {
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = decay * hidden[i] + (1 - decay) * counts[i];
        }
        decayProduct *= decay;
    }

    /** {@code 1 − Π γ}: 0 before the first update. */
    double debias() {
        return 1 - decayProduct;
    }

    double decayProduct() {
        return decayProduct;
    }

    /** The debiased average for entry {@code i} (0 before the first update). */
    double average(int i) {
        double d = debias();
        return d > 0 ? hidden[i] / d : 0;
    }

    /**
     * Whether entry {@code i} is below {@code threshold}, ignoring rounding: a code used exactly
     * {@code threshold} times every step averages {@code threshold ± 1 ulp} after debiasing and is not below it.
     */
    boolean isBelow(int i, double threshold) {
        return average(i) < threshold * (1 - RELATIVE_ROUNDING);
    }

    /** Sets entry {@code i} so that its debiased average is {@code value}. */
    void setAverage(int i, double value) {
        hidden[i] = value * debias();
    }

    double[] averages(int from, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = average(from + i);
        }
        return out;
    }

    /** Reorders the entries from {@code from} as {@code PermuteCodes} does: entry {@code from + i} takes {@code from + order[i]}. */
    void permute(int from, int[] order) {
        CodeOrder.permute(hidden, from, order, 1);
    }

    double[] hidden() {
        return hidden.clone();
    }

    void restore(double[] values, double product) {
        if (values.length != hidden.length) {
            throw new IllegalArgumentException("usage state of " + values.length + " values, expected " + hidden.length);
        }
        System.arraycopy(values, 0, hidden, 0, hidden.length);
        decayProduct = product;
    }
}
