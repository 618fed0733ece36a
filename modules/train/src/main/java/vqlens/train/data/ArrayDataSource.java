package vqlens.train.data;

/** Rows held in a float array (see {@link DataSource#of(float[], int, int, String)}). */
final class ArrayDataSource extends ShapedDataSource {
    private final float[] values;
    private final String description;

    ArrayDataSource(float[] values, int rows, int dim, String description) {
        super(rows, dim);
        this.values = values;
        this.description = description;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public int read(float[] dst, int maxRows) {
        int n = rowsToRead(dst, maxRows);
        if (n <= 0) {
            return 0;
        }
        System.arraycopy(values, (int) position * dim, dst, 0, n * dim);
        position += n;
        return n;
    }

    @Override
    public void seek(long row) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("row " + row + " is outside [0, " + rows + ")");
        }
        position = row;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
