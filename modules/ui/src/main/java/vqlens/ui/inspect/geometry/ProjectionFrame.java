package vqlens.ui.inspect.geometry;

import vqlens.core.Codebooks;
import vqlens.core.geometry.Box;
import vqlens.core.geometry.Polygon;
import vqlens.core.geometry.VoronoiCells;
import vqlens.core.NearestCodes;
import vqlens.ui.inspect.DataSample;

/**
 * Everything the 2-D view draws for one head, in view coordinates: the codes, a sample of the data rows
 * (at most {@link #MAX_ROWS}, evenly spaced) coloured by their true nearest code in the head's full
 * dimension, and the bounds of both. Immutable; {@link #withCode} gives the frame with one code moved
 * (the drag preview).
 */
public final class ProjectionFrame {

    /** Rows drawn at most: more only hide each other and slow every redraw. */
    public static final int MAX_ROWS = 5000;

    private final Codebooks codebooks;
    private final int head;
    private final HeadProjection projection;
    private final double[] codeX;
    private final double[] codeY;
    private final int[] rowIndex;
    private final float[] rowValues;
    private final double[] rowX;
    private final double[] rowY;
    private final int[] rowCode;
    private final int totalRows;

    private ProjectionFrame(Codebooks codebooks, int head, HeadProjection projection, double[] codeX, double[] codeY,
                            int[] rowIndex, float[] rowValues, double[] rowX, double[] rowY, int[] rowCode, int totalRows) {
        this.codebooks = codebooks;
        this.head = head;
        this.projection = projection;
        this.codeX = codeX;
        this.codeY = codeY;
        this.rowIndex = rowIndex;
        this.rowValues = rowValues;
        this.rowX = rowX;
        this.rowY = rowY;
        this.rowCode = rowCode;
        this.totalRows = totalRows;
    }

    /**
     * The frame of {@code head}; {@code data} may be {@code null} (its rows must have the codebooks'
     * embedding dimension). {@code reuse}, when not {@code null} and of the same head dimension, is kept as
     * the projection (so a PCA view does not turn after an edit); otherwise the projection is fitted here.
     */
    public static ProjectionFrame of(Codebooks cb, int head, DataSample data, HeadProjection reuse) {
        int e = cb.config().embeddingDim();
        if (data != null && data.dim() != e) {
            throw new IllegalArgumentException("data rows of " + data.dim() + " values, the codebooks take " + e);
        }
        int rowCount = data == null ? 0 : data.rows();
        int shown = Math.min(rowCount, MAX_ROWS);
        int[] rowIndex = new int[shown];
        float[] sample = new float[shown * e];
        for (int i = 0; i < shown; i++) {
            rowIndex[i] = (int) ((long) i * rowCount / shown);
            for (int j = 0; j < e; j++) {
                sample[i * e + j] = data.value(rowIndex[i], j);
            }
        }
        HeadProjection projection = reuse != null && reuse.headDim() == cb.config().headDim()
                ? reuse : HeadProjection.of(cb, head, sample, shown);
        int k = cb.config().codes();
        int d = cb.config().headDim();
        float[] codes = HeadSlices.codes(cb, head);
        double[] cx = new double[k];
        double[] cy = new double[k];
        for (int c = 0; c < k; c++) {
            double[] p = projection.project(codes, c * d);
            cx[c] = p[0];
            cy[c] = p[1];
        }
        double[] rx = new double[shown];
        double[] ry = new double[shown];
        for (int i = 0; i < shown; i++) {
            double[] p = projection.project(sample, i * e + head * d);
            rx[i] = p[0];
            ry[i] = p[1];
        }
        int[] nearest = shown == 0 ? new int[0] : NearestCodes.ofHead(cb, head, sample, shown);
        return new ProjectionFrame(cb, head, projection, cx, cy, rowIndex, sample, rx, ry, nearest, rowCount);
    }

    /**
     * This frame with code {@code code} at {@code vector} (length headDim), for a drag preview: same
     * projection; the rows' nearest codes are recomputed only when the view is exact (cheap in 2-D; in
     * PCA the preview keeps the colours until the edit is applied).
     */
    public ProjectionFrame withCode(int code, float[] vector) {
        int d = codebooks.config().headDim();
        float[] all = codebooks.toArray();
        System.arraycopy(vector, 0, all, (head * codebooks.config().codes() + code) * d, d);
        Codebooks moved = Codebooks.wrap(codebooks.config(), all, codebooks.inited());
        double[] cx = codeX.clone();
        double[] cy = codeY.clone();
        double[] p = projection.project(vector, 0);
        cx[code] = p[0];
        cy[code] = p[1];
        int[] nearest = projection.exact() && rowIndex.length > 0
                ? NearestCodes.ofHead(moved, head, rowValues, rowIndex.length) : rowCode;
        return new ProjectionFrame(moved, head, projection, cx, cy, rowIndex, rowValues, rowX, rowY, nearest, totalRows);
    }

    /** The smallest box around codes and rows, with a margin. */
    public Box bounds() {
        double[] xs = new double[codeX.length + rowX.length];
        double[] ys = new double[xs.length];
        System.arraycopy(codeX, 0, xs, 0, codeX.length);
        System.arraycopy(rowX, 0, xs, codeX.length, rowX.length);
        System.arraycopy(codeY, 0, ys, 0, codeY.length);
        System.arraycopy(rowY, 0, ys, codeY.length, rowY.length);
        return Box.around(xs, ys, 0.06, 1e-3);
    }

    /** The Voronoi cells of the codes inside {@code box}; only for exact projections. */
    public Polygon[] cells(Box box) {
        if (!projection.exact()) {
            throw new IllegalStateException("cells of a PCA projection would lie");
        }
        return VoronoiCells.of(codeX, codeY, box);
    }

    /** The code nearest to view point {@code (x, y)}: the true nearest code when the view is exact. */
    public int nearestCodeInView(double x, double y) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < codeX.length; c++) {
            double dx = codeX[c] - x;
            double dy = codeY[c] - y;
            double s = dx * dx + dy * dy;
            if (s < bestD) {
                bestD = s;
                best = c;
            }
        }
        return best;
    }

    public Codebooks codebooks() {
        return codebooks;
    }

    public int head() {
        return head;
    }

    public HeadProjection projection() {
        return projection;
    }

    public int codes() {
        return codeX.length;
    }

    public double codeX(int c) {
        return codeX[c];
    }

    public double codeY(int c) {
        return codeY[c];
    }

    /** Rows drawn (a sample of at most {@link #MAX_ROWS}). */
    public int rowsShown() {
        return rowIndex.length;
    }

    /** Rows in the data, drawn or not. */
    public int totalRows() {
        return totalRows;
    }

    /** The data row index of drawn row {@code i}. */
    public int rowIndex(int i) {
        return rowIndex[i];
    }

    public double rowX(int i) {
        return rowX[i];
    }

    public double rowY(int i) {
        return rowY[i];
    }

    /** The true nearest code (full head dimension) of drawn row {@code i}. */
    public int rowCode(int i) {
        return rowCode[i];
    }
}
