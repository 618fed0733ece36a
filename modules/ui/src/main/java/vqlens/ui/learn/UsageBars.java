package vqlens.ui.learn;

import java.util.List;

import javafx.scene.canvas.GraphicsContext;
import vqlens.ui.plot.CanvasChart;
import vqlens.ui.plot.CodePalette;

/** Points per code as a row of small bars in the codes' colours; a dead code's bar is an empty outline. */
final class UsageBars extends CanvasChart {
    private int[] usage = new int[0];

    UsageBars() {
        super("usage-bars", null);
        setPrefSize(220, 90);
        setMinSize(120, 60);
    }

    void show(int[] values) {
        usage = values.clone();
        markDirty();
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        int max = 1;
        for (int u : usage) {
            max = Math.max(max, u);
        }
        double bw = (w - 4) / Math.max(1, usage.length);
        for (int k = 0; k < usage.length; k++) {
            double bh = (h - 6) * usage[k] / max;
            double x = 2 + k * bw;
            if (usage[k] == 0) {
                g.setStroke(alertPaint());
                g.strokeRect(x + 1, h - 6, Math.max(1, bw - 2), 4);
            } else {
                g.setFill(CodePalette.of(k));
                g.fillRect(x + 1, h - 2 - bh, Math.max(1, bw - 2), bh);
            }
        }
    }

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        if (usage.length == 0) {
            return null;
        }
        int k = (int) ((x - 2) / ((getWidth() - 4) / usage.length));
        return k < 0 || k >= usage.length ? null : List.of("code " + k + ": " + usage[k] + " points");
    }
}
