package vqlens.ui.inspect.geometry;

/**
 * The top two principal components of a set of points: their mean, the two leading unit eigenvectors of
 * their covariance (found by power iteration with deflation, in double) and the variance along each.
 * Signs are fixed so that each component's largest entry is positive, so the same points always give the
 * same picture.
 *
 * @param mean          the points' mean, length {@code dim}
 * @param first         unit vector of the largest variance
 * @param second        unit vector of the second largest variance, orthogonal to {@code first}
 * @param firstVariance variance along {@code first}
 * @param secondVariance variance along {@code second}
 * @param totalVariance sum of the variances along every dimension (the covariance's trace)
 */
public record PrincipalComponents(double[] mean, double[] first, double[] second, double firstVariance,
                                  double secondVariance, double totalVariance) {

    /** Power iteration stops when a step moves the unit vector by less than this (or after MAX_ITERATIONS). */
    static final double CONVERGED = 1e-12;
    static final int MAX_ITERATIONS = 3000;

    /** Share of the total variance along the first component, in [0, 1]; 0 when all points coincide. */
    public double firstShare() {
        return totalVariance > 0 ? firstVariance / totalVariance : 0;
    }

    /** Share of the total variance along the second component, in [0, 1]. */
    public double secondShare() {
        return totalVariance > 0 ? secondVariance / totalVariance : 0;
    }

    public int dim() {
        return mean.length;
    }

    /**
     * Fits the components to the rows of every block: each block is {@code [rows, dim]} row-major (its
     * length a multiple of {@code dim}). {@code dim >= 2}; at least one row in all.
     */
    public static PrincipalComponents fit(int dim, float[]... blocks) {
        if (dim < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 dimensions, got " + dim);
        }
        long rows = 0;
        double[] mean = new double[dim];
        for (float[] b : blocks) {
            if (b.length % dim != 0) {
                throw new IllegalArgumentException(b.length + " values are not rows of " + dim);
            }
            for (int at = 0; at < b.length; at += dim) {
                for (int d = 0; d < dim; d++) {
                    mean[d] += b[at + d];
                }
                rows++;
            }
        }
        if (rows == 0) {
            throw new IllegalArgumentException("PCA needs at least one row");
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= rows;
        }
        double[][] cov = new double[dim][dim];
        double[] centred = new double[dim];
        for (float[] b : blocks) {
            for (int at = 0; at < b.length; at += dim) {
                for (int d = 0; d < dim; d++) {
                    centred[d] = b[at + d] - mean[d];
                }
                for (int r = 0; r < dim; r++) {
                    double v = centred[r];
                    if (v == 0) {
                        continue;
                    }
                    double[] row = cov[r];
                    for (int c = r; c < dim; c++) {
                        row[c] += v * centred[c];
                    }
                }
            }
        }
        double trace = 0;
        for (int r = 0; r < dim; r++) {
            for (int c = r; c < dim; c++) {
                cov[r][c] /= rows;
                cov[c][r] = cov[r][c];
            }
            trace += cov[r][r];
        }
        double[] first = leadingEigenvector(cov, null);
        double firstVariance = rayleigh(cov, first);
        double[] second = leadingEigenvector(cov, first);
        double secondVariance = rayleigh(cov, second);
        return new PrincipalComponents(mean, first, second, firstVariance, secondVariance, trace);
    }

    /** Coordinates of {@code v} (length dim) along the two components, relative to the mean. */
    public double[] project(float[] v, int offset) {
        double a = 0;
        double b = 0;
        for (int d = 0; d < mean.length; d++) {
            double c = v[offset + d] - mean[d];
            a += c * first[d];
            b += c * second[d];
        }
        return new double[] {a, b};
    }

    /**
     * The leading eigenvector of symmetric positive semi-definite {@code m}, orthogonal to {@code against}
     * when given (deflation by projection: the iteration stays in the orthogonal complement).
     */
    private static double[] leadingEigenvector(double[][] m, double[] against) {
        int n = m.length;
        double[] v = startVector(m, against);
        double[] next = new double[n];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            multiply(m, v, next);
            if (against != null) {
                orthogonalise(next, against);
            }
            double norm = norm(next);
            if (norm == 0) {
                break; // no variance left outside 'against': any unit vector there will do
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                next[i] /= norm;
                change = Math.max(change, Math.abs(next[i] - v[i]));
            }
            double[] t = v;
            v = next;
            next = t;
            if (change < CONVERGED) {
                break;
            }
        }
        fixSign(v);
        return v;
    }

    /** A start with a component along every direction that carries variance: the largest column plus a tilt. */
    private static double[] startVector(double[][] m, double[] against) {
        int n = m.length;
        double[] v = new double[n];
        double best = -1;
        for (int c = 0; c < n; c++) {
            double[] col = new double[n];
            for (int r = 0; r < n; r++) {
                col[r] = m[r][c];
            }
            if (against != null) {
                orthogonalise(col, against);
            }
            double norm = norm(col);
            if (norm > best) {
                best = norm;
                v = col;
            }
        }
        // A small deterministic tilt, so a start orthogonal to the leading eigenvector by chance still converges.
        for (int i = 0; i < n; i++) {
            v[i] += (best > 0 ? best : 1) * 1e-3 * (1 + (i * 0.6180339887498949) % 1);
        }
        double before = norm(v);
        if (against != null) {
            orthogonalise(v, against);
        }
        double norm = norm(v);
        if (norm <= 1e-9 * before) {
            // the tilt was parallel to 'against' (all variance zero): take the axis least aligned with it
            int axis = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(against[i]) < Math.abs(against[axis])) {
                    axis = i;
                }
            }
            v = new double[n];
            v[axis] = 1;
            orthogonalise(v, against);
            norm = norm(v);
        }
        for (int i = 0; i < n; i++) {
            v[i] /= norm;
        }
        return v;
    }

    private static void multiply(double[][] m, double[] v, double[] out) {
        for (int r = 0; r < m.length; r++) {
            double s = 0;
            double[] row = m[r];
            for (int c = 0; c < row.length; c++) {
                s += row[c] * v[c];
            }
            out[r] = s;
        }
    }

    private static void orthogonalise(double[] v, double[] unit) {
        double dot = 0;
        for (int i = 0; i < v.length; i++) {
            dot += v[i] * unit[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] -= dot * unit[i];
        }
    }

    private static double rayleigh(double[][] m, double[] unit) {
        double[] mv = new double[unit.length];
        multiply(m, unit, mv);
        double s = 0;
        for (int i = 0; i < unit.length; i++) {
            s += unit[i] * mv[i];
        }
        return Math.max(0, s);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static void fixSign(double[] v) {
        int at = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[at])) {
                at = i;
            }
        }
        if (v[at] < 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];
            }
        }
    }
}
