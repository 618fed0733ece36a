package vqlens.ui.learn;

import java.util.List;
import java.util.function.IntFunction;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import vqlens.core.geometry.Box;
import vqlens.core.geometry.Polygon;
import vqlens.ui.chart.PlotArea;
import vqlens.ui.chart.Range;
import vqlens.ui.learn.model.PlaneScene;
import vqlens.ui.plot.CanvasChart;
import vqlens.ui.plot.CodePalette;

/**
 * The plane of lessons 1 and 2: Voronoi cells tinted by code, points coloured by their code (the last batch's
 * ringed), codes as numbered discs. Hovering a point draws its line to its code and shows what
 * {@link #setPointHover} says; pressing and dragging a code or a point reports moves to the {@link Gestures}.
 * Draws a {@link PlaneScene}; computes nothing of its own.
 */
final class PlaneView extends CanvasChart {
    private static final double PAD = 10;
    /** Pixels within which a press picks a code or a point. */
    private static final double PICK = 9;

    /** What the learner does on the plane, in plane coordinates. */
    interface Gestures {
        void pressedEmpty(double x, double y, MouseEvent e);

        void codePressed(int code, MouseEvent e);

        void codeDragged(int code, double x, double y);

        void pointPressed(int point, MouseEvent e);

        void pointDragged(int point, double x, double y);
    }

    private PlaneScene scene;
    private int selected = -1;
    private double zoom = 1;
    private IntFunction<List<String>> pointHover = p -> null;
    private Gestures gestures;
    private int draggingCode = -1;
    private int draggingPoint = -1;

