package vqlens.ui.inspect.geometry;

import vqlens.core.Codebooks;

/** One head's part of codebooks and of data rows, copied into dense {@code [n, headDim]} arrays. */
public final class HeadSlices {

    private HeadSlices() {
    }

    /** The head's codes, {@code [codes, headDim]} row-major. */
    public static float[] codes(Codebooks cb, int head) {
        int k = cb.config().codes();
        int d = cb.config().headDim();
        float[] out = new float[k * d];
        for (int c = 0; c < k; c++) {
            cb.copyCode(head, c, out, c * d);
        }
        return out;
    }

    /** The head's slice of {@code rowCount} rows of width {@code embeddingDim}, {@code [rowCount, headDim]}. */
    public static float[] rows(float[] rows, int rowCount, int embeddingDim, int head, int headDim) {
        if ((long) rowCount * embeddingDim > rows.length) {
            throw new IllegalArgumentException(rows.length + " values are fewer than " + rowCount + " rows of " + embeddingDim);
        }
        float[] out = new float[rowCount * headDim];
        for (int r = 0; r < rowCount; r++) {
            System.arraycopy(rows, r * embeddingDim + head * headDim, out, r * headDim, headDim);
        }
        return out;
    }

    /** Squared Euclidean distance between {@code a[ao ..]} and {@code b[bo ..]} over {@code n} values, in double. */
    public static double squaredDistance(float[] a, int ao, float[] b, int bo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double diff = (double) a[ao + i] - b[bo + i];
            s += diff * diff;
        }
        return s;
    }
}
