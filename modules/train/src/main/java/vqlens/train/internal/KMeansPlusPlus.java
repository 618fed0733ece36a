package vqlens.train.internal;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import vqlens.core.QuantizerConfig;
import vqlens.train.Init;

/**
 * Greedy k-means++ seeding (Arthur and Vassilvitskii, 2007; the greedy variant scikit-learn uses) per
 * head: the first code is a uniformly chosen row; for each next one, {@code 2 + ln K} rows are drawn with
 * probability proportional to their squared distance to the nearest code chosen so far, and the one that
 * lowers the total squared distance most is kept. The distances come from BLAS ({@code sgemm} through
 * ND4J), so seeding 256 codes from 8,192 rows takes a fraction of a second. Looks at {@link Init#KMEANS_PP_MAX_ROWS} random rows at most. Heads run in parallel,
 * each with its own generator seeded in head order, so the result does not depend on threads.
 */
final class KMeansPlusPlus {
    private KMeansPlusPlus() {
    }

    /** Fills {@code codebook [H, K, D]} from {@code z [n, E]}. */
    static void seed(QuantizerConfig config, float[] z, int n, SplitMix64 random, float[] codebook) {
        long[] seeds = new long[config.heads()];
        for (int h = 0; h < seeds.length; h++) {
            seeds[h] = random.nextLong();
        }
        IntStream.range(0, config.heads()).parallel()
                .forEach(h -> seedHead(config, z, n, h, new SplitMix64(seeds[h]), codebook));
    }

    private static void seedHead(QuantizerConfig config, float[] z, int n, int h, SplitMix64 random, float[] codebook) {
        int dim = config.headDim();
        int width = config.embeddingDim();
        int codes = config.codes();
        int[] rows = sampleRows(n, Math.min(n, Init.KMEANS_PP_MAX_ROWS), random);
        int m = rows.length;
        float[] x = new float[m * dim];
        float[] norms = new float[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(z, rows[i] * width + h * dim, x, i * dim, dim);
            float s = 0;
            for (int d = 0; d < dim; d++) {
                s += x[i * dim + d] * x[i * dim + d];
            }
            norms[i] = s;
        }
        Candidates candidates = new Candidates(x, norms, m, dim);
        int trials = 2 + (int) Math.log(codes); // scikit-learn's number of local trials
        double[] nearest = new double[m];
        double[][] candidate = new double[trials][m];
        int[] tried = new int[trials];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        tried[0] = random.nextInt(m);
        candidates.distances(tried, 1, nearest, candidate);
        System.arraycopy(candidate[0], 0, nearest, 0, m);
        System.arraycopy(x, tried[0] * dim, codebook, h * codes * dim, dim);
        for (int k = 1; k < codes; k++) {
            for (int t = 0; t < trials; t++) {
                tried[t] = draw(nearest, random);
            }
            double[] potentials = candidates.distances(tried, trials, nearest, candidate);
            int best = 0;
            for (int t = 1; t < trials; t++) {
                if (potentials[t] < potentials[best]) {
                    best = t;
                }
            }
            double[] swap = nearest;
            nearest = candidate[best];
            candidate[best] = swap;
            System.arraycopy(x, tried[best] * dim, codebook, (h * codes + k) * dim, dim);
        }
    }

    /**
     * Squared distances from every row to a few of them, as {@code ‖x‖² + ‖c‖² − 2⟨x, c⟩} with one BLAS
     * {@code sgemm} per call (clamped at 0 against rounding).
     */
    private static final class Candidates {
        private final float[] x;
        private final float[] norms;
        private final int m;
        private final int dim;
        private final INDArray rows;

        Candidates(float[] x, float[] norms, int m, int dim) {
            this.x = x;
            this.norms = norms;
            this.m = m;
            this.dim = dim;
            this.rows = Nd4j.createFromArray(x).reshape('c', m, dim);
        }

        /**
         * For each of the first {@code count} tried rows {@code t}: {@code out[t][i] = min(nearest[i], ‖x_i − x_t‖²)};
         * returns each {@code Σ_i out[t][i]}.
         */
        double[] distances(int[] tried, int count, double[] nearest, double[][] out) {
            float[] picked = new float[count * dim];
            for (int t = 0; t < count; t++) {
                System.arraycopy(x, tried[t] * dim, picked, t * dim, dim);
            }
            INDArray c = Nd4j.createFromArray(picked).reshape('c', count, dim);
            float[] dots = Nd4j.gemm(c, rows, false, true).dup('c').data().asFloat(); // [count, m]
            double[] totals = new double[count];
            for (int t = 0; t < count; t++) {
                float cn = norms[tried[t]];
                double[] o = out[t];
                double total = 0;
                for (int i = 0; i < m; i++) {
                    double d = Math.max(0f, norms[i] + cn - 2 * dots[t * m + i]);
                    double value = Math.min(nearest[i], d);
                    o[i] = value;
                    total += value;
                }
                totals[t] = total;
            }
            return totals;
        }
    }

    /** A row with probability ∝ {@code weights}; uniform when all weights are 0 (fewer distinct rows than codes). */
    private static int draw(double[] weights, SplitMix64 random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        if (!(total > 0) || Double.isInfinite(total)) {
            return random.nextInt(weights.length);
        }
        double target = random.nextDouble() * total;
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                cumulative += weights[i];
                last = i;
                if (cumulative > target) {
                    return i;
                }
            }
        }
        return last; // rounding: the last row with weight
    }

    /** {@code m} distinct row numbers out of {@code n} (a partial Fisher–Yates shuffle), all of them when {@code m == n}. */
    static int[] sampleRows(int n, int m, SplitMix64 random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (m == n) {
            return order;
        }
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return java.util.Arrays.copyOf(order, m);
    }
}