    PlaneView() {
        super("plane-view", null);
        setPrefSize(560, 560);
        setMinSize(240, 240);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            draggingCode = -1;
            draggingPoint = -1;
        });
    }

    void show(PlaneScene value, int selectedCode) {
        scene = value;
        selected = selectedCode;
        markDirty();
    }

    void setZoom(double value) {
        zoom = value;
        markDirty();
    }

    void setGestures(Gestures value) {
        gestures = value;
    }

    void setPointHover(IntFunction<List<String>> value) {
        pointHover = value;
    }

    // ------------------------------------------------------------------ the transform

    /** The plane's bounds fitted square into the view, with a margin: the one transform drawing and gestures use. */
    private PlotArea area() {
        Box b = scene.bounds();
        double s = Math.min((getWidth() - 2 * PAD) / b.width(), (getHeight() - 2 * PAD) / b.height());
        double w = s * b.width();
        double h = s * b.height();
        return new PlotArea((getWidth() - w) / 2, (getHeight() - h) / 2, w, h, new Range(b.minX(), b.maxX()),
                new Range(b.minY(), b.maxY()));
    }

    private double toX(double x) {
        return area().px(x);
    }

    private double toY(double y) {
        return area().py(y);
    }

    /** Plane x of pixel {@code px}. */
    double planeX(double px) {
        return area().xAt(px);
    }

    double planeY(double py) {
        return area().yAt(py);
    }

    /** Pixel position of code {@code code}, for tests and the hover. */
    double[] codePixel(int code) {
        float[] c = scene.codes();
        return new double[] {toX(c[2 * code]), toY(c[2 * code + 1])};
    }

    double[] pointPixel(int point) {
        float[] p = scene.points();
        return new double[] {toX(p[2 * point]), toY(p[2 * point + 1])};
    }

    // ------------------------------------------------------------------ drawing

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        if (scene == null) {
            return;
        }
        PlotArea area = area();
        Polygon[] cells = scene.cells();
        int[] usage = scene.usage();
        for (int c = 0; c < cells.length; c++) {
            if (cells[c].isEmpty()) {
                continue;
            }
            double[][] px = area.pixels(cells[c]);
            g.setFill(CodePalette.of(c).deriveColor(0, 1, 1, usage[c] == 0 ? 0.06 : 0.16));
            g.fillPolygon(px[0], px[1], px[0].length);
            g.setStroke(gridPaint());
            g.setLineWidth(1);
            g.strokePolygon(px[0], px[1], px[0].length);
        }
        g.setStroke(axisPaint());
        g.strokeRect(area.left(), area.top(), area.width(), area.height());
        float[] p = scene.points();
        int[] a = scene.assignment();
        boolean[] batch = scene.inBatch();
        double r = Math.max(1.6, 2.4 * zoom * Math.min(1, Math.sqrt(800.0 / Math.max(1, scene.pointCount()))));
        boolean small = r < 2.2;
        // Points by colour and brightness, each set once: the software renderer pays per state change.
        int colours = CodePalette.size();
        for (int pass = batch == null ? 1 : 0; pass < 2; pass++) {
            boolean ringed = pass == 1;
            g.setGlobalAlpha(ringed ? 0.9 : 0.35);
            for (int colour = 0; colour < colours; colour++) {
                g.setFill(CodePalette.of(colour));
                for (int i = 0; i < scene.pointCount(); i++) {
                    if (a[i] % colours == colour && (batch == null || batch[i] == ringed)) {
                        double x = area.px(p[2 * i]) - r;
                        double y = area.py(p[2 * i + 1]) - r;
                        if (small) {
                            g.fillRect(x, y, 2 * r, 2 * r); // a dot of 3 px: square and round look alike, squares cost less
                        } else {
                            g.fillOval(x, y, 2 * r, 2 * r);
                        }
                    }
                }
            }
        }
        g.setGlobalAlpha(1);
        for (int i = 0; batch != null && i < scene.pointCount(); i++) {
            double x = toX(p[2 * i]);
            double y = toY(p[2 * i + 1]);
            if (batch[i]) {
                g.setStroke(textPaint());
                g.setLineWidth(1);
                g.strokeOval(x - r - 1.5, y - r - 1.5, 2 * r + 3, 2 * r + 3);
            }
        }
        g.setGlobalAlpha(1);
        float[] c = scene.codes();
        double cr = 8 * zoom;
        g.setFont(Font.font(font().getFamily(), FontWeight.BOLD, 9 * zoom));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int k = 0; k < scene.codeCount(); k++) {
            double x = toX(c[2 * k]);
            double y = toY(c[2 * k + 1]);
            g.setFill(CodePalette.of(k));
            g.fillOval(x - cr, y - cr, 2 * cr, 2 * cr);
            g.setStroke(k == selected ? alertPaint() : Color.BLACK);
            g.setLineWidth(k == selected ? 3 : (usage[k] == 0 ? 1 : 1.5));
            if (usage[k] == 0) {
                g.setLineDashes(3, 2);
            }
            g.strokeOval(x - cr, y - cr, 2 * cr, 2 * cr);
            g.setLineDashes((double[]) null);
            g.setFill(Color.BLACK);
            g.fillText(Integer.toString(k), x, y);
        }
        g.setFont(font());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
    }

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        if (scene == null) {
            return null;
        }
        int code = codeAt(x, y);
        if (code >= 0) {
            return List.of("code " + code + ": " + scene.usage()[code] + " points"
                    + (scene.usage()[code] == 0 ? " (dead: no point chose it)" : ""));
        }
        int point = pointAt(x, y);
        if (point < 0) {
            return null;
        }
        int k = scene.assignment()[point];
        double[] from = pointPixel(point);
        double[] to = codePixel(k);
        g.setStroke(CodePalette.of(k).darker());
        g.setLineWidth(2);
        g.strokeLine(from[0], from[1], to[0], to[1]);
        return pointHover.apply(point);
    }

    int codeAt(double px, double py) {
        int best = -1;
        double bestD = (PICK + 8 * zoom) * (PICK + 8 * zoom);
        for (int k = scene.codeCount() - 1; k >= 0; k--) { // the top-most (drawn last) first
            double[] c = codePixel(k);
            double d = (c[0] - px) * (c[0] - px) + (c[1] - py) * (c[1] - py);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    int pointAt(double px, double py) {
        int best = -1;
        double bestD = PICK * PICK;
        float[] p = scene.points();
        for (int i = 0; i < scene.pointCount(); i++) {
            double dx = toX(p[2 * i]) - px;
            double dy = toY(p[2 * i + 1]) - py;
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------ gestures

    private void pressed(MouseEvent e) {
        if (scene == null || gestures == null) {
            return;
        }
        requestFocus();
        int code = codeAt(e.getX(), e.getY());
        if (code >= 0) {
            draggingCode = e.getButton() == MouseButton.PRIMARY ? code : -1;
            gestures.codePressed(code, e);
            return;
        }
        int point = pointAt(e.getX(), e.getY());
        if (point >= 0 && e.isShiftDown()) {
            draggingPoint = e.getButton() == MouseButton.PRIMARY ? point : -1;
            gestures.pointPressed(point, e);
            return;
        }
        gestures.pressedEmpty(planeX(e.getX()), planeY(e.getY()), e);
    }

    private void dragged(MouseEvent e) {
        if (gestures == null) {
            return;
        }
        double x = clampX(planeX(e.getX()));
        double y = clampY(planeY(e.getY()));
        if (draggingCode >= 0) {
            gestures.codeDragged(draggingCode, x, y);
        } else if (draggingPoint >= 0) {
            gestures.pointDragged(draggingPoint, x, y);
        }
    }

    private double clampX(double x) {
        return Math.max(scene.bounds().minX(), Math.min(scene.bounds().maxX(), x));
    }

    private double clampY(double y) {
        return Math.max(scene.bounds().minY(), Math.min(scene.bounds().maxY(), y));
    }
}
