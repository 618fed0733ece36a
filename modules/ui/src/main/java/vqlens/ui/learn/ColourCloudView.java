package vqlens.ui.learn;

import java.util.List;
import java.util.Locale;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import vqlens.ui.learn.model.ColourCloud;
import vqlens.ui.plot.CanvasChart;

/**
 * Lesson 4's colour cloud: sampled pixels on the top two principal components of their colours, each drawn in its
 * code's colour (the quantised colour), the codes on top as discs. One scale for both axes (distances on the plane
 * are distances in colour) unless the cloud is flat, when PC 2 is stretched and says so. With a code selected the
 * other points fade.
 */
final class ColourCloudView extends CanvasChart {
    private static final double MARGIN = 22;
    private static final double CODE_RADIUS = 6;
    /** Share of the plot's height a flat cloud is stretched to, at least. */
    private static final double STRETCH_FILL = 0.6;
    private double stretch = 1;

    private ColourCloud cloud;
    private int[] pointCodes;
    private float[][] colours = new float[0][];
    private double[][] codeXy = new double[0][];
    private int selected = -1;
    private double minX;
    private double maxX;
    private double minY;
    private double maxY;
    private double zoom = 1;

    ColourCloudView() {
        getStyleClass().add("vq-colour-cloud");
        setPrefSize(280, 280);
    }

    /** The cloud, each point's code ({@code null} before training), the codes' colours and where they project. */
    void show(ColourCloud value, int[] codesOfPoints, float[][] codeColours, double[][] codePositions, int selectedCode) {
        if (value != cloud) {
            cloud = value;
            minX = minY = Double.POSITIVE_INFINITY;
            maxX = maxY = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < value.size(); i++) {
                minX = Math.min(minX, value.x(i));
                maxX = Math.max(maxX, value.x(i));
                minY = Math.min(minY, value.y(i));
                maxY = Math.max(maxY, value.y(i));
            }
        }
        pointCodes = codesOfPoints;
        colours = codeColours;
        codeXy = codePositions;
        selected = selectedCode;
        markDirty();
    }

    void setZoom(double value) {
        zoom = value;
        setPrefSize(280 * value, 280 * value);
        markDirty();
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        drawTitle(g, "Colour cloud, top two PCs", 6, w - 12);
        if (cloud == null || w < 3 * MARGIN || h < 3 * MARGIN) {
            return;
        }
        double spanX = Math.max(1e-6, maxX - minX);
        double spanY = Math.max(1e-6, maxY - minY);
        double scale = Math.min((w - 2 * MARGIN) / spanX, (h - 2.6 * MARGIN) / spanY);
        // one scale for both axes keeps distances honest, but a flat cloud (PC 2 a few % of the variance) would be a
        // line: PC 2 is then stretched to fill at least STRETCH_FILL of the height, and its label says by how much
        double yScale = Math.max(scale, STRETCH_FILL * (h - 2.6 * MARGIN) / spanY);
        stretch = yScale / scale;
        double ox = (w - spanX * scale) / 2 - minX * scale;
        double oy = MARGIN * 1.3 + (h - 2.6 * MARGIN - spanY * yScale) / 2 + maxY * yScale; // y up
        double dot = Math.max(1.5, 2 * zoom);
        for (int i = 0; i < cloud.size(); i++) {
            int code = pointCodes == null ? -1 : pointCodes[i];
            float[] c = code < 0 ? null : colours[code];
            Color fill = c == null ? Color.GRAY : Color.color(clamp(c[0]), clamp(c[1]), clamp(c[2]));
            g.setGlobalAlpha(selected < 0 || code == selected ? 0.85 : 0.12);
            g.setFill(fill);
            g.fillRect(ox + cloud.x(i) * scale - dot / 2, oy - cloud.y(i) * yScale - dot / 2, dot, dot);
        }
        g.setGlobalAlpha(1);
        double r = CODE_RADIUS * zoom;
        for (int k = 0; k < codeXy.length; k++) {
            double x = ox + codeXy[k][0] * scale;
            double y = oy - codeXy[k][1] * yScale;
            double rk = k == selected ? r * 1.7 : r;
            float[] c = colours[k];
            g.setFill(Color.color(clamp(c[0]), clamp(c[1]), clamp(c[2])));
            g.fillOval(x - rk, y - rk, 2 * rk, 2 * rk);
            g.setStroke(textPaint()); // a dark ring: a code stands out from the points of its own colour
            g.setLineWidth(k == selected ? 2.5 : 1.2);
            g.strokeOval(x - rk, y - rk, 2 * rk, 2 * rk);
            if (k == selected) {
                g.setStroke(backgroundPaint());
                g.setLineWidth(1);
                g.strokeOval(x - rk - 2.5, y - rk - 2.5, 2 * rk + 5, 2 * rk + 5);
            }
        }
        g.setFill(mutedTextPaint());
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(String.format(Locale.ROOT, "PC 1 (%.0f%% of the variance) →", 100 * cloud.firstShare()),
                w / 2, h - 6, w - 8);
        g.save();
        g.translate(12, h / 2);
        g.rotate(-90);
        g.fillText(String.format(Locale.ROOT, stretch > 1.05 ? "PC 2 (%.0f%%, stretched ×%.1f) →" : "PC 2 (%.0f%%) →",
                100 * cloud.secondShare(), stretch), 0, 0, h - 8);
        g.restore();
    }

    private static double clamp(float v) {
        return Math.min(1, Math.max(0, v));
    }

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        return null;
    }
}
