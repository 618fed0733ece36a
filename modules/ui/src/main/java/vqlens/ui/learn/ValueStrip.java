package vqlens.ui.learn;

import java.util.List;
import java.util.Locale;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import vqlens.ui.chart.ColourMaps;
import vqlens.ui.plot.CanvasChart;

/** A vector as a strip of cells on the diverging colour map (blue negative, red positive); hover names each value. */
final class ValueStrip extends CanvasChart {
    private float[] values = new float[0];
    private double limit = 1;
    private String name = "";

    ValueStrip() {
        super("value-strip", null);
        setPrefSize(520, 26);
        setMinSize(120, 20);
        setMaxHeight(34);
    }

    /** Shows {@code v} coloured against {@code ±colourLimit} (shared by strips that are compared). */
    void show(String label, float[] v, double colourLimit) {
        name = label;
        values = v.clone();
        limit = colourLimit > 0 ? colourLimit : 1;
        markDirty();
    }

    static double limitOf(float[]... vectors) {
        double max = 0;
        for (float[] v : vectors) {
            for (float x : v) {
                if (Float.isFinite(x)) {
                    max = Math.max(max, Math.abs(x));
                }
            }
        }
        return max > 0 ? max : 1;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        if (values.length == 0) {
            return;
        }
        double cw = w / values.length;
        for (int i = 0; i < values.length; i++) {
            int argb = ColourMaps.diverging(values[i], limit);
            g.setFill(Color.rgb(argb >> 16 & 0xff, argb >> 8 & 0xff, argb & 0xff));
            g.fillRect(i * cw, 0, Math.ceil(cw), h);
        }
        g.setStroke(axisPaint());
        g.strokeRect(0.5, 0.5, w - 1, h - 1);
    }

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        if (values.length == 0) {
            return null;
        }
        int i = (int) (x / (getWidth() / values.length));
        return i < 0 || i >= values.length ? null
                : List.of(String.format(Locale.ROOT, "%s[%d] = %.5g", name, i, values[i]));
    }
}
