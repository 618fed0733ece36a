package vqlens.train.internal;

import java.util.Arrays;
import java.util.stream.IntStream;
import vqlens.core.QuantizerConfig;

/**
 * What one step learns from its rows, given their nearest codes: per code the assignment count and the
 * sum of the assigned head vectors, the total squared error {@code Σ‖z − q‖²}, and the histogram of
 * nearest-code distances. Sums are in double and accumulated per head in row order, so the result does
 * not depend on threads. A k-means pass accumulates several chunks before {@link #clear()}.
 */
final class BatchStats {
    /** Below this many values per chunk the heads are done one after another. */
    private static final int PARALLEL_VALUES = 1 << 16;
    /** Upper histogram edge = this × the largest distance seen the first time. */
    static final double UPPER_MARGIN = 1.25;

    private final int heads;
    private final int codes;
    private final int dim;
    private final int width;
    final long[] counts;
    final double[] sums;
    private final double[] headErrors;
    private final float[] rowDistances;
    final long[][] nearestCounts;
    final long[] nearestOverflow;
    long rows;

    BatchStats(QuantizerConfig config, int maxRows, int bins) {
        heads = config.heads();
        codes = config.codes();
        dim = config.headDim();
        width = config.embeddingDim();
        counts = new long[heads * codes];
        sums = new double[heads * codes * dim];
        headErrors = new double[heads];
        rowDistances = new float[maxRows * heads];
        nearestCounts = new long[heads][bins];
        nearestOverflow = new long[heads];
    }

    void clear() {
        Arrays.fill(counts, 0);
        Arrays.fill(sums, 0);
        Arrays.fill(headErrors, 0);
        for (long[] h : nearestCounts) {
            Arrays.fill(h, 0);
        }
        Arrays.fill(nearestOverflow, 0);
        rows = 0;
    }

    /** {@code Σ‖z − q‖²} over everything accumulated, summed over heads in order. */
    double squaredError() {
        double sum = 0;
        for (double e : headErrors) {
            sum += e;
        }
        return sum;
    }

    long count(int head, int code) {
        return counts[head * codes + code];
    }

    /**
     * Adds {@code n} rows {@code z [n, E]} whose nearest codes are {@code indices [n, H]} under
     * {@code codebook [H, K, D]}, and bins their distances; an unset (NaN) {@code nearestUpper[h]} is fixed
     * from this chunk first.
     */
    void accumulate(float[] z, int n, long[] indices, float[] codebook, double[] nearestUpper) {
        IntStream range = IntStream.range(0, heads);
        if ((long) n * width >= PARALLEL_VALUES && heads > 1) {
            range = range.parallel();
        }
        range.forEach(h -> accumulateHead(h, z, n, indices, codebook, nearestUpper));
        rows += n;
    }

    private void accumulateHead(int h, float[] z, int n, long[] indices, float[] codebook, double[] nearestUpper) {
        double error = 0;
        float max = 0;
        for (int b = 0; b < n; b++) {
            int k = (int) indices[b * heads + h];
            int c = (h * codes + k) * dim;
            int zOff = b * width + h * dim;
            counts[h * codes + k]++;
            double rowError = 0;
            for (int d = 0; d < dim; d++) {
                float v = z[zOff + d];
                sums[c + d] += v;
                float diff = v - codebook[c + d];
                rowError += diff * diff;
            }
            error += rowError;
            float distance = (float) Math.sqrt(rowError);
            rowDistances[b * heads + h] = distance;
            max = Math.max(max, distance);
        }
        headErrors[h] += error;
        if (Double.isNaN(nearestUpper[h]) && Float.isFinite(max)) {
            nearestUpper[h] = max > 0 ? UPPER_MARGIN * max : 1.0;
        }
        double upper = nearestUpper[h];
        if (Double.isNaN(upper)) {
            return; // non-finite distances: the step is about to be rolled back
        }
        long[] bins = nearestCounts[h];
        for (int b = 0; b < n; b++) {
            binInto(bins, rowDistances[b * heads + h], upper, h, nearestOverflow);
        }
    }

    static void binInto(long[] bins, double value, double upper, int head, long[] overflow) {
        int bin = (int) (value / upper * bins.length);
        if (bin < 0 || Double.isNaN(value)) {
            bin = 0;
        }
        if (bin >= bins.length) {
            if (value <= upper) {
                bins[bins.length - 1]++;
            } else {
                overflow[head]++;
            }
        } else {
            bins[bin]++;
        }
    }
}
