package vqlens.core;

import vqlens.core.internal.ScalarFirstMinimum;

/**
 * The encoder's nearest-code search for a few rows, in plain Java, for callers that must not wait for
 * ND4J (the inspector on the FX thread, the edits): per head the float32 expansion
 * {@code (‖z_h‖² + ‖c‖²) + (−2⟨z_h, c⟩)} and the first minimum, the formula and tie rule of the encoder's
 * kernel (its first-minimum scan itself). Norms and {@code ‖z_h‖²} are summed in the kernel's order, so near-ties resolve as
 * {@code vqlens encode} resolves them (not as an exact distance in double would); only the dot product
 * may round differently in its last bit, where the kernel's BLAS sums in another order.
 *
 * <p>Where the encoder refuses (a NaN or infinite value in a row or a code), a distance that is not finite
 * never wins, and a row with no finite distance gets code 0, so a view can still draw it.
 */
public final class NearestCodes {

    private NearestCodes() {
    }

    /**
     * For each of {@code rowCount} rows ({@code rows} row-major, embeddingDim wide): the index of its nearest
     * code of {@code head}.
     */
    public static int[] ofHead(Codebooks cb, int head, float[] rows, int rowCount) {
        QuantizerConfig q = cb.config();
        if (head < 0 || head >= q.heads()) {
            throw new VqException("head " + head + " outside 0.." + (q.heads() - 1));
        }
        if (rows == null || rowCount < 0 || (long) rowCount * q.embeddingDim() != rows.length) {
            throw new VqException("data rows: expected " + rowCount + " x " + q.embeddingDim() + " values");
        }
        float[] codes = cb.toArray();
        float[] norms = squaredNorms(codes, q, head);
        int[] nearest = new int[rowCount];
        for (int r = 0; r < rowCount; r++) {
            nearest[r] = nearest(codes, norms, q, head, rows, r * q.embeddingDim());
        }
        return nearest;
    }

    /** The nearest code of every head to one row (embeddingDim values): what {@code vqlens encode} writes for it. */
    public static int[] ofRow(Codebooks cb, float[] row) {
        QuantizerConfig q = cb.config();
        if (row == null || row.length != q.embeddingDim()) {
            throw new VqException("a row of " + (row == null ? 0 : row.length) + " values, the codebooks take "
                    + q.embeddingDim());
        }
        float[] codes = cb.toArray();
        int[] out = new int[q.heads()];
        for (int h = 0; h < q.heads(); h++) {
            out[h] = nearest(codes, squaredNorms(codes, q, h), q, h, row, 0);
        }
        return out;
    }

    /** {@code ‖c‖²} of every code of {@code head}, summed in float32 in dimension order as the kernel's table does. */
    static float[] squaredNorms(float[] codes, QuantizerConfig q, int head) {
        int k = q.codes();
        int d = q.headDim();
        float[] norms = new float[k];
        for (int c = 0; c < k; c++) {
            int at = (head * k + c) * d;
            norms[c] = dot(codes, at, codes, at, d);
        }
        return norms;
    }

    private static int nearest(float[] codes, float[] norms, QuantizerConfig q, int head, float[] rows, int rowStart) {
        int k = q.codes();
        float zsq = squaredNorm(q, head, rows, rowStart);
        float[] scores = new float[k]; // −2⟨z_h, c⟩, what the kernel's sgemm writes
        float[] dots = dots(codes, q, head, rows, rowStart);
        for (int c = 0; c < k; c++) {
            scores[c] = -2f * dots[c];
        }
        int best = ScalarFirstMinimum.scan(scores, 0, 0, k, zsq, norms, false, Float.POSITIVE_INFINITY, -1);
        return Math.max(best, 0); // no finite distance: code 0, so a view can still draw the row
    }

    /** {@code ‖z_h‖²} of the row at {@code rowStart}, summed in float32 in dimension order. */
    static float squaredNorm(QuantizerConfig q, int head, float[] rows, int rowStart) {
        int from = rowStart + head * q.headDim();
        return dot(rows, from, rows, from, q.headDim());
    }

    /** {@code ⟨z_h, c⟩} for every code of {@code head}, in float32. */
    static float[] dots(float[] codes, QuantizerConfig q, int head, float[] rows, int rowStart) {
        int k = q.codes();
        int d = q.headDim();
        float[] dots = new float[k];
        for (int c = 0; c < k; c++) {
            dots[c] = dot(rows, rowStart + head * d, codes, (head * k + c) * d, d);
        }
        return dots;
    }

    /** {@code Σ a[i]·b[j]} over {@code n} values in float32, in index order: the one summation of this class. */
    static float dot(float[] a, int aFrom, float[] b, int bFrom, int n) {
        float sum = 0f;
        for (int j = 0; j < n; j++) {
            sum += a[aFrom + j] * b[bFrom + j];
        }
        return sum;
    }
}
