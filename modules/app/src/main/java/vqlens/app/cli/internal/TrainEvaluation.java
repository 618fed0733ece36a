package vqlens.app.cli.internal;

import vqlens.core.Codebooks;
import vqlens.core.ProductQuantizer;
import vqlens.train.data.SyntheticData;

/** Held-out quality of trained codebooks: the reconstruction MSE per element on rows they never saw. */
public final class TrainEvaluation {
    private static final int CHUNK_ROWS = 8192;

    private TrainEvaluation() {
    }

    /** {@code mean((z − z_q)²)} over all values of {@code rows}, with the quantizer's own encode and decode. */
    public static double mse(Codebooks codebooks, SyntheticData.Dataset rows) {
        ProductQuantizer quantizer = ProductQuantizer.of(codebooks);
        int width = rows.dim();
        int heads = codebooks.config().heads();
        float[] chunk = new float[CHUNK_ROWS * width];
        float[] quantized = new float[CHUNK_ROWS * width];
        long[] indices = new long[CHUNK_ROWS * heads];
        double sum = 0;
        for (int from = 0; from < rows.rows(); from += CHUNK_ROWS) {
            int n = Math.min(CHUNK_ROWS, rows.rows() - from);
            System.arraycopy(rows.values(), from * width, chunk, 0, n * width);
            quantizer.forward(chunk, n, from, indices, quantized, null);
            for (int i = 0; i < n * width; i++) {
                double d = chunk[i] - quantized[i];
                sum += d * d;
            }
        }
        return sum / ((double) rows.rows() * width);
    }
}
