package vqlens.ui.inspect.views;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.TextAlignment;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.Range;
import vqlens.ui.chart.Scale;
import vqlens.ui.chart.Ticks;
import vqlens.ui.plot.CanvasChart;

/**
 * Vectors drawn value per dimension: grouped bars for a few dimensions, lines for many; optionally a band
 * (e.g. the range of the head's codes per dimension) behind them and separators between heads. The owner
 * sets everything with {@link #show}; FX thread only.
 */
final class ValuesChart extends CanvasChart {

    /** Up to this many dimensions the values are bars, beyond it lines. */
    static final int BARS_UP_TO = 48;
    private static final double LEFT = 46;
    private static final double RIGHT = 10;
    private static final double TOP = 24;
    private static final double BOTTOM = 22;

    /**
     * One vector.
     *
     * @param label  shown in the legend and the hover box
     * @param values one value per dimension
     * @param colour its colour, or {@code null} for the theme's series colour of its position
     */
    record Series(String label, float[] values, Color colour) {
    }

    private List<Series> series = List.of();
    private float[] bandLow;
    private float[] bandHigh;
    private String bandLabel = "";
    private int separatorEvery;
    private String emptyMessage = "";

    ValuesChart() {
        getStyleClass().add("values-chart");
        setPrefSize(420, 200);
        setMinSize(160, 80);
    }

    /**
     * Shows {@code newSeries} (equally long), with a band from {@code low} to {@code high} per dimension when
     * both are given and a separator line every {@code separator} dimensions when it is above 0.
     */
    void show(List<Series> newSeries, float[] low, float[] high, String newBandLabel, int separator) {
        series = List.copyOf(newSeries);
        bandLow = low;
        bandHigh = high;
        bandLabel = newBandLabel == null ? "" : newBandLabel;
        separatorEvery = separator;
        markDirty();
    }

    void clear(String message) {
        series = List.of();
        bandLow = null;
        bandHigh = null;
        emptyMessage = message;
        markDirty();
    }

    List<Series> series() {
        return series;
    }

    @Override
    protected boolean dataChanged() {
        return false;
    }

    private int dims() {
        return series.isEmpty() ? 0 : series.get(0).values().length;
    }

    private Paint colour(int i) {
        Color c = series.get(i).colour();
        return c != null ? c : seriesPaint(i);
    }

