package vqlens.ui.chart;

/**
 * TensorBoard's scalar smoothing: an exponential moving average with weight {@code w} in {@code [0, 1)},
 * debiased so the curve does not start at zero ({@code smoothed_i = ema_i / (1 − w^n)}, {@code n} the
 * finite values so far). A non-finite value passes through unchanged and does not disturb the average.
 *
 * <p>{@link #update} smooths a {@link CurveSeries} incrementally: appended points continue the average;
 * a thinned or cleared series, or a new weight, is smoothed again from the start.
 */
public final class Smoothing {
    private double weight = -1;
    private long seenVersion = -1;
    private int seenSize;
    private int seenStride;
    private double[] smoothed = new double[0];
    private double last;
    private long count;

    /** Smooths {@code values} in one pass (a new array). */
    public static double[] smooth(double[] values, double weight) {
        checkWeight(weight);
        double[] out = new double[values.length];
        new Smoothing().extend(weight, i -> values[i], 0, values.length, out);
        return out;
    }

    /**
     * The smoothed values of {@code series} with {@code weight}, index for index (valid until the next
     * call; do not keep it).
     */
    public double[] update(CurveSeries series, double weight) {
        checkWeight(weight);
        int n = series.size();
        boolean appendedOnly = weight == this.weight && series.stride() == seenStride && n >= seenSize
                && (series.version() - seenVersion) == (n - seenSize);
        if (!appendedOnly) {
            last = 0;
            count = 0;
            seenSize = 0;
        }
        if (smoothed.length < n) {
            double[] grown = new double[Math.max(n, smoothed.length * 2)];
            System.arraycopy(smoothed, 0, grown, 0, seenSize);
            smoothed = grown;
        }
        extend(weight, series::value, seenSize, n, smoothed);
        this.weight = weight;
        seenSize = n;
        seenStride = series.stride();
        seenVersion = series.version();
        return smoothed;
    }

    /** Continues the average over {@code value(from) … value(to − 1)} into {@code out} at the same indices. */
    private void extend(double weight, java.util.function.IntToDoubleFunction value, int from, int to, double[] out) {
        for (int i = from; i < to; i++) {
            double v = value.applyAsDouble(i);
            if (!Double.isFinite(v)) {
                out[i] = v;
                continue;
            }
            last = last * weight + (1 - weight) * v;
            count++;
            double debias = weight == 0 ? 1 : 1 - Math.pow(weight, count);
            out[i] = last / debias;
        }
    }

    private static void checkWeight(double weight) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("smoothing weight must be in [0, 1), got " + weight);
        }
    }
}
