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
 * @param health      a followed run's dead, re-seeded and thrashing codes as the trainer counts them, {@code null}
 *                    for other sources (and after an edit, until the run's next snapshot)
 */
public record CodeUsage(double[] counts, int heads, int codes, String description, double deadBelow, RunHealth health) {

    /** Usage without a threshold of its own. */
    public CodeUsage(double[] counts, int heads, int codes, String description) {
        this(counts, heads, codes, description, Double.NaN, null);
    }

    /** Usage with a threshold but no run health. */
    public CodeUsage(double[] counts, int heads, int codes, String description, double deadBelow) {
        this(counts, heads, codes, description, deadBelow, null);
    }

    public CodeUsage {
        Objects.requireNonNull(description, "description");
        if ((long) heads * codes != counts.length) {
            throw new IllegalArgumentException(counts.length + " counts are not " + heads + " x " + codes);
        }
        if (health != null && (health.heads() != heads || health.codes() != codes)) {
            throw new IllegalArgumentException("run health for " + health.heads() + " x " + health.codes());
        }
        counts = counts.clone();
    }

    /**
     * The counts for a dead-code check: as {@link #counts()}, except that a code the run flagged dead (below the
     * threshold before its restart) counts 0, so a threshold catches a code re-seeded at every step, whose EMA
     * was set back to the threshold.
     */
    public double[] countsForDeadCheck() {
        double[] out = counts.clone();
        if (health != null) {
            for (int i = 0; i < out.length; i++) {
                if (health.dead(i / codes, i % codes)) {
                    out[i] = 0;
                }
            }
        }
        return out;
    }

    /**
     * The description with the run's health when known: what the usage label shows. The health comes first: a
     * narrow column cuts the end of the label, and the dead count matters more than the step.
     */
    public String label() {
        return health == null ? description : health.summary() + " · " + description;
    }

    public double count(int head, int code) {
        return counts[head * codes + code];
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }
}
