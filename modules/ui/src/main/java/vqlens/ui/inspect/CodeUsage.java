package vqlens.ui.inspect;

import java.util.Objects;

/**
 * How often each code was chosen, as far as the source knows: counts {@code [heads, codes]} row-major.
 *
 * @param counts      {@code heads × codes} counts, owned by this value
 * @param heads       heads
 * @param codes       codes per head
 * @param description where the counts come from, e.g. {@code "usage saved in the file"} or
 *                    {@code "EMA usage at step 1,200"}
 * @param deadBelow   the source's own dead-code threshold on these counts (a followed run's), {@code NaN} when
 *                    it has none (then {@link vqlens.core.DeadCodeRule#defaultThreshold(double[])} applies)
 */
public record CodeUsage(double[] counts, int heads, int codes, String description, double deadBelow) {

    /** Usage without a threshold of its own. */
    public CodeUsage(double[] counts, int heads, int codes, String description) {
        this(counts, heads, codes, description, Double.NaN);
    }

    public CodeUsage {
        Objects.requireNonNull(description, "description");
        if ((long) heads * codes != counts.length) {
            throw new IllegalArgumentException(counts.length + " counts are not " + heads + " x " + codes);
        }
        counts = counts.clone();
    }

    public double count(int head, int code) {
        return counts[head * codes + code];
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }
}
