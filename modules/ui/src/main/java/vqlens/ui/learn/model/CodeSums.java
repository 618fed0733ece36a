package vqlens.ui.learn.model;

import vqlens.core.Codebooks;

/**
 * Per code, the count, sum and sum of squares of its pixels' values: with the pixel→code assignment fixed (a
 * re-colour), the squared error of code k's pixels is {@code Σ‖x‖² − 2⟨c_k, Σx⟩ + n_k‖c_k‖²}, so a swatch edit
 * costs O(K) instead of a pass over the image. Computed in double; immutable.
 */
final class CodeSums {
    private final double[] count;
    private final double[] sum;
    private final double[] squares;
    private final long values;

    private CodeSums(double[] count, double[] sum, double[] squares, long values) {
        this.count = count;
        this.sum = sum;
        this.squares = squares;
        this.values = values;
    }

    static CodeSums of(float[] rgb, long[] indices, int codes) {
        double[] count = new double[codes];
        double[] sum = new double[codes * 3];
        double[] squares = new double[codes];
        for (int p = 0; p < indices.length; p++) {
            int k = (int) indices[p];
            count[k]++;
            for (int c = 0; c < 3; c++) {
                double v = rgb[p * 3 + c];
                sum[k * 3 + c] += v;
                squares[k] += v * v;
            }
        }
        return new CodeSums(count, sum, squares, rgb.length);
    }

    /** MSE per value of the image with every pixel in its code's colour from {@code codebook}. */
    double mse(Codebooks codebook) {
        double total = 0;
        for (int k = 0; k < count.length; k++) {
            float[] c = codebook.code(0, k);
            double dot = 0;
            double norm = 0;
            for (int j = 0; j < 3; j++) {
                dot += c[j] * sum[k * 3 + j];
                norm += (double) c[j] * c[j];
            }
            total += squares[k] - 2 * dot + count[k] * norm;
        }
        return Math.max(0, total) / values;
    }
}
