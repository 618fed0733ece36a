package vqlens.train;

import java.util.Arrays;

/**
 * An immutable histogram of Euclidean distances with {@code bins} equal bins over {@code [0, upper]}.
 * The trainer fixes {@code upper} per head and kind the first time it measures (1.25 × the largest value
 * then, see {@link HeadMetrics}) and keeps it for the rest of the run (checkpoints keep it too), so
 * histograms of different snapshots share their bin edges and can be overlaid. Values above
 * {@code upper} are counted in {@link #overflow()}.
 */
public final class Histogram {
    private final double upper;
    private final long[] counts;
    private final long overflow;

    /**
     * @param upper    the last bin edge, {@code > 0}
     * @param counts   per bin (copied)
     * @param overflow values above {@code upper}
     */
    public Histogram(double upper, long[] counts, long overflow) {
        if (!(upper > 0) || Double.isInfinite(upper) || counts.length == 0 || overflow < 0) {
            throw new IllegalArgumentException("histogram needs upper > 0, at least one bin and overflow >= 0");
        }
        this.upper = upper;
        this.counts = counts.clone();
        this.overflow = overflow;
    }

    /** An empty histogram (no values yet) over {@code [0, upper]}. */
    public static Histogram empty(double upper, int bins) {
        return new Histogram(upper, new long[bins], 0);
    }

    public int bins() {
        return counts.length;
    }

    public double upper() {
        return upper;
    }

    /** The edge {@code i} in {@code [0, bins]}: {@code upper · i / bins}. */
    public double edge(int i) {
        return upper * i / counts.length;
    }

    /** All {@code bins + 1} edges. */
    public double[] edges() {
        double[] e = new double[counts.length + 1];
        for (int i = 0; i < e.length; i++) {
            e[i] = edge(i);
        }
        return e;
    }

    public long count(int bin) {
        return counts[bin];
    }

    /** A copy of the counts. */
    public long[] counts() {
        return counts.clone();
    }

    /** Values above {@link #upper()}. */
    public long overflow() {
        return overflow;
    }

    /** All values counted, overflow included. */
    public long total() {
        long sum = overflow;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && h.upper == upper && h.overflow == overflow && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(upper) * 31 + Arrays.hashCode(counts) + Long.hashCode(overflow);
    }

    @Override
    public String toString() {
        return "Histogram[" + counts.length + " bins over [0, " + upper + "], total " + total() + "]";
    }
}
