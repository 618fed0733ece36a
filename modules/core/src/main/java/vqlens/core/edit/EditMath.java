package vqlens.core.edit;

import java.util.SplittableRandom;

import vqlens.core.Codebooks;

/**
 * The numerics behind the editing operations, in double precision on plain arrays: normal draws that do
 * not depend on the JDK's {@code nextGaussian}, the spread of a head's codes, a cell's rows and its
 * principal direction.
 */
final class EditMath {

    /** Power iteration stops when the direction moves less than this (unit vectors, Euclidean). */
    private static final double POWER_TOLERANCE = 1e-10;
    private static final int POWER_MAX_ITERATIONS = 500;

    private EditMath() {
    }

    /** A standard normal draw by Box–Muller, so the same seed gives the same value on every JDK. */
    static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]: log stays finite
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** A random direction of unit length, uniform on the sphere. */
    static double[] unitDirection(SplittableRandom random, int d) {
        double[] v = new double[d];
        double norm;
        do {
            for (int j = 0; j < d; j++) {
                v[j] = gaussian(random);
            }
            norm = norm(v);
        } while (norm == 0);
        for (int j = 0; j < d; j++) {
            v[j] /= norm;
        }
        return v;
    }

    static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    /** Per-dimension mean of a head's codes, leaving out {@code skip} (-1: none); all codes if none remain. */
    static double[] codeMean(Codebooks cb, int head, int skip) {
        return averageOverCodes(cb, head, skip, (j, value) -> value);
    }

    /** Per-dimension standard deviation of a head's codes around {@code mean}, leaving out {@code skip}. */
    static double[] codeStd(Codebooks cb, int head, int skip, double[] mean) {
        double[] var = averageOverCodes(cb, head, skip, (j, value) -> (value - mean[j]) * (value - mean[j]));
        for (int j = 0; j < var.length; j++) {
            var[j] = Math.sqrt(var[j]);
        }
        return var;
    }

    /** A per-dimension quantity of one code value, averaged over codes by {@link #averageOverCodes}. */
    private interface CodeTerm {
        double of(int dimension, double value);
    }

    /** Per dimension, the mean of {@code term} over a head's codes but {@code skip}; over all codes if none remain. */
    private static double[] averageOverCodes(Codebooks cb, int head, int skip, CodeTerm term) {
        int k = cb.config().codes();
        int d = cb.config().headDim();
        double[] sum = new double[d];
        int n = 0;
        for (int c = 0; c < k; c++) {
            if (c == skip && k > 1) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                sum[j] += term.of(j, cb.value(head, c, j));
            }
            n++;
        }
        for (int j = 0; j < d; j++) {
            sum[j] /= n;
        }
        return sum;
    }

    /**
     * The typical distance of a head's codes from their centre: the root mean square of
     * {@code ‖code − mean‖}. When all codes coincide (an uninitialised head) the RMS norm of the codes, and
     * 1 when that is zero too, so a caller always gets a usable positive scale.
     */
    static double codeSpread(Codebooks cb, int head) {
        double[] mean = codeMean(cb, head, -1);
        double[] std = codeStd(cb, head, -1, mean);
        double sum = 0;
        for (double s : std) {
            sum += s * s;
        }
        if (sum > 0) {
            return Math.sqrt(sum);
        }
        double norms = 0;
        for (int c = 0; c < cb.config().codes(); c++) {
            double n = cb.norm(head, c);
            norms += n * n;
        }
        double rms = Math.sqrt(norms / cb.config().codes());
        return rms > 0 ? rms : 1.0;
    }

    /** Indices of the rows whose nearest code of {@code head} is {@code code}. */
    static int[] cellRows(int[] nearest, int code) {
        int n = 0;
        for (int c : nearest) {
            if (c == code) {
                n++;
            }
        }
        int[] cell = new int[n];
        int at = 0;
        for (int r = 0; r < nearest.length; r++) {
            if (nearest[r] == code) {
                cell[at++] = r;
            }
        }
        return cell;
    }

    /** Mean of the head slices of the given rows. */
    static double[] mean(float[] rows, int e, int from, int d, int[] which) {
        double[] mean = new double[d];
        for (int r : which) {
            int at = r * e + from;
            for (int j = 0; j < d; j++) {
                mean[j] += rows[at + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= which.length;
        }
        return mean;
    }

    /**
     * The principal direction of the given rows' head slices (unit length, its largest-magnitude component
     * positive so the result does not depend on the start) and the variance along it, by power iteration on
     * the covariance without forming it: {@code v ← Σ (x−m)·((x−m)·v)}. Returns {@code null} when the rows
     * have no spread.
     */
    static Principal principal(float[] rows, int e, int from, int d, int[] which, double[] mean,
                               SplittableRandom random) {
        double[] v = unitDirection(random, d);
        double[] next = new double[d];
        double[] centred = new double[d];
        double variance = 0;
        for (int it = 0; it < POWER_MAX_ITERATIONS; it++) {
            java.util.Arrays.fill(next, 0);
            for (int r : which) {
                int at = r * e + from;
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    centred[j] = rows[at + j] - mean[j];
                    dot += centred[j] * v[j];
                }
                for (int j = 0; j < d; j++) {
                    next[j] += centred[j] * dot;
                }
            }
            double norm = norm(next);
            if (norm == 0) {
                return null;
            }
            variance = norm / which.length; // ‖Cv‖ for unit v converges to the top eigenvalue
            double moved = 0;
            for (int j = 0; j < d; j++) {
                next[j] /= norm;
                double diff = next[j] - v[j];
                moved += diff * diff;
            }
            double[] swap = v;
            v = next;
            next = swap;
            if (Math.sqrt(moved) < POWER_TOLERANCE) {
                break;
            }
        }
        int largest = 0;
        for (int j = 1; j < d; j++) {
            if (Math.abs(v[j]) > Math.abs(v[largest])) {
                largest = j;
            }
        }
        if (v[largest] < 0) {
            for (int j = 0; j < d; j++) {
                v[j] = -v[j];
            }
        }
        return new Principal(v, variance);
    }

    /** A unit direction and the variance of the data along it. */
    record Principal(double[] direction, double variance) {
    }

    /** Squared distance between a row's head slice and a code. */
    static double squaredDistance(float[] rows, int at, float[] codes, int codeAt, int d) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double diff = (double) rows[at + j] - codes[codeAt + j];
            sum += diff * diff;
        }
        return sum;
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            f[j] = (float) v[j];
        }
        return f;
    }
}
