package vqlens.ui.inspect;

import vqlens.core.CodeDistances;
import vqlens.core.Codebooks;

/**
 * What the table and the distance matrix show of one head: every code's norm ({@link Codebooks#norm}) and
 * core's {@link CodeDistances} (each code's nearest other code, and up to {@link #MAX_MATRIX_CODES} codes the
 * pairwise distances). Immutable; computed on any thread in O(K² · D) time.
 *
 * @param head      the head described
 * @param norms     Euclidean length of every code (read through {@link #norm})
 * @param distances the codes' distances to each other
 */
public record HeadStats(int head, double[] norms, CodeDistances distances) {

    /** Largest head whose K × K distance matrix is kept (4M floats, 16 MB). */
    public static final int MAX_MATRIX_CODES = 2048;

    public HeadStats {
        norms = norms.clone();
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

    @Override
    public double[] norms() {
        return norms.clone();
    }

    public int codes() {
        return norms.length;
    }

    /** Euclidean length of {@code code}. */
    public double norm(int code) {
        return norms[code];
    }
}
