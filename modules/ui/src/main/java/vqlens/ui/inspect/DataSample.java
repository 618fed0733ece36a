package vqlens.ui.inspect;

import java.util.Objects;

/**
 * Data rows shown with the codebooks (2-D view, nearest data points, quick encode/decode): an immutable
 * copy of {@code rows × dim} float32 values, row-major, and where they came from.
 *
 * @param values      {@code [rows, dim]} row-major; owned by this sample, never changed
 * @param rows        number of rows, {@code >= 1}
 * @param dim         values per row, the quantizer's embedding dimension
 * @param description one line for people, e.g. {@code "2,000 rows of blobs (seed 1)"}
 */
public record DataSample(float[] values, int rows, int dim, String description) {

    public DataSample {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(description, "description");
        if (rows < 1 || dim < 1 || (long) rows * dim != values.length) {
            throw new IllegalArgumentException(values.length + " values are not " + rows + " rows x " + dim);
        }
        values = values.clone();
    }

    /** A copy of row {@code r}. */
    public float[] row(int r) {
        float[] out = new float[dim];
        System.arraycopy(values, r * dim, out, 0, dim);
        return out;
    }

    /** The value at {@code [r, c]}. */
    public float value(int r, int c) {
        return values[r * dim + c];
    }

    @Override
    public float[] values() {
        return values.clone();
    }
}
