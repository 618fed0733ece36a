package vqlens.train.data;

/** The rows and width every data source knows from its start, stated once. */
abstract class ShapedDataSource implements DataSource {
    protected final long rows;
    protected final int dim;

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
}
