package vqlens.ui.inspect;

import vqlens.core.Codebooks;

/**
 * What the table and the distance matrix show of one head: every code's norm, its nearest other code and
 * the distance to it, and (up to {@link #MAX_MATRIX_CODES} codes) the pairwise Euclidean distances. Computed
 * in double precision from an immutable {@link Codebooks}; any thread. O(K² · D) time.
 */
public final class HeadStats {

    /** Largest head whose K × K distance matrix is kept (4M floats, 16 MB). */
    public static final int MAX_MATRIX_CODES = 2048;

    private final int head;
    private final int codes;
    private final double[] norms;
    private final int[] nearest;
    private final double[] nearestDistance;
    private final float[] distances;
    private final double maxDistance;

    private HeadStats(int head, int codes, double[] norms, int[] nearest, double[] nearestDistance, float[] distances,
                      double maxDistance) {
        this.head = head;
        this.codes = codes;
        this.norms = norms;
        this.nearest = nearest;
        this.nearestDistance = nearestDistance;
        this.distances = distances;
        this.maxDistance = maxDistance;
    }

    /** Statistics of {@code head}. */
    public static HeadStats of(Codebooks cb, int head) {
        int k = cb.config().codes();
        int d = cb.config().headDim();
        float[] all = cb.toArray();
        int base = head * k * d;
        double[] norms = new double[k];
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = all[base + i * d + j];
                s += v * v;
            }
            norms[i] = Math.sqrt(s);
        }
        int[] nearest = new int[k];
        double[] nearestDistance = new double[k];
        java.util.Arrays.fill(nearest, -1);
        java.util.Arrays.fill(nearestDistance, Double.NaN);
        float[] matrix = k <= MAX_MATRIX_CODES ? new float[k * k] : null;
        double max = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double s = 0;
                int pa = base + a * d;
                int pb = base + b * d;
                for (int j = 0; j < d; j++) {
                    double diff = (double) all[pa + j] - all[pb + j];
                    s += diff * diff;
                }
                double dist = Math.sqrt(s);
                if (matrix != null) {
                    matrix[a * k + b] = (float) dist;
                    matrix[b * k + a] = (float) dist;
                }
                if (dist > max) {
                    max = dist;
                }
                if (nearest[a] < 0 || dist < nearestDistance[a]) {
                    nearest[a] = b;
                    nearestDistance[a] = dist;
                }
                if (nearest[b] < 0 || dist < nearestDistance[b]) {
                    nearest[b] = a;
                    nearestDistance[b] = dist;
                }
            }
        }
        return new HeadStats(head, k, norms, nearest, nearestDistance, matrix, max);
    }

    public int head() {
        return head;
    }

    public int codes() {
        return codes;
    }

    /** Euclidean length of {@code code}. */
    public double norm(int code) {
        return norms[code];
    }

    /** The nearest other code (first on ties), -1 for a head of one code. */
    public int nearest(int code) {
        return nearest[code];
    }

    /** Distance to {@link #nearest}, NaN for a head of one code. */
    public double nearestDistance(int code) {
        return nearestDistance[code];
    }

    /** Whether the K × K matrix was kept. */
    public boolean hasMatrix() {
        return distances != null;
    }

    /** Distance between codes {@code a} and {@code b}; needs {@link #hasMatrix()}. */
    public double distance(int a, int b) {
        return distances[a * codes + b];
    }

    /** The largest pairwise distance. */
    public double maxDistance() {
        return maxDistance;
    }
}
