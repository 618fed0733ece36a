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
import vqlens.ui.chart.StepAxis;
import vqlens.ui.chart.StepTimes;

/**
 * Curves over steps: raw values faint behind the smoothed line (smoothing above 0), linear or log y,
 * the x axis the model chooses (step, log step, wall time), earlier runs dashed behind, a legend whose
 * entries hide or show a curve on a click (a double click shows it alone), and on hover the step under the
 * mouse with every curve's raw and smoothed value.
 *
 * <p>A curve of any length is drawn as one polyline of at most four points per pixel column (the first,
 * lowest, highest and last value falling into it), so a redraw costs O(points) arithmetic and O(width)
 * drawing.
 */
public final class LineChartView extends CanvasChart {
    private static final Margins MARGINS = new Margins(58, 14, 28, 24);
    /** The legend's row beside the title, and its rows under it when it does not fit there. */
    private static final double LEGEND_ROW = 13;
    private static final double FIRST_ROW_UNDER_TITLE = 31;
    private static final double ROW_HEIGHT = 17;
    /** A smoothed curve is drawn through one point every this many pixels: it looks the same and strokes faster. */
    private static final int SMOOTH_STEP_PX = 3;

    private final LineChartModel model;
    private PlotArea area;
    private double[] xs = new double[64];
    private double[] ys = new double[64];
    /** Where the last drawing put each legend entry: {@code null} series = the earlier runs' entry. */
    private final List<LegendEntry> legend = new ArrayList<>();

    private record LegendEntry(CurveSeries series, double left, double right, double row) {
        boolean contains(double x, double y) {
            return x >= left && x <= right && y >= row - 11 && y <= row + 11;
        }
    }

    public LineChartView(LineChartModel model) {
        super("vq-line-chart", model::version);
        this.model = model;
        setOnMouseClicked(e -> {
            if (clickLegend(e.getX(), e.getY(), e.getClickCount() >= 2)) {
                e.consume();
            }
        });
    }

    /**
     * A click at {@code (x, y)}: on a legend entry it hides or shows that curve, or with {@code alone} shows it
     * alone (again: all); on the earlier runs' entry it hides or shows them. Returns whether it hit an entry.
     */
    public boolean clickLegend(double x, double y, boolean alone) {
        for (LegendEntry e : legend) {
            if (!e.contains(x, y)) {
                continue;
            }
            if (e.series() == null) {
                model.setShowEarlierRuns(!model.showsEarlierRuns());
            } else if (alone) {
                List<CurveSeries> all = model.legendSeries();
                boolean already = all.stream().allMatch(s -> s == e.series() ? !model.isHidden(s) : model.isHidden(s));
                all.forEach(s -> model.setHidden(s, !already && s != e.series()));
            } else {
                model.setHidden(e.series(), !model.isHidden(e.series()));
            }
            refresh();
            return true;
        }
        return false;
    }

    /** The legend entries' middles {@code {x, y}}, by name ({@code "earlier runs"} for theirs), for tests. */
    public java.util.Map<String, double[]> legendCentres() {
        java.util.Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (LegendEntry e : legend) {
            out.put(e.series() == null ? "earlier runs" : e.series().name(), new double[] {(e.left() + e.right()) / 2, e.row()});
        }
        return out;
    }

    public LineChartModel model() {
        return model;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        List<CurveSeries> shown = model.shownSeries();
        double titleWidth = textWidth(model.title()) * 1.1; // the title font is bold
        double top = drawLegend(g, w, titleWidth);
        drawTitle(g, model.title(), 10, w - 20);
        Margins margins = new Margins(MARGINS.left(), MARGINS.right(), top, MARGINS.bottom());
        Scale scale = model.scale();
        Range xr = model.xRange();
        Range yr = model.yRange();
        if (xr.isEmpty() || yr.isEmpty() || !margins.fit(w, h)) {
            area = null;
            drawMessage(g, scale == Scale.LOG && !xr.isEmpty() ? "no positive values for a log scale" : "no data yet — start training",
                    w, h);
            return;
        }
        Range x = xr.span() == 0 ? new Range(xr.min() - 1, xr.max() + 1) : xr;
        Range y = yr.padded(0.06, scale == Scale.LOG ? 0.2 : Math.max(1e-12, Math.abs(yr.max()) * 0.1));
        area = margins.plot(w, h, x, y);
        Axes.yAxis(g, area, scale, Math.max(2, (int) (area.height() / 36)), gridPaint(), mutedTextPaint());
        StepAxis axis = model.stepAxis();
        Axes.xAxis(g, area, axis.scale(), Math.max(2, (int) (area.width() / 90)), gridPaint(), mutedTextPaint(),
                axis == StepAxis.STEP);
        Axes.frame(g, area, axisPaint());

        // no clip: every point lies inside the plot by construction (a canvas clip is a mask, slow to render)
        boolean smooth = model.smoothing() > 0;
        for (LineChartModel.EarlierRun run : model.earlierRuns()) { // behind, dashed, in their curves' colours
            for (int i = 0; i < run.series().size(); i++) {
                CurveSeries s = run.series().get(i);
                Paint paint = seriesPaint(run.index().get(i));
                Paint faint = paint instanceof Color c && backgroundPaint() instanceof Color b ? b.interpolate(c, 0.55) : paint;
                g.setLineWidth(1.3);
                g.setLineDashes(5, 4);
                strokeCurve(g, s, smooth ? model.smoothed(s) : null, run.times(), scale, faint, false);
                g.setLineDashes((double[]) null);
            }
        }
        StepTimes times = model.times();
        for (CurveSeries s : shown) {
            Paint paint = seriesPaint(model.indexOf(s));
            if (smooth) {
                // the faint raw band in a colour mixed with the background (opaque: cheaper than alpha blending)
                Paint faint = paint instanceof Color c && backgroundPaint() instanceof Color b ? b.interpolate(c, 0.3) : paint;
                g.setGlobalAlpha(faint == paint ? 0.3 : 1);
                g.setLineWidth(1);
                strokeCurve(g, s, null, times, scale, faint, true);
                g.setGlobalAlpha(1);
                g.setLineWidth(1.6);
                strokeCurve(g, s, model.smoothed(s), times, scale, paint, false);
            } else {
                g.setLineWidth(1.5);
                strokeCurve(g, s, null, times, scale, paint, true);
            }
        }
        g.setGlobalAlpha(1);
        g.setFill(mutedTextPaint());
        g.fillText(axis.label(), 8, h - 6);
    }

