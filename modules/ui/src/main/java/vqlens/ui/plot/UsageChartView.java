package vqlens.ui.plot;

import java.util.List;
import java.util.Locale;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;
import vqlens.ui.chart.CodeUsageModel;
import vqlens.ui.chart.Margins;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.PlotArea;
import vqlens.ui.chart.Range;
import vqlens.ui.chart.Scale;

/**
 * One head's code usage: a bar per code (its usage EMA, in assignments per step), sorted by usage or by
 * index, linear or log; dead codes in the alert colour with a tick under the axis (a dead bar may be too
 * small to see), the dead-code threshold as a dashed line, and perplexity and share of codes used in the
 * title. Hover names the code under the mouse.
 */
public final class UsageChartView extends CanvasChart {
    private static final Margins MARGINS = new Margins(46, 10, 40, 22);

    private final CodeUsageModel model;
    private PlotArea area;
    private double floor;

    public UsageChartView(CodeUsageModel model) {
        super("vq-usage-chart", model::version);
        this.model = model;
    }

    public CodeUsageModel model() {
        return model;
    }

    /** The title, e.g. {@code Head 0 · perplexity 187.3 / 256 · 92% used · 3 dead}. */
    public String title() {
        String head = "Head " + model.head();
        return model.isEmpty() ? head : head + " · " + subtitle();
    }

    /** The title's details: {@code perplexity 187.3 of 256 · 92% used · 3 dead · 5 re-seeded (2 thrashing)}. */
    public String subtitle() {
        return "perplexity " + NumberText.compact(model.perplexity(), 4) + " of " + model.codes() + " · " + usedAndDead();
    }