    private Range yRange() {
        Range r = new Range(0, 0);
        for (Series s : series) {
            for (float v : s.values()) {
                r = r.including(v);
            }
        }
        if (bandLow != null && bandHigh != null) {
            for (int i = 0; i < bandLow.length; i++) {
                r = r.including(bandLow[i]).including(bandHigh[i]);
            }
        }
        return r.padded(0.06, 1e-6);
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        int n = dims();
        if (n == 0) {
            g.setFill(mutedTextPaint());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyMessage, w / 2, h / 2);
            return;
        }
        double pw = Math.max(1, w - LEFT - RIGHT);
        double ph = Math.max(1, h - TOP - BOTTOM);
        Range y = yRange();
        int yTarget = Math.max(2, (int) (ph / 40));
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double t : Ticks.of(y, Scale.LINEAR, yTarget)) {
            double py = Math.round(py(y, ph, t)) + 0.5;
            g.setStroke(gridPaint());
            g.strokeLine(LEFT, py, LEFT + pw, py);
            g.setFill(mutedTextPaint());
            g.fillText(tickLabel(t), LEFT - 6, py);
        }
        double slot = pw / n;
        if (bandLow != null && bandHigh != null) {
            g.setFill(gridPaint());
            g.setGlobalAlpha(0.9);
            for (int i = 0; i < n; i++) {
                double top = py(y, ph, bandHigh[i]);
                double bottom = py(y, ph, bandLow[i]);
                g.fillRect(LEFT + i * slot + slot * 0.08, top, slot * 0.84, Math.max(1, bottom - top));
            }
            g.setGlobalAlpha(1);
        }
        if (separatorEvery > 0 && separatorEvery < n) {
            g.setStroke(axisPaint());
            g.setLineDashes(3, 3);
            for (int i = separatorEvery; i < n; i += separatorEvery) {
                double x = Math.round(LEFT + i * slot) + 0.5;
                g.strokeLine(x, TOP, x, TOP + ph);
            }
            g.setLineDashes((double[]) null);
        }
        double zero = py(y, ph, 0);
        if (n <= BARS_UP_TO) {
            double group = slot * 0.74;
            double bar = group / series.size();
            for (int s = 0; s < series.size(); s++) {
                g.setFill(colour(s));
                float[] v = series.get(s).values();
                for (int i = 0; i < n; i++) {
                    double x = LEFT + i * slot + (slot - group) / 2 + s * bar;
                    double top = Math.min(zero, py(y, ph, v[i]));
                    double height = Math.max(1, Math.abs(py(y, ph, v[i]) - zero));
                    g.fillRect(x, top, Math.max(1, bar - (series.size() > 1 ? 1 : 0)), height);
                }
            }
        } else {
            for (int s = 0; s < series.size(); s++) {
                g.setStroke(colour(s));
                g.setLineWidth(s == 0 ? 2 : 1.5);
                float[] v = series.get(s).values();
                g.beginPath();
                for (int i = 0; i < n; i++) {
                    double x = LEFT + (i + 0.5) * slot;
                    if (i == 0) {
                        g.moveTo(x, py(y, ph, v[i]));
                    } else {
                        g.lineTo(x, py(y, ph, v[i]));
                    }
                }
                g.stroke();
            }
        }
        g.setStroke(axisPaint());
        g.setLineWidth(1);
        g.strokeLine(LEFT, Math.round(zero) + 0.5, LEFT + pw, Math.round(zero) + 0.5);
        drawDimTicks(g, n, slot, ph);
        drawLegend(g, w);
    }

    private void drawDimTicks(GraphicsContext g, int n, double slot, double ph) {
        int every = 1; // 1, 2, 5, 10, 20, 50 … dims between labels, at least 30 px apart
        for (int m = 0; every * slot < 30; m++) {
            every = (m % 3 == 0 ? 2 : m % 3 == 1 ? 5 : 10) * (int) Math.pow(10, m / 3);
        }
        g.setFill(mutedTextPaint());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < n; i += every) {
            g.fillText(String.valueOf(i), LEFT + (i + 0.5) * slot, TOP + ph + 4);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
    }

    private void drawLegend(GraphicsContext g, double w) {
        double x = LEFT;
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        for (int s = 0; s < series.size(); s++) {
            g.setFill(colour(s));
            g.fillRect(x, 8, 10, 10);
            g.setFill(textPaint());
            String label = series.get(s).label();
            g.fillText(label, x + 14, 13);
            x += 14 + textWidth(label) + 16;
        }
        if (bandLow != null && !bandLabel.isEmpty() && x < w - 60) {
            g.setFill(gridPaint());
            g.fillRect(x, 8, 10, 10);
            g.setStroke(axisPaint());
            g.strokeRect(x + 0.5, 8.5, 9, 9);
            g.setFill(mutedTextPaint());
            g.fillText(bandLabel, x + 14, 13);
        }
        g.setTextBaseline(VPos.BASELINE);
    }

    private static double py(Range y, double ph, double v) {
        return TOP + (y.max() - v) / (y.max() - y.min()) * ph;
    }

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        int n = dims();
        double pw = Math.max(1, getWidth() - LEFT - RIGHT);
        if (n == 0 || x < LEFT || x > LEFT + pw) {
            return null;
        }
        int i = Math.min(n - 1, (int) ((x - LEFT) / (pw / n)));
        List<String> lines = new ArrayList<>();
        lines.add("dim " + i);
        for (Series s : series) {
            lines.add(s.label() + ": " + NumberText.compact(s.values()[i], 4));
        }
        if (bandLow != null && bandHigh != null) {
            lines.add(bandLabel + ": " + NumberText.compact(bandLow[i], 3) + " … " + NumberText.compact(bandHigh[i], 3));
        }
        return lines;
    }

    /** A tick label: {@code NumberText.tick} shows 2.5-steps above 1 without their decimal, so compact it is. */
    private static String tickLabel(double t) {
        return NumberText.compact(t, 3);
    }
}