    /**
     * The legend at the top right (a hidden curve's entry faint): beside the title when it fits, else in as many
     * rows under it as it needs. Returns the plot's top margin.
     */
    private double drawLegend(GraphicsContext g, double w, double titleWidth) {
        legend.clear();
        List<CurveSeries> items = new ArrayList<>(model.legendSeries());
        if (!model.earlierRunsKept().isEmpty()) {
            items.add(null); // the earlier runs' entry
        }
        double total = 0;
        for (CurveSeries s : items) {
            total += entryWidth(s);
        }
        double right = w - MARGINS.right();
        List<List<CurveSeries>> rows = new ArrayList<>();
        boolean besideTitle = total <= right - 10 - titleWidth - 24;
        double room = besideTitle ? total : right - 10;
        List<CurveSeries> row = new ArrayList<>();
        double used = 0;
        for (CurveSeries s : items) {
            if (!row.isEmpty() && used + entryWidth(s) > room) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            row.add(s);
            used += entryWidth(s);
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int r = 0; r < rows.size(); r++) {
            double y = besideTitle ? LEGEND_ROW : FIRST_ROW_UNDER_TITLE + r * ROW_HEIGHT;
            double x = right;
            List<CurveSeries> entries = rows.get(r);
            for (int i = entries.size() - 1; i >= 0; i--) {
                x = drawEntry(g, entries.get(i), x, y);
            }
        }
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
        return besideTitle ? MARGINS.top() : MARGINS.top() + rows.size() * ROW_HEIGHT;
    }

    private String entryName(CurveSeries s) {
        return s != null ? s.name() : "earlier runs (" + model.earlierRunsKept().size() + ")";
    }

    private double entryWidth(CurveSeries s) {
        return textWidth(entryName(s)) + 34;
    }

    /** One entry ending at {@code x}; returns where the next one (to its left) ends. */
    private double drawEntry(GraphicsContext g, CurveSeries s, double x, double y) {
        String name = entryName(s);
        boolean off = s != null ? model.isHidden(s) : !model.showsEarlierRuns();
        double tw = textWidth(name);
        g.setFill(off ? gridPaint() : mutedTextPaint());
        g.fillText(name, x, y);
        g.setStroke(s != null ? seriesPaint(model.indexOf(s)) : mutedTextPaint());
        g.setGlobalAlpha(off ? 0.35 : 1);
        g.setLineWidth(2.5);
        if (s == null) {
            g.setLineDashes(4, 3);
        }
        g.strokeLine(x - tw - 20, y, x - tw - 6, y);
        g.setLineDashes((double[]) null);
        g.setGlobalAlpha(1);
        legend.add(new LegendEntry(s, x - tw - 22, x + 2, y));
        return x - tw - 34;
    }

    /**
     * Draws {@code values} (or the series' raw values). A curve with fewer points than half the plot's width
     * is a polyline through every point. A denser one is decimated to the pixel columns: raw values become a
     * band, one pixel wide per column, from the column's lowest to its highest value (joined to the previous
     * column), drawn with integer-aligned rectangles, which a renderer fills far faster than an antialiased
     * path with thousands of jagged segments; a smoothed curve becomes a polyline through a point every
     * {@value #SMOOTH_STEP_PX} pixel columns.
     */
    private void strokeCurve(GraphicsContext g, CurveSeries s, double[] values, StepTimes times, Scale scale, Paint paint,
                             boolean band) {
        int n = s.size();
        if (n <= area.width() / 2) {
            g.setStroke(paint);
            polyline(g, s, values, times, scale);
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
                    c = (int) Math.floor(area.px(model.x(s.step(i), times)));
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
    private void polyline(GraphicsContext g, CurveSeries s, double[] values, StepTimes times, Scale scale) {
        int count = 0;
        for (int i = 0; i < s.size(); i++) {
            double a = scale.forward(values != null ? values[i] : s.value(i));
            if (!Double.isFinite(a)) {
                count = flush(g, count);
                continue;
            }
            ensure(count + 1);
            xs[count] = area.px(model.x(s.step(i), times));
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
        double stepAtMouse = model.stepAt(area.xAt(mx));
        CurveSeries reference = shown.get(0);
        int ri = reference.indexNearest(stepAtMouse);
        if (ri < 0) {
            return null;
        }
        long step = reference.step(ri);
        double x = Math.round(area.px(model.x(step, model.times()))) + 0.5;
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
        if (model.stepAxis() == StepAxis.WALL_TIME) {
            lines.add(1, "at " + NumberText.compact(model.times().secondsAt(step), 4) + " s of wall time");
        }
        for (LineChartModel.EarlierRun run : model.earlierRuns()) { // the same step of each earlier run
            for (CurveSeries s : run.series()) {
                int i = s.indexAtOrBefore(step);
                if (i >= 0 && s.step(i) == step) {
                    lines.add(s.name() + ": " + NumberText.compact(s.value(i), 5));
                }
            }
        }
        return lines;
    }
}
