package vqlens.train;

import java.util.Arrays;
import java.util.Objects;

import vqlens.train.internal.Perplexity;

/**
 * How often each code of each head was chosen over a set of rows (not a training window): the codebook's usage
 * on a whole data set, e.g. every training image at the end of a run. Immutable.
 *
 * @param heads heads of the quantizer
 * @param codes codes per head
 * @param counts {@code [heads, codes]} rows that chose each code
 */
public record CodeUsage(int heads, int codes, long[] counts) {

    public CodeUsage {
        if (heads < 1 || codes < 1) {
            throw new IllegalArgumentException("usage of " + heads + " heads x " + codes + " codes");
        }
        counts = Objects.requireNonNull(counts, "counts").clone();
        if (counts.length != heads * codes) {
            throw new IllegalArgumentException("counts has " + counts.length + " values, expected " + heads * codes);
        }
    }

    /** Counts the chosen codes {@code [rows, heads]} row-major (as {@link VqVaeReconstruction#codes} gives them). */
    public static CodeUsage of(long[] chosen, int heads, int codes) {
        if (chosen.length % heads != 0) {
            throw new IllegalArgumentException(chosen.length + " chosen codes are not whole rows of " + heads + " heads");
        }
        long[] counts = new long[heads * codes];
        for (int i = 0; i < chosen.length; i++) {
            counts[(i % heads) * codes + Math.toIntExact(Objects.checkIndex(chosen[i], codes))]++;
        }
        return new CodeUsage(heads, codes, counts);
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** {@code exp(−Σ p ln p)} of head {@code head}'s usage: 1 when one code takes every row, {@code codes} at best. */
    public double perplexity(int head) {
        return Perplexity.of(counts, Objects.checkIndex(head, heads) * codes, codes);
    }

    /** The mean of the heads' perplexities. */
    public double meanPerplexity() {
        double sum = 0;
        for (int h = 0; h < heads; h++) {
            sum += perplexity(h);
        }
        return sum / heads;
    }

    /** Codes of {@code head} that no row chose. */
    public int unused(int head) {
        int from = Objects.checkIndex(head, heads) * codes;
        return (int) Arrays.stream(counts, from, from + codes).filter(c -> c == 0).count();
    }

    /** The fraction of all codes, over every head, that no row chose. */
    public double unusedFraction() {
        int sum = 0;
        for (int h = 0; h < heads; h++) {
            sum += unused(h);
        }
        return sum / (double) (heads * codes);
    }
}
