package vqlens.ui.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;
import javafx.scene.text.TextAlignment;
import vqlens.ui.chart.DistanceHistogramModel.Frame;
import vqlens.ui.chart.DistanceHistogramModel.Mode;
import vqlens.ui.chart.DistanceHistogramModel.Pair;
import vqlens.ui.chart.DistanceHistogramModel;
import vqlens.ui.chart.Margins;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.PlotArea;
import vqlens.ui.chart.Range;
import vqlens.ui.chart.Scale;

/**
 * One head's distance histograms: distances to the nearest code (filled, series colour 0) and/or to all
 * codes (series colour 1), each as shares of its total, with the earlier pairs of the trail drawn as
 * fading outlines (older = fainter), TensorBoard's overlay mode. The x axis ends just past the last
 * non-empty bin, so a histogram that shrinks as the codes improve keeps its detail. Hover gives the bins
 * under the mouse.
 */
public final class HistogramChartView extends CanvasChart {
    private static final Margins MARGINS = new Margins(46, 10, 42, 22);

    private final DistanceHistogramModel model;
    private PlotArea area;

    public HistogramChartView(DistanceHistogramModel model) {
        super("vq-histogram-chart", model::version);
        this.model = model;
    }

    public DistanceHistogramModel model() {
        return model;
    }

    public String title() {
        return "Head " + model.head();
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        drawTitle(g, title(), 8, w - 16);
        Pair current = model.current();
        if (current == null || !MARGINS.fit(w, h)) {
            area = null;
            drawMessage(g, "no data yet", w, h);
            return;
        }
        g.setFill(mutedTextPaint());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("step " + NumberText.grouped(current.step()), w - MARGINS.right(), 7);
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
        drawLegend(g);
        double maxShare = model.maxShare();
        double maxDistance = model.maxDistance();
        area = MARGINS.plot(w, h, new Range(0, maxDistance > 0 ? maxDistance : 1),
                new Range(0, maxShare > 0 ? maxShare * 1.15 : 1));
        Axes.yAxis(g, area, Scale.LINEAR, Math.max(2, (int) (area.height() / 30)), gridPaint(), mutedTextPaint());
        Axes.xAxis(g, area, Scale.LINEAR, Math.max(2, (int) (area.width() / 45)), gridPaint(), mutedTextPaint(), false);

        // no clip (a canvas clip is a mask, slow to render): outlines and fills stop at the plot's right edge
        Mode mode = model.mode();
        List<Pair> trail = model.trail();
        for (int i = 0; i < trail.size(); i++) {
            double alpha = 0.15 + 0.45 * (i + 1) / (trail.size() + 1);
            g.setGlobalAlpha(alpha);
            if (mode.showsAllCodes()) {
                outline(g, trail.get(i).allCodes(), seriesPaint(1), 1);
            }
            if (mode.showsNearest()) {
                outline(g, trail.get(i).nearest(), seriesPaint(0), 1);
            }
        }
        if (mode.showsAllCodes()) {
            g.setGlobalAlpha(0.25);
            fill(g, current.allCodes(), seriesPaint(1));
            g.setGlobalAlpha(1);
            outline(g, current.allCodes(), seriesPaint(1), 2);
        }
        if (mode.showsNearest()) {
            g.setGlobalAlpha(0.4);
            fill(g, current.nearest(), seriesPaint(0));
            g.setGlobalAlpha(1);
            outline(g, current.nearest(), seriesPaint(0), 2);
        }
        g.setGlobalAlpha(1);
        Axes.frame(g, area, axisPaint());
        // the y axis's unit, in the plot's top right corner (the x axis, distance, is the panel's title)
        g.setFill(mutedTextPaint());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("share of rows", area.right() - 4, area.top() + 2);
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
    }

