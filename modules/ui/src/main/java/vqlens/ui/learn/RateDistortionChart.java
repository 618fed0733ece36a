package vqlens.ui.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;
import vqlens.ui.chart.Margins;
import vqlens.ui.chart.PlotArea;
import vqlens.ui.chart.Range;
import vqlens.ui.chart.Scale;
import vqlens.ui.learn.model.PqChoice;
import vqlens.ui.learn.model.PqResult;
import vqlens.ui.plot.Axes;
import vqlens.ui.plot.CanvasChart;

/**
 * Lesson 5's rate–distortion chart: PSNR of every computed choice against bits per pixel (equal rate) or against
 * stored codes H·K (equal memory, log₂ axis), one line per head count, the pair on show ringed.
 */
final class RateDistortionChart extends CanvasChart {
    private static final Margins MARGINS = new Margins(50, 12, 30, 38);
    private static final int[] HEADS = {1, 2, 3, 4, 6, 8, 12};

    private List<PqResult> results = List.of();
    private Set<PqChoice> marked = Set.of();
    private boolean storedAxis;
    private PlotArea area;

    RateDistortionChart() {
        getStyleClass().add("vq-rate-distortion-chart");
        setPrefSize(400, 300);
        setMinWidth(300);
    }

    void show(List<PqResult> value, Set<PqChoice> ringed, boolean againstStoredCodes) {
        results = List.copyOf(value);
        marked = Set.copyOf(ringed);
        storedAxis = againstStoredCodes;
        markDirty();
    }

    boolean againstStoredCodes() {
        return storedAxis;
    }

    private double x(PqChoice c) {
        return storedAxis ? Math.log(c.storedCodes()) / Math.log(2) : c.bitsPerPixel();
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        drawTitle(g, storedAxis ? "PSNR against stored codes H·K (equal memory)"
                : "PSNR against bits per pixel (equal rate)", 8, w - 16);
        if (results.isEmpty() || !MARGINS.fit(w, h)) {
            area = null;
            drawMessage(g, "computing…", w, h);
            return;
        }
        Range y = Range.EMPTY;
        for (PqResult r : results) {
            y = y.including(r.psnr());
        }
        y = new Range(Math.floor(y.min() - 0.5), Math.ceil(y.max() + 1.5)); // headroom for the legend row
        Range x = storedAxis ? new Range(0.5, 12.5) : new Range(0.2, 0.8);
        area = MARGINS.plot(w, h, x, y);
        Axes.yAxis(g, area, Scale.LINEAR, Math.max(2, (int) (area.height() / 34)), gridPaint(), mutedTextPaint());
        if (storedAxis) {
            double[] ticks = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
            Axes.xAxis(g, area, ticks, gridPaint(), mutedTextPaint(),
                    t -> String.format(Locale.ROOT, "%d", 1 << (int) t));
        } else {
            Axes.xAxis(g, area, new double[] {0.25, 0.375, 0.5, 0.625, 0.75}, gridPaint(), mutedTextPaint(),
                    t -> String.format(Locale.ROOT, "%.3g", t));
        }
        Axes.frame(g, area, axisPaint());
        g.setFill(mutedTextPaint());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(storedAxis ? "stored codes H·K" : "bits per pixel (b / 16)", area.left() + area.width() / 2, h - 3);
        g.save();
        g.translate(12, area.top() + area.height() / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("PSNR (dB)", 0, 0);
        g.restore();
        g.setFill(mutedTextPaint());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("heads:", area.left() + 6, area.top() + 10);
        double legendX = area.left() + 12 + textWidth("heads:");
        for (int i = 0; i < HEADS.length; i++) {
            List<PqResult> line = new ArrayList<>();
            for (PqResult r : results) {
                if (r.choice().heads() == HEADS[i]) {
                    line.add(r);
                }
            }
            if (line.isEmpty()) {
                continue;
            }
            line.sort((a, b) -> Double.compare(x(a.choice()), x(b.choice())));
            g.setStroke(seriesPaint(i));
            g.setFill(seriesPaint(i));
            g.setLineWidth(1.6);
            for (int j = 1; j < line.size(); j++) {
                g.strokeLine(area.px(x(line.get(j - 1).choice())), area.py(line.get(j - 1).psnr()),
                        area.px(x(line.get(j).choice())), area.py(line.get(j).psnr()));
            }
            for (PqResult r : line) {
                g.fillOval(area.px(x(r.choice())) - 3.5, area.py(r.psnr()) - 3.5, 7, 7);
            }
            String label = Integer.toString(HEADS[i]);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillRect(legendX, area.top() + 8, 10, 3);
            g.fillText(label, legendX + 13, area.top() + 10);
            legendX += textWidth(label) + 22;
        }
        g.setStroke(textPaint());
        g.setLineWidth(1.5);
        for (PqResult r : results) {
            if (marked.contains(r.choice())) {
                g.strokeOval(area.px(x(r.choice())) - 7, area.py(r.psnr()) - 7, 14, 14);
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
    }

    @Override
    protected List<String> hover(GraphicsContext g, double mx, double my) {
        if (area == null) {
            return null;
        }
        PqResult best = null;
        double bestDistance = 12;
        for (PqResult r : results) {
            double d = Math.hypot(area.px(x(r.choice())) - mx, area.py(r.psnr()) - my);
            if (d < bestDistance) {
                bestDistance = d;
                best = r;
            }
        }
        if (best == null) {
            return null;
        }
        PqChoice c = best.choice();
        return List.of(c.heads() + (c.heads() == 1 ? " head × " : " heads × ") + c.codes() + " codes, " + c.bits()
                        + " bits per patch",
                String.format(Locale.ROOT, "PSNR %.2f dB · %.3g bits/pixel · %d stored codes", best.psnr(),
                        c.bitsPerPixel(), c.storedCodes()));
    }
}
