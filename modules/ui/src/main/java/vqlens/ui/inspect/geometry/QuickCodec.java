package vqlens.ui.inspect.geometry;

import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;

/**
 * Encoding and decoding one data row with a product quantizer, for the quick encode/decode pane: the
 * nearest code per head (core's {@link NearestCodes}, so near-ties resolve as {@code vqlens encode} resolves
 * them), the reconstruction from any chosen indices (the chosen codes concatenated) and its squared error
 * in double.
 */
public final class QuickCodec {

    private QuickCodec() {
    }

    /** The nearest code of every head to {@code row} (length embeddingDim): the encoder's answer, from core. */
    public static int[] encode(Codebooks cb, float[] row) {
        checkRow(cb, row);
        return NearestCodes.ofRow(cb, row);
    }

    /** The decoded vector: code {@code indices[h]} of every head h, concatenated. */
    public static float[] decode(Codebooks cb, int[] indices) {
        int heads = cb.config().heads();
        int d = cb.config().headDim();
        if (indices.length != heads) {
            throw new IllegalArgumentException(indices.length + " indices for " + heads + " heads");
        }
        float[] out = new float[cb.config().embeddingDim()];
        for (int h = 0; h < heads; h++) {
            cb.copyCode(h, indices[h], out, h * d);
        }
        return out;
    }

    /** Squared distance of {@code row} to code {@code code} of {@code head}, over the head's slice. */
    public static double headSquaredError(Codebooks cb, float[] row, int head, int code) {
        checkRow(cb, row);
        int d = cb.config().headDim();
        return HeadSlices.squaredDistance(row, head * d, cb.code(head, code), 0, d);
    }

    /** Squared error {@code Σ (a_i − b_i)²} of two equally long vectors, in double. */
    public static double squaredError(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " values");
        }
        return HeadSlices.squaredDistance(a, 0, b, 0, a.length);
    }

    private static void checkRow(Codebooks cb, float[] row) {
        if (row.length != cb.config().embeddingDim()) {
            throw new IllegalArgumentException("a row of " + row.length + " values, the codebooks take "
                    + cb.config().embeddingDim());
        }
    }
}
