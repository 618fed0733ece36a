package vqlens.train.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;
import vqlens.train.HeadMetrics;
import vqlens.train.Histogram;
import vqlens.train.TrainingEvent;

/**
 * The per-head metrics between two snapshots: usage counts and nearest-distance histograms summed over
 * the window's steps; at a snapshot, the all-codes histogram (sampled), perplexities, dead counts and
 * drift. Histogram edges are fixed the first time they are measured and kept for the whole run.
 */
final class MetricsWindow {
    private final QuantizerConfig config;
    private final int heads;
    private final int codes;
    private final int bins;
    private final Counts window;
    final double[] nearestUpper;
    final double[] allCodesUpper;
    private float[] previousCodebook;
    // The window closed last, kept so a snapshot right after an edit can show it again (reordered).
    private final Counts closed;
    private boolean edited;

    MetricsWindow(QuantizerConfig config, int bins) {
        this.config = config;
        this.heads = config.heads();
        this.codes = config.codes();
        this.bins = bins;
        window = new Counts(heads, codes, bins);
        closed = new Counts(heads, codes, bins);
        nearestUpper = new double[heads];
        allCodesUpper = new double[heads];
        Arrays.fill(nearestUpper, Double.NaN);
        Arrays.fill(allCodesUpper, Double.NaN);
    }

    /** Adds a successful step and its restarts. */
    void add(BatchStats stats, DeadCodes.Restarts restarts, long stepNanos) {
        for (int i = 0; i < window.usage.length; i++) {
            window.usage[i] += stats.counts[i];
        }
        Arrays.fill(window.restartedLastStep, false);
        for (TrainingEvent e : restarts.events()) {
            for (int k : e.codes()) {
                window.restarts[e.head() * codes + k]++;
                window.restartedLastStep[e.head() * codes + k] = true;
            }
        }
        for (int h = 0; h < heads; h++) {
            window.thrashing[h] += restarts.thrashing()[h];
        }
        for (int h = 0; h < heads; h++) {
            for (int b = 0; b < bins; b++) {
                window.nearest[h][b] += stats.nearestCounts[h][b];
            }
            window.nearestOverflow[h] += stats.nearestOverflow[h];
        }
        window.rows += stats.rows;
        window.nanos += stepNanos;
    }

    boolean isEmpty() {
        return window.rows == 0;
    }

    /** Whether a snapshot has something new to show: steps since the last one, or an edit. */
    boolean hasNews() {
        return window.rows > 0 || edited;
    }

    /** The codebooks were edited: the next snapshot shows fresh head metrics even without a step. */
    void markEdited() {
        edited = true;
    }

    /**
     * Reorders the per-code counts of {@code head} (this window's, the last closed one's) and the drift
     * reference as {@code PermuteCodes} does: code {@code i} takes what code {@code order[i]} had.
     */
    void permute(int head, int[] order) {
        CodeOrder.permute(window.usage, head * codes, order, 1);
        CodeOrder.permute(closed.usage, head * codes, order, 1);
        for (Counts c : List.of(window, closed)) {
            CodeOrder.permute(c.restarts, head * codes, order, 1);
            CodeOrder.permute(c.restartedLastStep, head * codes, order, 1);
        }
        if (previousCodebook != null) {
            CodeOrder.permute(previousCodebook, head * codes * config.headDim(), order, config.headDim());
        }
        edited = true;
    }

    /** After an edit with no step since the last snapshot: shows the last closed window again. */
    void reopenIfEdited() {
        if (window.rows == 0 && edited) {
            window.copyFrom(closed);
        }
    }

    /** Rows per second of compute time in the window. */
    double samplesPerSecond() {
        return window.nanos > 0 ? window.rows * 1e9 / window.nanos : 0;
    }

    /**
     * The heads' metrics for a snapshot; then starts a new window.
     *
     * @param sample     rows of the last batch {@code [sampleRows, E]} for the all-codes histogram
     * @param deadBelow  the EMA usage under which a code counts as dead (a code re-seeded at the window's
     *                   last step counts as dead: it was, before its restart)
     */
    List<HeadMetrics> close(float[] codebook, UsageEma ema, double deadBelow, ProductQuantizer quantizer,
                            float[] sample, int sampleRows) {
        long[][] allCodes = allCodesCounts(quantizer, sample, sampleRows);
        List<HeadMetrics> out = new ArrayList<>(heads);
        int dim = config.headDim();
        for (int h = 0; h < heads; h++) {
            long[] headUsage = Arrays.copyOfRange(window.usage, h * codes, (h + 1) * codes);
            double[] headEma = ema.averages(h * codes, codes);
            int used = 0;
            boolean[] deadFlags = new boolean[codes];
            for (int k = 0; k < codes; k++) {
                used += headUsage[k] > 0 ? 1 : 0;
                deadFlags[k] = ema.isBelow(h * codes + k, deadBelow) || window.restartedLastStep[h * codes + k];
            }
            double drift = 0;
            double maxDrift = 0;
            if (previousCodebook != null) {
                for (int k = 0; k < codes; k++) {
                    double s = 0;
                    int c = (h * codes + k) * dim;
                    for (int d = 0; d < dim; d++) {
                        double diff = codebook[c + d] - previousCodebook[c + d];
                        s += diff * diff;
                    }
                    double move = Math.sqrt(s);
                    drift += move;
                    maxDrift = Math.max(maxDrift, move);
                }
                drift /= codes;
            }
            Histogram near = new Histogram(upperOrOne(nearestUpper[h]), window.nearest[h], window.nearestOverflow[h]);
            Histogram all = new Histogram(upperOrOne(allCodesUpper[h]), allCodes[h], allCodes[h + heads][0]);
            out.add(new HeadMetrics(h, headUsage, headEma, Perplexity.of(headUsage, 0, codes), Perplexity.of(headEma),
                    used, near, all, drift, maxDrift, deadFlags,
                    Arrays.copyOfRange(window.restarts, h * codes, (h + 1) * codes), window.thrashing[h]));
        }
        previousCodebook = codebook.clone();
        closed.copyFrom(window);
        edited = false;
        window.clear();
        return out;
    }

