package vqlens.ui.inspect;

import vqlens.core.CodeDistances;
import vqlens.core.Codebooks;

/**
 * What the table and the distance matrix show of one head: every code's norm ({@link Codebooks#norm}), its
 * nearest other code and the distance to it, and (up to {@link #MAX_MATRIX_CODES} codes) the pairwise
 * Euclidean distances, all from core's {@link CodeDistances}. Immutable; computed on any thread in
 * O(K² · D) time.
 */
public final class HeadStats {

    /** Largest head whose K × K distance matrix is kept (4M floats, 16 MB). */
    public static final int MAX_MATRIX_CODES = 2048;

    private final int head;
    private final double[] norms;
    private final CodeDistances distances;

    private HeadStats(int head, double[] norms, CodeDistances distances) {
        this.head = head;
        this.norms = norms;
        this.distances = distances;
    }

    /** Statistics of {@code head}. */
    public static HeadStats of(Codebooks cb, int head) {
        int k = cb.config().codes();
        double[] norms = new double[k];
        for (int c = 0; c < k; c++) {
            norms[c] = cb.norm(head, c);
        }
        return new HeadStats(head, norms, CodeDistances.of(cb, head, k <= MAX_MATRIX_CODES));
    }

    public int head() {
        return head;
    }

    public int codes() {
        return norms.length;
    }

    /** Euclidean length of {@code code}. */
    public double norm(int code) {
        return norms[code];
    }

    /** The nearest other code (first on ties), -1 for a head of one code. */
    public int nearest(int code) {
        return distances.nearest(code);
    }

    /** Distance to {@link #nearest}, NaN for a head of one code. */
    public double nearestDistance(int code) {
        return distances.nearestDistance(code);
    }

    /** Whether the K × K matrix was kept. */
    public boolean hasMatrix() {
        return distances.hasMatrix();
    }

    /** Distance between codes {@code a} and {@code b}; needs {@link #hasMatrix()}. */
    public double distance(int a, int b) {
        return distances.distance(a, b);
    }

    /** The largest pairwise distance. */
    public double maxDistance() {
        return distances.maxDistance();
    }
}