    private void drawLegend(GraphicsContext g) {
        double x = 8;
        double y = 30;
        Mode mode = model.mode();
        g.setTextBaseline(VPos.CENTER);
        if (mode.showsNearest()) {
            x = legendItem(g, x, y, seriesPaint(0), 0.7, "nearest code");
        }
        if (mode.showsAllCodes()) {
            x = legendItem(g, x, y, seriesPaint(1), 0.5, "all codes");
        }
        if (!model.trail().isEmpty()) {
            g.setGlobalAlpha(0.4);
            g.setStroke(seriesPaint(mode == Mode.ALL_CODES ? 1 : 0));
            g.setLineWidth(1.5);
            g.strokeLine(x, y, x + 12, y);
            g.setGlobalAlpha(1);
            g.setFill(mutedTextPaint());
            g.fillText("earlier", x + 16, y);
        }
        g.setTextBaseline(VPos.BASELINE);
    }

    private double legendItem(GraphicsContext g, double x, double y, Paint paint, double alpha, String label) {
        g.setGlobalAlpha(alpha);
        g.setFill(paint);
        g.fillRect(x, y - 4, 12, 8);
        g.setGlobalAlpha(1);
        g.setFill(mutedTextPaint());
        g.fillText(label, x + 16, y);
        return x + 16 + textWidth(label) + 12;
    }

    /**
     * The histogram as a step outline {@code width} px thick, made of whole-pixel rectangles (a horizontal
     * one per bin, a vertical one per change of height): a renderer fills those far faster than it strokes an
     * antialiased path, and a histogram is all horizontal and vertical lines anyway.
     */
    private void outline(GraphicsContext g, Frame f, Paint paint, double width) {
        g.setFill(paint);
        double t = Math.max(1, Math.round(width));
        double right = Math.round(area.right());
        double base = Math.round(area.bottom());
        double previousY = base;
        for (int b = 0; b < f.bins(); b++) {
            double x0 = Math.round(area.px(b * f.binWidth()));
            if (x0 >= right) {
                break;
            }
            double x1 = Math.min(right, Math.round(area.px((b + 1) * f.binWidth())));
            double y = Math.round(Math.max(area.top(), area.py(f.share(b)))); // earlier frames may be taller: cut at the top
            g.fillRect(x0, Math.min(y, base - t), Math.max(1, x1 - x0 + t), t);
            if (y != previousY) {
                double top = Math.min(y, previousY);
                g.fillRect(x0, top, t, Math.abs(y - previousY) + t);
            }
            previousY = y;
        }
    }

    private void fill(GraphicsContext g, Frame f, Paint paint) {
        g.setFill(paint);
        double base = area.bottom();
        for (int b = 0; b < f.bins(); b++) {
            if (f.share(b) <= 0) {
                continue;
            }
            double x0 = Math.round(area.px(b * f.binWidth()));
            double x1 = Math.round(Math.min(area.right(), area.px((b + 1) * f.binWidth())));
            double y = Math.round(area.py(f.share(b)));
            if (x1 > x0 && base > y) {
                g.fillRect(x0, y, x1 - x0, Math.round(base) - y);
            }
        }
    }

    @Override
    protected List<String> hover(GraphicsContext g, double mx, double my) {
        Pair p = model.current();
        if (area == null || p == null || !area.contains(mx, my)) {
            return null;
        }
        double d = area.xAt(mx);
        double x = Math.round(mx) + 0.5;
        Axes.cursor(g, area, x, axisPaint());
        List<String> lines = new ArrayList<>();
        lines.add("distance " + NumberText.compact(d, 4) + " (step " + NumberText.grouped(p.step()) + ")");
        if (model.mode().showsNearest()) {
            lines.add(describe("nearest code", p.nearest(), d));
        }
        if (model.mode().showsAllCodes()) {
            lines.add(describe("all codes", p.allCodes(), d));
        }
        return lines;
    }

    private static String describe(String name, Frame f, double d) {
        int b = f.binOf(d);
        if (b < 0) {
            return name + ": beyond its range (" + NumberText.grouped(f.overflow()) + " values above "
                    + NumberText.compact(f.upper(), 3) + ")";
        }
        return name + ": " + String.format(Locale.ROOT, "%.2f%%", 100 * f.share(b)) + " (" + NumberText.grouped(f.count(b))
                + " of " + NumberText.grouped(f.total()) + ") in [" + NumberText.compact(b * f.binWidth(), 3) + ", "
                + NumberText.compact((b + 1) * f.binWidth(), 3) + ")";
    }
}