    /** {@code [H][bins]} counts, then {@code [H][1]} overflow, of distances from the sample to all codes. */
    private long[][] allCodesCounts(ProductQuantizer quantizer, float[] sample, int n) {
        long[][] out = new long[2 * heads][];
        for (int h = 0; h < heads; h++) {
            out[h] = new long[bins];
            out[h + heads] = new long[1];
        }
        if (n == 0 || !quantizer.isInited()) {
            return out;
        }
        float[] distances = new float[n * heads * codes];
        quantizer.forward(sample, n, 0, new long[n * heads], null, distances);
        long[] overflow = new long[heads];
        for (int h = 0; h < heads; h++) {
            if (Double.isNaN(allCodesUpper[h])) {
                double max = 0;
                for (int b = 0; b < n; b++) {
                    for (int k = 0; k < codes; k++) {
                        max = Math.max(max, Math.sqrt(Math.max(0, distances[(b * heads + h) * codes + k])));
                    }
                }
                allCodesUpper[h] = max > 0 ? BatchStats.UPPER_MARGIN * max : 1.0;
            }
            for (int b = 0; b < n; b++) {
                for (int k = 0; k < codes; k++) {
                    double d = Math.sqrt(Math.max(0, distances[(b * heads + h) * codes + k]));
                    BatchStats.binInto(out[h], d, allCodesUpper[h], h, overflow);
                }
            }
            out[h + heads][0] = overflow[h];
        }
        return out;
    }

    private static double upperOrOne(double upper) {
        return Double.isNaN(upper) ? 1.0 : upper;
    }

    /** Puts back saved edges; anything but a finite positive value counts as not fixed yet (NaN). */
    void restoreUppers(double[] nearestValues, double[] allValues) {
        if (nearestValues.length != heads || allValues.length != heads) {
            throw new IllegalArgumentException("histogram edges for " + nearestValues.length + " heads, expected " + heads);
        }
        for (int h = 0; h < heads; h++) {
            nearestUpper[h] = usable(nearestValues[h]);
            allCodesUpper[h] = usable(allValues[h]);
        }
    }

    private static double usable(double upper) {
        return upper > 0 && Double.isFinite(upper) ? upper : Double.NaN;
    }

    /** What a window sums over its steps: usage per code, nearest-distance histograms, rows and time. */
    private static final class Counts {
        final long[] usage;
        final long[][] nearest;
        final long[] nearestOverflow;
        /** Per code: restarts in the window; whether the window's last step re-seeded it. */
        final int[] restarts;
        final boolean[] restartedLastStep;
        /** Per head: restarts of codes re-seeded shortly before (see {@link DeadCodes#THRASH_STEPS}). */
        final int[] thrashing;
        long rows;
        long nanos;

        Counts(int heads, int codes, int bins) {
            usage = new long[heads * codes];
            restarts = new int[heads * codes];
            restartedLastStep = new boolean[heads * codes];
            thrashing = new int[heads];
            nearest = new long[heads][bins];
            nearestOverflow = new long[heads];
        }

        void copyFrom(Counts other) {
            System.arraycopy(other.usage, 0, usage, 0, usage.length);
            for (int h = 0; h < nearest.length; h++) {
                System.arraycopy(other.nearest[h], 0, nearest[h], 0, nearest[h].length);
            }
            System.arraycopy(other.nearestOverflow, 0, nearestOverflow, 0, nearestOverflow.length);
            System.arraycopy(other.restarts, 0, restarts, 0, restarts.length);
            System.arraycopy(other.restartedLastStep, 0, restartedLastStep, 0, restartedLastStep.length);
            System.arraycopy(other.thrashing, 0, thrashing, 0, thrashing.length);
            rows = other.rows;
            nanos = other.nanos;
        }

        void clear() {
            Arrays.fill(usage, 0);
            for (long[] n : nearest) {
                Arrays.fill(n, 0);
            }
            Arrays.fill(nearestOverflow, 0);
            Arrays.fill(restarts, 0);
            Arrays.fill(restartedLastStep, false);
            Arrays.fill(thrashing, 0);
            rows = 0;
            nanos = 0;
        }
    }
}
