package vqlens.ui.learn;

import java.util.List;
import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import vqlens.core.geometry.Box;
import vqlens.core.geometry.Polygon;
import vqlens.core.geometry.VoronoiCells;
import vqlens.ui.chart.PlotArea;
import vqlens.ui.chart.Range;
import vqlens.ui.learn.model.StraightThroughModel;
import vqlens.ui.plot.CanvasChart;
import vqlens.ui.plot.CodePalette;

/**
 * Lesson 6's plane: the codes' cells (core's Voronoi cells), the codes, z_e with its trail, the target, the line
 * z_e–e, and the three forces as arrows to the plane's own scale (each the negated gradient the model got from
 * the training module), with a legend. Draws the model's state; computes nothing of its own.
 */
final class ForcePlaneView extends CanvasChart {
    static final Color RECONSTRUCTION = Color.web("#1f6fd1");
    static final Color COMMITMENT = Color.web("#c2308f");
    static final Color CODEBOOK = Color.web("#1e9443");
    private static final Color Z_E = Color.web("#202020");
    private static final Color TARGET = Color.web("#d9480f");
    private static final double PAD = 10;

    private final StraightThroughModel model;
    private double zoom = 1;

    ForcePlaneView(StraightThroughModel model) {
        super("plane-view", null);
        this.model = model;
        setPrefSize(600, 560);
        setMinSize(280, 280);
    }

    void setZoom(double value) {
        zoom = value;
        markDirty();
    }

    /** Redraws on the next pulse (the model changed). */
    void changed() {
        markDirty();
    }

    private PlotArea area() {
        Box b = model.bounds();
        double s = Math.min((getWidth() - 2 * PAD) / b.width(), (getHeight() - 2 * PAD) / b.height());
        double w = s * b.width();
        double h = s * b.height();
        return new PlotArea((getWidth() - w) / 2, (getHeight() - h) / 2, w, h, new Range(b.minX(), b.maxX()),
                new Range(b.minY(), b.maxY()));
    }

    /** Pixel position of z_e, for tests. */
    double[] zEPixel() {
        float[] z = model.zE();
        PlotArea a = area();
        return new double[] {a.px(z[0]), a.py(z[1])};
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        PlotArea a = area();
        float[] codes = model.codes();
        int k = codes.length / 2;
        int nearest = model.nearest();
        double[] xs = new double[k];
        double[] ys = new double[k];
        for (int c = 0; c < k; c++) {
            xs[c] = codes[2 * c];
            ys[c] = codes[2 * c + 1];
        }
        Polygon[] cells = VoronoiCells.of(xs, ys, model.bounds());
        for (int c = 0; c < cells.length; c++) {
            if (cells[c].isEmpty()) {
                continue;
            }
            double[][] px = a.pixels(cells[c]);
            g.setFill(CodePalette.of(c).deriveColor(0, 1, 1, c == nearest ? 0.22 : 0.08));
            g.fillPolygon(px[0], px[1], px[0].length);
            g.setStroke(gridPaint());
            g.setLineWidth(1);
            g.strokePolygon(px[0], px[1], px[0].length);
        }
        g.setStroke(axisPaint());
        g.strokeRect(a.left(), a.top(), a.width(), a.height());

        float[] zE = model.zE();
        float[] e = model.code();
        float[] t = model.target();
        float[] trail = model.trail();
        g.setStroke(Z_E.deriveColor(0, 1, 1, 0.35));
        g.setLineWidth(1.5);
        for (int i = 0; i + 1 < trail.length / 2; i++) {
            g.strokeLine(a.px(trail[2 * i]), a.py(trail[2 * i + 1]), a.px(trail[2 * i + 2]), a.py(trail[2 * i + 3]));
        }
        if (trail.length > 0) {
            g.strokeLine(a.px(trail[trail.length - 2]), a.py(trail[trail.length - 1]), a.px(zE[0]), a.py(zE[1]));
        }
        g.setStroke(mutedTextPaint());
        g.setLineWidth(1.2);
        g.setLineDashes(5, 4);
        g.strokeLine(a.px(zE[0]), a.py(zE[1]), a.px(e[0]), a.py(e[1]));
        g.setLineDashes((double[]) null);

        double cr = 9 * zoom;
        g.setFont(Font.font(font().getFamily(), FontWeight.BOLD, 10 * zoom));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int c = 0; c < k; c++) {
            double x = a.px(codes[2 * c]);
            double y = a.py(codes[2 * c + 1]);
            g.setFill(CodePalette.of(c));
            g.fillOval(x - cr, y - cr, 2 * cr, 2 * cr);
            g.setStroke(Color.BLACK);
            g.setLineWidth(c == nearest ? 3 : 1.2);
            g.strokeOval(x - cr, y - cr, 2 * cr, 2 * cr);
            g.setFill(Color.BLACK);
            g.fillText(Integer.toString(c), x, y);
        }
        marker(g, a.px(t[0]), a.py(t[1]), TARGET, true);
        marker(g, a.px(zE[0]), a.py(zE[1]), Z_E, false);

