package vqlens.core.edit;

import vqlens.core.Codebooks;
import vqlens.core.VqException;

/**
 * The editing operations of the inspector, each built as a {@link CodebookEdit} from the codebooks it will
 * be applied to. Data rows, where an operation needs them, are full rows {@code [rowCount, embeddingDim]}
 * row-major ({@code rows} may be {@code null} where documented); each operation uses the head's slice.
 * Usage arrays are per code of one head ({@code [codes]}) unless documented otherwise. Random choices use
 * the given seed, so an operation is reproducible. Bad arguments (a code outside the head, an empty cell,
 * no dead code) throw {@link VqException} with a one-line message for people.
 */
public final class CodebookEdits {

    private CodebookEdits() {
    }

    /**
     * For each of {@code rowCount} rows: the index of its nearest code of {@code head} (squared Euclidean,
     * first minimum on ties), by brute force in double precision.
     */
    public static int[] nearestCodes(Codebooks cb, int head, float[] rows, int rowCount) {
        int e = cb.config().embeddingDim();
        int d = cb.config().headDim();
        int k = cb.config().codes();
        if (head < 0 || head >= cb.config().heads()) {
            throw new VqException("head " + head + " outside 0.." + (cb.config().heads() - 1));
        }
        if (rows == null || (long) rowCount * e != rows.length) {
            throw new VqException("data rows: expected " + rowCount + " x " + e + " values");
        }
        float[] codes = cb.toArray();
        int base = head * k * d;
        int[] nearest = new int[rowCount];
        for (int r = 0; r < rowCount; r++) {
            int from = r * e + head * d;
            double best = Double.POSITIVE_INFINITY;
            int bestCode = 0;
            for (int c = 0; c < k; c++) {
                int at = base + c * d;
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    double diff = (double) rows[from + j] - codes[at + j];
                    sum += diff * diff;
                }
                if (sum < best) {
                    best = sum;
                    bestCode = c;
                }
            }
            nearest[r] = bestCode;
        }
        return nearest;
    }

    /** Sets one value {@code [head, code, dim]}. */
    public static SetCodes setValue(Codebooks cb, int head, int code, int dim, float value) {
        throw new UnsupportedOperationException("being written");
    }

    /** Gives a code a new vector (typing it, or dragging it in the 2-D view). */
    public static SetCodes setCode(Codebooks cb, int head, int code, float[] value) {
        throw new UnsupportedOperationException("being written");
    }

    /** Re-initialises a code from the head slice of a random data row. */
    public static SetCodes reinitFromDataRow(Codebooks cb, int head, int code, float[] rows, int rowCount, long seed) {
        throw new UnsupportedOperationException("being written");
    }

    /** Moves a code to the mean of the data rows whose nearest code it is; throws if its cell is empty. */
    public static SetCodes reinitToCellMean(Codebooks cb, int head, int code, float[] rows, int rowCount) {
        throw new UnsupportedOperationException("being written");
    }

    /** Re-initialises a code at random, with the spread of the head's other codes. */
    public static SetCodes reinitRandom(Codebooks cb, int head, int code, long seed) {
        throw new UnsupportedOperationException("being written");
    }

    /** Copies code {@code source} over code {@code target}. */
    public static SetCodes duplicate(Codebooks cb, int head, int source, int target) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * Splits a busy code in two: {@code code} and {@code target} move apart from the old value, along the
     * main direction of the code's cell when {@code rows} is given, else along a random direction.
     */
    public static EditSequence split(Codebooks cb, int head, int code, int target, float[] rows, int rowCount,
                                     long seed) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * Merges {@code other} into {@code keep}: {@code keep} takes the usage-weighted mean of both
     * ({@code usage} may be {@code null}: plain mean), and {@code other} is freed by re-seeding it from a data
     * row ({@code rows} may be {@code null}: at random).
     */
    public static EditSequence merge(Codebooks cb, int head, int keep, int other, double[] usage, float[] rows,
                                     int rowCount, long seed) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * Re-seeds every code of every head whose usage is below {@code threshold} from random data rows;
     * {@code usage} is {@code [heads, codes]} row-major. Throws when no code is dead.
     */
    public static CodebookEdit replaceDead(Codebooks cb, double[] usage, double threshold, float[] rows, int rowCount,
                                           long seed) {
        throw new UnsupportedOperationException("being written");
    }

    /** Reorders a head's codes by usage, most used first (stable: ties keep their order). */
    public static PermuteCodes sortByUsage(Codebooks cb, int head, double[] usage) {
        throw new UnsupportedOperationException("being written");
    }

    /** Swaps two codes of a head. */
    public static PermuteCodes swap(Codebooks cb, int head, int a, int b) {
        throw new UnsupportedOperationException("being written");
    }

    /** Moves code {@code from} to position {@code to}, shifting the codes between by one. */
    public static PermuteCodes move(Codebooks cb, int head, int from, int to) {
        throw new UnsupportedOperationException("being written");
    }

    /** Scales codes to unit Euclidean length: one head's, or all heads' when {@code head} is -1. */
    public static CodebookEdit normalise(Codebooks cb, int head) {
        throw new UnsupportedOperationException("being written");
    }
}
