package vqlens.ui.inspect;

import java.util.List;
import java.util.function.IntConsumer;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.text.TextAlignment;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.Ticks;
import vqlens.ui.plot.CanvasChart;

/**
 * A matrix drawn as a picture (one cell per value, no smoothing) with a title, row and column axes, a colour
 * scale legend on the right, the selected row outlined, hover text per cell, and a click that selects a row.
 * Subclasses say what the matrix holds; the picture is made again only when {@link #version()} changes.
 */
abstract class MatrixChart extends CanvasChart {
    static final double LEFT = 48;
    static final double TOP = 30;
    static final double BOTTOM = 30;
    static final double LEGEND = 78;

    private IntConsumer onSelect = code -> { };
    private long drawnVersion = Long.MIN_VALUE;
    private WritableImage picture;
    private double px;
    private double py;
    private double pw;
    private double ph;

    MatrixChart() {
        setOnMouseClicked(e -> {
            if (e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            int row = rowAt(e.getY());
            if (row >= 0 && columnAt(e.getX()) >= 0) {
                onSelect.accept(row);
            }
        });
        setPrefSize(520, 520);
    }

    /** Called with the row clicked. */
    final void setOnSelect(IntConsumer action) {
        onSelect = action;
    }

    /** Whether the cells are square (a K × K matrix); else the picture fills the chart. */
    boolean square() {
        return false;
    }

    /** Changes whenever what is drawn changes. */
    abstract long version();

    /** Rows, 0 when there is nothing to show. */
    abstract int rows();

    abstract int columns();

    /** The value's colour, ARGB; {@code values} holds rows × columns, row-major. */
    abstract void fill(int[] argb);

    abstract String title();

    /** What the message says when there is nothing to show. */
    abstract String emptyText();

    abstract String rowAxis();

    abstract String columnAxis();

    /** The row drawn outlined, -1 for none. */
    abstract int selectedRow();

    /** Legend: colour at a fraction 0 (bottom) … 1 (top). */
    abstract int legendColour(double fraction);

    /** Legend: value at the bottom and the top. */
    abstract double legendMin();

    abstract double legendMax();

    abstract List<String> describeCell(int row, int column);

    @Override
    protected boolean dataChanged() {
        return version() != drawnVersion;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        drawnVersion = version();
        drawTitle(g, title(), LEFT, w - LEFT - 8);
        int rows = rows();
        int cols = columns();
        if (rows == 0 || cols == 0) {
            picture = null;
            g.setFill(mutedTextPaint());
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(emptyText(), w / 2, h / 2);
            return;
        }
        if (picture == null || picture.getWidth() != cols || picture.getHeight() != rows) {
            picture = new WritableImage(cols, rows);
        }
        int[] argb = new int[rows * cols];
        fill(argb);
        picture.getPixelWriter().setPixels(0, 0, cols, rows, PixelFormat.getIntArgbInstance(), argb, 0, cols);
        px = LEFT;
        py = TOP;
        pw = Math.max(10, w - LEFT - LEGEND);
        ph = Math.max(10, h - TOP - BOTTOM);
        if (square()) {
            pw = Math.min(pw, ph);
            ph = pw;
        }
        g.setImageSmoothing(false);
        g.drawImage(picture, px, py, pw, ph);
        g.setStroke(axisPaint());
        g.setLineWidth(1);
        g.strokeRect(px - 0.5, py - 0.5, pw + 1, ph + 1);
        drawAxes(g, rows, cols);
        int sel = selectedRow();
        if (sel >= 0 && sel < rows) {
            double y = py + sel * ph / rows;
            double rh = Math.max(2, ph / rows);
            g.setStroke(textPaint());
            g.setLineWidth(1.5);
            g.strokeRect(px - 1, y - 0.75, pw + 2, rh + 1.5);
            g.setFill(textPaint());
            g.fillPolygon(new double[] {px - 9, px - 3, px - 9}, new double[] {y + rh / 2 - 4, y + rh / 2, y + rh / 2 + 4}, 3);
        }
        drawLegend(g, w, h);
        List<String> notes = notes();
        double y = py + ph + BOTTOM + 8;
        g.setFill(textPaint());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (String note : notes) {
            if (y + FONT_SIZE + 4 > h) {
                break;
            }
            g.fillText(fit(note, w - LEFT - 8, font()), px, y);
            y += FONT_SIZE + 6;
        }
        g.setTextBaseline(VPos.BASELINE);
    }

    /** Lines drawn under the picture when there is room (a square matrix leaves some). */
    List<String> notes() {
        return List.of();
    }

    /** The ticks of {@code 0 … n − 1} (about {@code target} of them) that fall on a whole index. */
    private static List<Integer> wholeTicks(int n, int target) {
        List<Integer> out = new java.util.ArrayList<>();
        for (double t : Ticks.of(new vqlens.ui.chart.Range(0, n - 1), vqlens.ui.chart.Scale.LINEAR, target)) {
            int i = (int) Math.round(t);
            if (i >= 0 && i < n && Math.abs(t - i) <= 1e-9) {
                out.add(i);
            }
        }
        return out;
    }

    private void drawAxes(GraphicsContext g, int rows, int cols) {
        g.setFill(mutedTextPaint());
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int r : wholeTicks(rows, 6)) {
            g.fillText(Integer.toString(r), px - 12, py + (r + 0.5) * ph / rows);
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (int c : wholeTicks(cols, 8)) {
            g.fillText(Integer.toString(c), px + (c + 0.5) * pw / cols, py + ph + 3);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(columnAxis() + " →", px + pw, py + ph + 15);
        g.save();
        g.translate(12, py + ph / 2);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(rowAxis() + " →", 0, 0);
        g.restore();
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
    }

    private void drawLegend(GraphicsContext g, double w, double h) {
        double lx = px + pw + 14;
        double lw = 14;
        double top = py;
        double height = Math.min(ph, 260);
        int steps = Math.max(2, (int) height);
        for (int i = 0; i < steps; i++) {
            double f = 1 - (double) i / (steps - 1);
            int c = legendColour(f);
            g.setFill(javafx.scene.paint.Color.rgb(c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff));
            g.fillRect(lx, top + i * height / steps, lw, height / steps + 1);
        }
        g.setStroke(axisPaint());
        g.setLineWidth(1);
        g.strokeRect(lx - 0.5, top - 0.5, lw + 1, height + 1);
        double min = legendMin();
        double max = legendMax();
        g.setFill(textPaint());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double step = Ticks.niceStep(max - min, 4);
        for (double t : Ticks.of(new vqlens.ui.chart.Range(min, max), vqlens.ui.chart.Scale.LINEAR, 4)) {
            if (t < min - 1e-12 || t > max + 1e-12) {
                continue;
            }
            double y = top + height * (1 - (t - min) / (max - min));
            g.strokeLine(lx + lw, y, lx + lw + 3, y);
            g.fillText(NumberText.tick(t, vqlens.ui.chart.Scale.LINEAR, step), lx + lw + 5, y);
        }
        g.setTextBaseline(VPos.BASELINE);
    }

    /** The row under {@code y}, -1 outside. */
    final int rowAt(double y) {
        int rows = rows();
        if (picture == null || rows == 0 || y < py || y >= py + ph) {
            return -1;
        }
        return Math.min(rows - 1, (int) ((y - py) / ph * rows));
    }

    /** The column under {@code x}, -1 outside. */
    final int columnAt(double x) {
        int cols = columns();
        if (picture == null || cols == 0 || x < px || x >= px + pw) {
            return -1;
        }
        return Math.min(cols - 1, (int) ((x - px) / pw * cols));
    }

    /** The centre of cell {@code (row, column)} in the chart's coordinates, for tests. */
    final double[] cellCentre(int row, int column) {
        return new double[] {px + (column + 0.5) * pw / columns(), py + (row + 0.5) * ph / rows()};
    }

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        int r = rowAt(y);
        int c = columnAt(x);
        if (r < 0 || c < 0) {
            return null;
        }
        g.setStroke(textPaint());
        g.setLineWidth(1);
        g.strokeRect(px + c * pw / columns(), py + r * ph / rows(), Math.max(2, pw / columns()), Math.max(2, ph / rows()));
        return describeCell(r, c);
    }
}
