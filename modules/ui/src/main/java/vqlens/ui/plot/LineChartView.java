package vqlens.ui.plot;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.TextAlignment;
import vqlens.ui.chart.CurveSeries;
import vqlens.ui.chart.LineChartModel;
import vqlens.ui.chart.Margins;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.PlotArea;
import vqlens.ui.chart.Range;
import vqlens.ui.chart.Scale;

/**
 * Curves over steps: raw values faint behind the smoothed line (smoothing above 0), linear or log y,
 * a legend, and on hover the step under the mouse with every curve's raw and smoothed value.
 *
 * <p>A curve of any length is drawn as one polyline of at most four points per pixel column (the first,
 * lowest, highest and last value falling into it), so a redraw costs O(points) arithmetic and O(width)
 * drawing.
 */
public final class LineChartView extends CanvasChart {
    private static final Margins MARGINS = new Margins(58, 14, 28, 24);
    /** A smoothed curve is drawn through one point every this many pixels: it looks the same and strokes faster. */
    private static final int SMOOTH_STEP_PX = 3;

    private final LineChartModel model;
    private PlotArea area;
    private double[] xs = new double[64];
    private double[] ys = new double[64];

    public LineChartView(LineChartModel model) {
        super("vq-line-chart", model::version);
        this.model = model;
    }

    public LineChartModel model() {
        return model;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        List<CurveSeries> shown = model.shownSeries();
        double legendWidth = drawLegend(g, shown, w);
        drawTitle(g, model.title(), 10, Math.max(40, w - legendWidth - 24));
        Scale scale = model.scale();
        Range xr = model.xRange();
        Range yr = model.yRange();
        if (xr.isEmpty() || yr.isEmpty() || !MARGINS.fit(w, h)) {
            area = null;
            drawMessage(g, scale == Scale.LOG && !xr.isEmpty() ? "no positive values for a log scale" : "no data yet — start training",
                    w, h);
            return;
        }
        Range x = xr.span() == 0 ? new Range(xr.min() - 1, xr.max() + 1) : xr;
        Range y = yr.padded(0.06, scale == Scale.LOG ? 0.2 : Math.max(1e-12, Math.abs(yr.max()) * 0.1));
        area = MARGINS.plot(w, h, x, y);
        Axes.yAxis(g, area, scale, Math.max(2, (int) (area.height() / 36)), gridPaint(), mutedTextPaint());
        Axes.xAxis(g, area, Scale.LINEAR, Math.max(2, (int) (area.width() / 90)), gridPaint(), mutedTextPaint(), true);
        Axes.frame(g, area, axisPaint());

        // no clip: every point lies inside the plot by construction (a canvas clip is a mask, slow to render)
        boolean smooth = model.smoothing() > 0;
        for (CurveSeries s : shown) {
            Paint paint = seriesPaint(model.indexOf(s));
            if (smooth) {
                // the faint raw band in a colour mixed with the background (opaque: cheaper than alpha blending)
                Paint faint = paint instanceof Color c && backgroundPaint() instanceof Color b ? b.interpolate(c, 0.3) : paint;
                g.setGlobalAlpha(faint == paint ? 0.3 : 1);
                g.setLineWidth(1);
                strokeCurve(g, s, null, scale, faint, true);
                g.setGlobalAlpha(1);
                g.setLineWidth(1.6);
                strokeCurve(g, s, model.smoothed(s), scale, paint, false);
            } else {
                g.setLineWidth(1.5);
                strokeCurve(g, s, null, scale, paint, true);
            }
        }
        g.setGlobalAlpha(1);
        g.setFill(mutedTextPaint());
        g.fillText("step →", 8, h - 6);
    }

