package vqlens.ui.plot;

import java.util.Arrays;
import java.util.function.DoubleFunction;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;
import javafx.scene.text.TextAlignment;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.PlotArea;
import vqlens.ui.chart.Scale;
import vqlens.ui.chart.Ticks;

/** Grid lines, tick labels and axis lines of a {@link PlotArea}. */
public final class Axes {

    private Axes() {
    }

    /** Horizontal grid lines and labels at the y ticks (left of the plot). */
    public static void yAxis(GraphicsContext g, PlotArea a, Scale scale, int target, Paint gridPaint, Paint labelPaint) {
        double step = scale == Scale.LINEAR ? Ticks.niceStep(a.y().span(), target) : 1;
        yAxis(g, a, Ticks.of(a.y(), scale, target), gridPaint, labelPaint, t -> NumberText.tick(t, scale, step));
    }

    /** Horizontal grid lines at {@code ticks}, labelled by {@code label} left of the plot. */
    public static void yAxis(GraphicsContext g, PlotArea a, double[] ticks, Paint gridPaint, Paint labelPaint,
                             DoubleFunction<String> label) {
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double t : ticks) {
            double y = Math.round(a.py(t)) + 0.5;
            if (y < a.top() - 0.5 || y > a.bottom() + 0.5) {
                continue;
            }
            g.setStroke(gridPaint);
            g.strokeLine(a.left(), y, a.right(), y);
            g.setFill(labelPaint);
            g.fillText(label.apply(t), a.left() - 6, y);
        }
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
    }

    /** Vertical grid lines and labels at the x ticks (below the plot). */
    public static void xAxis(GraphicsContext g, PlotArea a, Scale scale, int target, Paint gridPaint, Paint labelPaint,
                      boolean integers) {
        double step = scale == Scale.LINEAR ? Ticks.niceStep(a.x().span(), target) : 1;
        double[] ticks = Ticks.of(a.x(), scale, target);
        if (integers && scale == Scale.LINEAR) {
            ticks = step < 1 ? new double[0] : Arrays.stream(ticks).filter(t -> t == Math.rint(t)).toArray();
        }
        xAxis(g, a, ticks, gridPaint, labelPaint, t -> NumberText.tick(t, scale, step));
    }

    /** Vertical grid lines at {@code ticks}, labelled by {@code label} below the plot where the labels do not overlap. */
    public static void xAxis(GraphicsContext g, PlotArea a, double[] ticks, Paint gridPaint, Paint labelPaint,
                             DoubleFunction<String> label) {
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        double lastRight = Double.NEGATIVE_INFINITY;
        for (double t : ticks) {
            double x = Math.round(a.px(t)) + 0.5;
            if (x < a.left() - 0.5 || x > a.right() + 0.5) {
                continue;
            }
            g.setStroke(gridPaint);
            g.strokeLine(x, a.top(), x, a.bottom());
            String text = label.apply(t);
            double half = text.length() * 3.4;
            if (x - half > lastRight + 6) {
                g.setFill(labelPaint);
                g.fillText(text, x, a.bottom() + 4);
                lastRight = x + half;
            }
        }
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
    }

    /** The left and bottom axis lines. */
    public static void frame(GraphicsContext g, PlotArea a, Paint axisPaint) {
        g.setStroke(axisPaint);
        g.setLineWidth(1);
        double x = Math.round(a.left()) + 0.5;
        double y = Math.round(a.bottom()) + 0.5;
        g.strokeLine(x, a.top(), x, y);
        g.strokeLine(x, y, a.right(), y);
    }

    /** The hover cursor: a dashed vertical line across the plot at pixel column {@code x}. */
    public static void cursor(GraphicsContext g, PlotArea a, double x, Paint axisPaint) {
        g.setStroke(axisPaint);
        g.setLineWidth(1);
        g.setLineDashes(3, 3);
        g.strokeLine(x, a.top(), x, a.bottom());
        g.setLineDashes((double[]) null);
    }
}
