package vqlens.train.data;

/** The rows and width every data source knows from its start, and the row it reads next, stated once. */
abstract class ShapedDataSource implements DataSource {
    protected final long rows;
    protected final int dim;
    /** The next row {@code read} returns (a source that keeps it elsewhere overrides {@link #position()}). */
    protected long position;

    ShapedDataSource(long rows, int dim) {
        this.rows = rows;
        this.dim = dim;
    }

    @Override
    public final long rows() {
        return rows;
    }

    @Override
    public final int dim() {
        return dim;
    }

    @Override
    public long position() {
        return position;
    }

    /** How many rows a {@code read(dst, maxRows)} from {@link #position} returns: what is left and fits. */
    protected final int rowsToRead(float[] dst, int maxRows) {
        return (int) Math.min(Math.min(maxRows, rows - position), dst.length / dim);
    }
}
