package vqlens.train.data;

/** Rows held in a float array (see {@link DataSource#of(float[], int, int, String)}). */
final class ArrayDataSource extends ShapedDataSource {
    private final float[] values;
    private final String description;
    private int position;

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
    public long position() {
        return position;
    }

    @Override
    public int read(float[] dst, int maxRows) {
        int n = (int) Math.min(Math.min(maxRows, rows - position), dst.length / dim);
        if (n <= 0) {
            return 0;
        }
        System.arraycopy(values, position * dim, dst, 0, n * dim);
        position += n;
        return n;
    }

    @Override
    public void seek(long row) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("row " + row + " is outside [0, " + rows + ")");
        }
        position = (int) row;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
