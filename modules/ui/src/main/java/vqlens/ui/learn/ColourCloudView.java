package vqlens.ui.learn;

import java.util.List;
import java.util.Locale;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
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
        zoom = value; // the lesson sets the size
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
        drawPoints(g, w, h, ox, oy, scale, yScale);
        g.setGlobalAlpha(1);
        double r = CODE_RADIUS * zoom * (codeXy.length > 64 ? 0.6 : 1); // 256 discs would hide the cloud
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

    /**
     * The points as pixels of one image drawn at once: 4,000 canvas rectangles each cost the software renderer a
     * command, a pixel buffer costs one. A faded point is its colour mixed with the background, as alpha would.
     */
    private void drawPoints(GraphicsContext g, double w, double h, double ox, double oy, double scale, double yScale) {
        int iw = (int) w;
        int ih = (int) h;
        if (points == null || points.getWidth() != iw || points.getHeight() != ih) {
            points = new WritableImage(iw, ih);
            buffer = new int[iw * ih];
        }
        java.util.Arrays.fill(buffer, 0);
        Color bg = backgroundPaint() instanceof Color c ? c : Color.WHITE;
        int dot = (int) Math.max(2, Math.round(2 * zoom));
        int[] lut = new int[colours.length];
        int[] faded = new int[colours.length];
        for (int k = 0; k < colours.length; k++) {
            float[] c = colours[k];
            lut[k] = argb(clamp(c[0]), clamp(c[1]), clamp(c[2]));
            faded[k] = argb(mix(c[0], bg.getRed()), mix(c[1], bg.getGreen()), mix(c[2], bg.getBlue()));
        }
        int grey = argb(0.5, 0.5, 0.5);
        for (int i = 0; i < cloud.size(); i++) {
            int code = pointCodes == null ? -1 : pointCodes[i];
            int colour = code < 0 ? grey : selected < 0 || code == selected ? lut[code] : faded[code];
            int x0 = (int) Math.round(ox + cloud.x(i) * scale) - dot / 2;
            int y0 = (int) Math.round(oy - cloud.y(i) * yScale) - dot / 2;
            for (int y = Math.max(0, y0); y < Math.min(ih, y0 + dot); y++) {
                for (int x = Math.max(0, x0); x < Math.min(iw, x0 + dot); x++) {
                    buffer[y * iw + x] = colour;
                }
            }
        }
        points.getPixelWriter().setPixels(0, 0, iw, ih, PixelFormat.getIntArgbInstance(), buffer, 0, iw);
        g.drawImage(points, 0, 0);
    }

    private WritableImage points;
    private int[] buffer;

    /** A faded point: 15 % of its colour over the background. */
    private static double mix(float v, double background) {
        return 0.15 * clamp(v) + 0.85 * background;
    }

    private static int argb(double r, double g, double b) {
        return 0xff000000 | (int) Math.round(r * 255) << 16 | (int) Math.round(g * 255) << 8 | (int) Math.round(b * 255);
    }

    private static double clamp(float v) {
        return Math.min(1, Math.max(0, v));
    }

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        return null;
    }
}