        StraightThroughModel.Forces f = model.forces();
        arrow(g, a, zE, f.reconstruction(), RECONSTRUCTION);
        arrow(g, a, zE, f.commitment(), COMMITMENT);
        if (model.codeUpdate().equals("codebook loss")) {
            arrow(g, a, e, f.codebook(), CODEBOOK);
        }
        labels(g, a, zE, e, t);
        legend(g, a);
        g.setFont(font());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
    }

    private void marker(GraphicsContext g, double x, double y, Color colour, boolean cross) {
        double r = 6 * zoom;
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(2.5);
        if (cross) {
            g.strokeLine(x - r, y - r, x + r, y + r);
            g.strokeLine(x - r, y + r, x + r, y - r);
        } else {
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
            g.setStroke(Color.WHITE);
            g.setLineWidth(1.5);
            g.strokeOval(x - r, y - r, 2 * r, 2 * r);
        }
    }

    /** An arrow from {@code from} along {@code v} (plane units), its head a fixed size, none for a zero force. */
    private void arrow(GraphicsContext g, PlotArea a, float[] from, float[] v, Color colour) {
        double x0 = a.px(from[0]);
        double y0 = a.py(from[1]);
        double x1 = a.px(from[0] + v[0]);
        double y1 = a.py(from[1] + v[1]);
        double len = Math.hypot(x1 - x0, y1 - y0);
        if (len < 0.5) {
            return;
        }
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(3 * zoom);
        g.strokeLine(x0, y0, x1, y1);
        double head = Math.min(12 * zoom, 0.6 * len + 4);
        double ux = (x1 - x0) / len;
        double uy = (y1 - y0) / len;
        g.fillPolygon(new double[] {x1 + ux * 2, x1 - ux * head - uy * head * 0.5, x1 - ux * head + uy * head * 0.5},
                new double[] {y1 + uy * 2, y1 - uy * head + ux * head * 0.5, y1 - uy * head - ux * head * 0.5}, 3);
    }

    private void labels(GraphicsContext g, PlotArea a, float[] zE, float[] e, float[] t) {
        g.setFont(Font.font(font().getFamily(), FontWeight.BOLD, 12 * zoom));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.setFill(textPaint());
        double off = 10 * zoom;
        g.fillText("z_e", a.px(zE[0]) + off, a.py(zE[1]) - 2);
        g.fillText("e", a.px(e[0]) + off + 2, a.py(e[1]) - off);
        g.setFill(TARGET);
        g.fillText("target", a.px(t[0]) + off, a.py(t[1]) - 2);
    }

    private void legend(GraphicsContext g, PlotArea a) {
        List<Object[]> rows = List.of(
                new Object[] {RECONSTRUCTION, "reconstruction → z_e (straight through)"},
                new Object[] {COMMITMENT, "commitment → z_e"},
                new Object[] {CODEBOOK, "codebook → e" + (model.codeUpdate().equals("codebook loss") ? ""
                        : " (off: " + model.codeUpdate() + " moves e)")});
        Font f = Font.font(font().getFamily(), 11.5 * zoom);
        g.setFont(f);
        double line = 17 * zoom;
        double width = 0;
        for (Object[] r : rows) {
            width = Math.max(width, textWidthIn((String) r[1], f));
        }
        String scale = "arrows: −gradient, to the plane's scale";
        width = Math.max(width, textWidthIn(scale, f)) + 34 * zoom;
        double x = a.left() + 8;
        double y = a.top() + 8;
        g.setFill(backgroundPaint());
        g.setGlobalAlpha(0.88);
        g.fillRect(x, y, width + 8, line * (rows.size() + 1) + 8);
        g.setGlobalAlpha(1);
        g.setStroke(gridPaint());
        g.setLineWidth(1);
        g.strokeRect(x, y, width + 8, line * (rows.size() + 1) + 8);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < rows.size(); i++) {
            double cy = y + 4 + line * (i + 0.5);
            g.setStroke((Color) rows.get(i)[0]);
            g.setLineWidth(3 * zoom);
            g.strokeLine(x + 8, cy, x + 26 * zoom, cy);
            g.setFill(textPaint());
            g.fillText((String) rows.get(i)[1], x + 32 * zoom, cy);
        }
        g.setFill(mutedTextPaint());
        g.fillText(scale, x + 8, y + 4 + line * (rows.size() + 0.5));
    }

    private static double textWidthIn(String s, Font f) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(f);
        return t.getLayoutBounds().getWidth();
    }

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        double[] z = zEPixel();
        if (Math.hypot(x - z[0], y - z[1]) > 12 * zoom) {
            return null;
        }
        float[] v = model.zE();
        return List.of(String.format(Locale.ROOT, "z_e = (%.3f, %.3f), nearest code %d, ‖z_e − e‖ = %.3f", v[0], v[1],
                model.nearest(), model.distance()));
    }
}
