package vqlens.ui.chart;

/**
 * A closed interval of axis coordinates (after {@link Scale#forward}); {@link #EMPTY} holds nothing.
 *
 * @param min lower end
 * @param max upper end, {@code >= min} unless empty
 */
public record Range(double min, double max) {

    public static final Range EMPTY = new Range(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    public boolean isEmpty() {
        return !(min <= max);
    }

    public double span() {
        return isEmpty() ? 0 : max - min;
    }

    /** The smallest range holding this one and {@code value} (ignored when not finite). */
    public Range including(double value) {
        if (!Double.isFinite(value)) {
            return this;
        }
        return isEmpty() ? new Range(value, value) : new Range(Math.min(min, value), Math.max(max, value));
    }

    public Range union(Range other) {
        if (other.isEmpty()) {
            return this;
        }
        return isEmpty() ? other : new Range(Math.min(min, other.min), Math.max(max, other.max));
    }

    /**
     * This range made drawable: a single value becomes a small interval around it, and a margin of
     * {@code fraction} of the span is added on both sides.
     */
    public Range padded(double fraction, double minimumSpan) {
        if (isEmpty()) {
            return new Range(0, 1);
        }
        double lo = min;
        double hi = max;
        if (hi - lo < minimumSpan) {
            double mid = (lo + hi) / 2;
            double half = Math.max(minimumSpan, Math.abs(mid) * 1e-3) / 2;
            lo = mid - half;
            hi = mid + half;
        }
        double pad = (hi - lo) * fraction;
        return new Range(lo - pad, hi + pad);
    }
}