    /** The legend at the top right; returns its width. */
    private double drawLegend(GraphicsContext g, List<CurveSeries> shown, double w) {
        double x = w - MARGINS.right();
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int i = shown.size() - 1; i >= 0; i--) {
            CurveSeries s = shown.get(i);
            double tw = textWidth(s.name());
            g.setFill(mutedTextPaint());
            g.fillText(s.name(), x, 13);
            g.setStroke(seriesPaint(model.indexOf(s)));
            g.setLineWidth(2.5);
            g.strokeLine(x - tw - 20, 13, x - tw - 6, 13);
            x -= tw + 34;
        }
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
        return w - MARGINS.right() - x;
    }

    /**
     * Draws {@code values} (or the series' raw values). A curve with fewer points than half the plot's width
     * is a polyline through every point. A denser one is decimated to the pixel columns: raw values become a
     * band, one pixel wide per column, from the column's lowest to its highest value (joined to the previous
     * column), drawn with integer-aligned rectangles, which a renderer fills far faster than an antialiased
     * path with thousands of jagged segments; a smoothed curve becomes a polyline through a point every
     * {@value #SMOOTH_STEP_PX} pixel columns.
     */
    private void strokeCurve(GraphicsContext g, CurveSeries s, double[] values, Scale scale, Paint paint, boolean band) {
        int n = s.size();
        if (n <= area.width() / 2) {
            g.setStroke(paint);
            polyline(g, s, values, scale);
            return;
        }
        int count = 0;
        int column = Integer.MIN_VALUE;
        double min = 0;
        double max = 0;
        double last = Double.NaN;
        double previousLast = Double.NaN;
        g.setFill(paint);
        g.setStroke(paint);
        for (int i = 0; i <= n; i++) {
            double py = Double.NaN;
            int c = Integer.MAX_VALUE;
            if (i < n) {
                double a = scale.forward(values != null ? values[i] : s.value(i));
                if (Double.isFinite(a)) {
                    py = area.py(a);
                    c = (int) Math.floor(area.px(s.step(i)));
                } else {
                    c = Integer.MIN_VALUE + 1; // a gap ends the column and the line
                }
            }
            if (c != column && column != Integer.MIN_VALUE) { // flush the finished column
                if (band) {
                    double lo = Double.isNaN(previousLast) ? min : Math.min(min, previousLast);
                    double hi = Double.isNaN(previousLast) ? max : Math.max(max, previousLast);
                    double top = Math.floor(lo);
                    g.fillRect(column, top, 1, Math.max(1, Math.ceil(hi) - top));
                } else if (count == 0 || column - xs[count - 1] >= SMOOTH_STEP_PX - 0.5) {
                    ensure(count + 1);
                    xs[count] = column + 0.5;
                    ys[count++] = last;
                }
                previousLast = last;
                column = Integer.MIN_VALUE;
            }
            if (Double.isNaN(py)) {
                if (!band) {
                    count = flush(g, count);
                }
                previousLast = Double.NaN;
                continue;
            }
            if (column == Integer.MIN_VALUE) {
                column = c;
                min = py;
                max = py;
            } else {
                min = Math.min(min, py);
                max = Math.max(max, py);
            }
            last = py;
        }
        if (!band) {
            flush(g, count);
        }
    }

    /** A polyline through every point (gaps at non-finite values). */
    private void polyline(GraphicsContext g, CurveSeries s, double[] values, Scale scale) {
        int count = 0;
        for (int i = 0; i < s.size(); i++) {
            double a = scale.forward(values != null ? values[i] : s.value(i));
            if (!Double.isFinite(a)) {
                count = flush(g, count);
                continue;
            }
            ensure(count + 1);
            xs[count] = area.px(s.step(i));
            ys[count++] = area.py(a);
        }
        flush(g, count);
    }

    private int flush(GraphicsContext g, int count) {
        if (count == 1) {
            g.strokeLine(xs[0] - 0.5, ys[0], xs[0] + 0.5, ys[0]);
        } else if (count > 1) {
            g.strokePolyline(xs, ys, count);
        }
        return 0;
    }

    private void ensure(int size) {
        if (xs.length < size) {
            int n = Math.max(size, xs.length * 2);
            xs = java.util.Arrays.copyOf(xs, n);
            ys = java.util.Arrays.copyOf(ys, n);
        }
    }

    @Override
    protected List<String> hover(GraphicsContext g, double mx, double my) {
        if (area == null || !area.contains(mx, my)) {
            return null;
        }
        List<CurveSeries> shown = model.shownSeries();
        if (shown.isEmpty()) {
            return null;
        }
        double stepAtMouse = area.xAt(mx);
        CurveSeries reference = shown.get(0);
        int ri = reference.indexNearest(stepAtMouse);
        if (ri < 0) {
            return null;
        }
        long step = reference.step(ri);
        double x = Math.round(area.px(step)) + 0.5;
        Axes.cursor(g, area, x, axisPaint());
        List<String> lines = new ArrayList<>();
        lines.add("step " + NumberText.grouped(step));
        boolean smooth = model.smoothing() > 0;
        for (CurveSeries s : shown) {
            int i = s.indexAtOrBefore(step);
            if (i < 0 || s.step(i) != step) {
                continue;
            }
            double raw = s.value(i);
            double shownValue = smooth ? model.smoothed(s)[i] : raw;
            double a = model.scale().forward(shownValue);
            if (Double.isFinite(a)) {
                g.setFill(seriesPaint(model.indexOf(s)));
                g.fillOval(x - 3.5, area.py(a) - 3.5, 7, 7);
            }
            lines.add(s.name() + ": " + NumberText.compact(raw, 5)
                    + (smooth ? "  (smoothed " + NumberText.compact(shownValue, 5) + ")" : ""));
        }
        return lines;
    }
}
