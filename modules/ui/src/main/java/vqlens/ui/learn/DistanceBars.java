package vqlens.ui.learn;

import java.util.List;
import java.util.Locale;

import javafx.scene.canvas.GraphicsContext;
import vqlens.ui.plot.CanvasChart;

/**
 * A head's distances to all its codes: one bar per code (few codes) or a histogram (many), the chosen code
 * marked. The values are the forward's own.
 */
final class DistanceBars extends CanvasChart {
    private static final int BARS_UP_TO = 64;
    private static final int BINS = 32;
    private float[] distances = new float[0];
    private int chosen = -1;

    DistanceBars() {
        super("distance-bars", null);
        setPrefSize(520, 150);
        setMinSize(160, 90);
    }

    void show(float[] values, int chosenCode) {
        distances = values.clone();
        chosen = chosenCode;
        markDirty();
    }

    private double max() {
        double m = 0;
        for (float d : distances) {
            m = Math.max(m, d);
        }
        return m > 0 ? m : 1;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        if (distances.length == 0) {
            return;
        }
        double top = 18;
        double bottom = h - 16;
        g.setFill(mutedTextPaint());
        g.fillText(distances.length <= BARS_UP_TO ? "distance to each code (chosen code in red)"
                : "histogram of the " + distances.length + " distances (the chosen code's bin in red)", 4, 12);
        if (distances.length <= BARS_UP_TO) {
            double bw = w / distances.length;
            double max = max();
            for (int k = 0; k < distances.length; k++) {
                double bh = (bottom - top) * Math.max(0, distances[k]) / max;
                g.setFill(k == chosen ? alertPaint() : seriesPaint(0));
                g.fillRect(k * bw + 1, bottom - bh, Math.max(1, bw - 2), bh);
            }
            g.setFill(mutedTextPaint());
            g.fillText("code 0 … " + (distances.length - 1), 4, h - 3);
            return;
        }
        double max = max();
        long[] bins = new long[BINS];
        for (float d : distances) {
            bins[Math.min(BINS - 1, (int) (Math.max(0, d) / max * BINS))]++;
        }
        int chosenBin = chosen < 0 ? -1 : Math.min(BINS - 1, (int) (Math.max(0, distances[chosen]) / max * BINS));
        long most = 1;
        for (long b : bins) {
            most = Math.max(most, b);
        }
        double bw = w / BINS;
        for (int i = 0; i < BINS; i++) {
            double bh = (bottom - top) * bins[i] / most;
            g.setFill(i == chosenBin ? alertPaint() : seriesPaint(0));
            g.fillRect(i * bw + 1, bottom - bh, Math.max(1, bw - 2), bh);
        }
        g.setFill(mutedTextPaint());
        g.fillText(String.format(Locale.ROOT, "0 … %.3g", max), 4, h - 3);
    }

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        if (distances.length == 0 || distances.length > BARS_UP_TO) {
            return null;
        }
        int k = (int) (x / (getWidth() / distances.length));
        return k < 0 || k >= distances.length ? null
                : List.of(String.format(Locale.ROOT, "code %d: %.6g%s", k, distances[k], k == chosen ? " (chosen)" : ""));
    }
}