    private String usedAndDead() {
        String s = String.format(Locale.ROOT, "%.0f%%", 100 * model.usedShare()) + " used · " + model.deadCount() + " dead";
        if (model.restartedCount() > 0) {
            s += " · " + model.restartedCount() + " re-seeded" + (model.thrashing() > 0 ? " (" + model.thrashing() + " thrashing)" : "");
        }
        return s;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        drawTitle(g, "Head " + model.head(), 8, w - 16);
        if (!model.isEmpty()) {
            g.setTextBaseline(javafx.geometry.VPos.TOP);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setFill(model.deadCount() > 0 ? alertPaint() : mutedTextPaint());
            g.fillText(usedAndDead(), w - MARGINS.right(), 7);
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(mutedTextPaint());
            g.setTextBaseline(javafx.geometry.VPos.CENTER);
            g.fillText(fit("perplexity " + NumberText.compact(model.perplexity(), 4) + " of " + model.codes(), w - 16, font()), 8, 30);
            g.setTextBaseline(javafx.geometry.VPos.BASELINE);
        }
        if (model.isEmpty() || !MARGINS.fit(w, h)) {
            area = null;
            drawMessage(g, "no data yet", w, h);
            return;
        }
        Scale scale = model.scale();
        int k = model.codes();
        double max = Math.max(model.maxUsage(), Double.isFinite(model.deadBelow()) ? model.deadBelow() : 0);
        Range y;
        if (scale == Scale.LOG) {
            double minPositive = Math.min(model.minPositiveUsage(), model.deadBelow() > 0 ? model.deadBelow() : Double.POSITIVE_INFINITY);
            floor = Double.isFinite(minPositive) ? Math.floor(Math.log10(minPositive)) - 0.3 : -2;
            double top = max > 0 ? Math.log10(max) : 0;
            y = new Range(floor, Math.max(top, floor + 1) + 0.08);
        } else {
            floor = 0;
            y = new Range(0, max > 0 ? max * 1.08 : 1);
        }
        area = MARGINS.plot(w, h, new Range(0, k), y);
        Axes.yAxis(g, area, scale, Math.max(2, (int) (area.height() / 32)), gridPaint(), mutedTextPaint());

        // Bars on whole pixels (a renderer's fast path); with more codes than pixel columns, one bar per
        // column at the highest usage of its codes, marked dead when any of them is.
        int columns = (int) Math.min(k, Math.floor(area.width()));
        double perColumn = (double) k / columns;
        double base = Math.round(area.bottom());
        double gap = area.width() / columns >= 4 ? 1 : 0;
        for (int col = 0; col < columns; col++) {
            int from = (int) Math.floor(col * perColumn);
            int to = Math.max(from + 1, (int) Math.floor((col + 1) * perColumn));
            double v = 0;
            boolean dead = false;
            for (int p = from; p < Math.min(k, to); p++) {
                int code = model.codeAt(p);
                v = Math.max(v, model.usage(code));
                dead |= model.dead(code);
            }
            double a = scale == Scale.LOG ? (v > 0 ? Math.log10(v) : floor) : v;
            double top = Math.round(area.py(Math.max(a, floor)));
            double x0 = Math.round(area.left() + col * area.width() / columns);
            double x1 = Math.round(area.left() + (col + 1) * area.width() / columns) - gap;
            double bw = Math.max(1, x1 - x0);
            if (dead) {
                g.setFill(alertPaint());
                g.fillRect(x0, base + 2, bw, 4); // the dead tick, visible however low the bar
            } else {
                g.setFill(seriesPaint(0));
            }
            if (base - top > 0) {
                g.fillRect(x0, top, bw, base - top);
            }
        }
        double threshold = model.deadBelow();
        if (threshold > 0 && Double.isFinite(threshold)) {
            double a = scale.forward(threshold);
            if (Double.isFinite(a) && a >= y.min() && a <= y.max()) {
                double ty = Math.round(area.py(a)) + 0.5;
                g.setStroke(alertPaint());
                g.setLineWidth(1);
                g.setLineDashes(5, 4);
                g.strokeLine(area.left(), ty, area.right(), ty);
                g.setLineDashes((double[]) null);
                String label = "dead below " + NumberText.compact(threshold, 3);
                double lw = textWidth(label) + 8;
                g.setFill(backgroundPaint());
                g.setGlobalAlpha(0.85);
                g.fillRoundRect(area.right() - lw - 2, ty - FONT_SIZE - 5, lw, FONT_SIZE + 4, 4, 4);
                g.setGlobalAlpha(1);
                g.setFill(alertPaint());
                g.setTextAlign(TextAlignment.RIGHT);
                g.fillText(label, area.right() - 6, ty - 4);
                g.setTextAlign(TextAlignment.LEFT);
            }
        }
        Axes.frame(g, area, axisPaint());
        g.setFill(mutedTextPaint());
        g.fillText(model.order() == CodeUsageModel.Order.BY_USAGE ? "codes, most used first →" : "codes by index →",
                area.left(), h - 6);
        g.setTextBaseline(javafx.geometry.VPos.TOP);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("rows per step", area.right() - 4, area.top() + 2);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(javafx.geometry.VPos.BASELINE);
    }

    @Override
    protected List<String> hover(GraphicsContext g, double mx, double my) {
        if (area == null || mx < area.left() || mx > area.right() || my < area.top() || my > area.bottom() + 8) {
            return null;
        }
        int k = model.codes();
        int p = Math.min(k - 1, Math.max(0, (int) ((mx - area.left()) / area.width() * k)));
        int code = model.codeAt(p);
        double barWidth = area.width() / k;
        double x0 = area.left() + p * barWidth;
        g.setStroke(textPaint());
        g.setLineWidth(1);
        g.strokeRect(Math.round(x0) + 0.5, area.top() + 0.5, Math.max(1, Math.round(barWidth)), area.height());
        return List.of("code " + code + (model.order() == CodeUsageModel.Order.BY_USAGE ? "  (rank " + (p + 1) + ")" : ""),
                "usage EMA: " + NumberText.compact(model.usage(code), 4) + " per step",
                "last window: " + NumberText.grouped(model.count(code)) + " rows",
                (model.dead(code) ? "dead (below " + NumberText.compact(model.deadBelow(), 3) + ")" : "alive")
                        + (model.restarts(code) > 0 ? " · re-seeded " + model.restarts(code) + "× in the window" : ""));
    }
}
