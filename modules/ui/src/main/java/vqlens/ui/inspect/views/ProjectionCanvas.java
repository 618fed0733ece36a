package vqlens.ui.inspect.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;

import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.TextAlignment;
import vqlens.ui.chart.Margins;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.PlotArea;
import vqlens.ui.chart.Range;
import vqlens.ui.chart.Scale;
import vqlens.ui.chart.Ticks;
import vqlens.ui.inspect.CodeUsage;
import vqlens.ui.inspect.geometry.Box;
import vqlens.ui.inspect.geometry.HeadProjection;
import vqlens.ui.inspect.geometry.PrincipalComponents;
import vqlens.ui.inspect.geometry.ProjectionFrame;
import vqlens.ui.plot.Axes;
import vqlens.ui.plot.CanvasChart;
import vqlens.ui.plot.PanZoomGesture;

/**
 * The drawing of {@link ProjectionPane}: cells, data points and codes of one {@link ProjectionFrame} on a
 * Canvas with equal scales on both axes (so bisectors look perpendicular), and the mouse: hover, click to
 * select, drag a code, drag empty space to pan, the wheel to zoom, double-click empty space to fit again.
 * Everything goes through one {@link PlotArea} (the charts' viewport transform); the grid is drawn by {@link Axes},
 * the layers {@link ProjectionLayers}, and zoom and pan are the shared {@link PanZoomGesture}. FX thread only.
 */
final class ProjectionCanvas extends CanvasChart {

    private static final Margins MARGINS = new Margins(48, 12, 22, 36);
    /** A press within this many pixels of a code's dot grabs the code. */
    static final double GRAB_RADIUS = 10;
    /** Hovering within this many pixels of a data row's dot describes the row. */
    private static final double ROW_RADIUS = 5;
    private static final double CODE_RADIUS = ProjectionLayers.CODE_RADIUS;

    private ProjectionFrame frame;
    private ProjectionFrame preview;
    private Box fitted;
    private CodeUsage usage;
    private int selected = -1;
    private String emptyMessage = "No codebooks open.";

    private final ProjectionLayers layers = new ProjectionLayers();
    private final PanZoomGesture panZoom;
    private int cellsDrawn;

    private int pressedCode = -1;
    private double pressX;
    private double pressY;
    private boolean dragging;
    private float[] dragOrigin;
    /** The user zoomed or panned: frames of the same head keep the view (live training must not reset it). */
    private boolean userZoomed;

    private IntConsumer onSelect = c -> { };
    private BiConsumer<Integer, float[]> onMove = (c, v) -> { };
    private BiConsumer<Integer, float[]> onDragging = (c, v) -> { };

    ProjectionCanvas() {
        getStyleClass().add("projection-canvas");
        setPrefSize(520, 440);
        panZoom = PanZoomGesture.install(this, new PanZoomGesture.Viewport() {
            @Override
            public PlotArea area() {
                return frame == null ? null : plot();
            }

            @Override
            public void show(Range x, Range y) {
                fitted = new Box(x.min(), y.min(), x.max(), y.max());
                userZoomed = true;
                markDirty();
            }

            @Override
            public boolean canPanFrom(double x, double y) {
                return codeAt(x, y) < 0; // empty space: a drag pans, a click selects the cell's code
            }

            @Override
            public void clicked(double x, double y) {
                if (frame.projection().exact()) {
                    PlotArea a = plot();
                    onSelect.accept(frame.nearestCodeInView(a.xAt(x), a.yAt(y)));
                }
            }
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getClickCount() == 2 && e.getButton() == MouseButton.PRIMARY && codeAt(e.getX(), e.getY()) < 0) {
                resetView();
            }
        });
    }

    void setOnSelect(IntConsumer action) {
        onSelect = action;
    }

    /** Called on release after a drag with the code and its new vector. */
    void setOnMove(BiConsumer<Integer, float[]> action) {
        onMove = action;
    }

    /** Called while dragging with the code and the vector it would get. */
    void setOnDragging(BiConsumer<Integer, float[]> action) {
        onDragging = action;
    }

    /** Shows {@code newFrame}; {@code keepView} keeps the current zoom (after a drag) instead of fitting the new one. */
    void setFrame(ProjectionFrame newFrame, boolean keepView) {
        boolean sameSpace = frame != null && newFrame != null && frame.head() == newFrame.head()
                && frame.projection().kind() == newFrame.projection().kind()
                && frame.codebooks().config().equals(newFrame.codebooks().config());
        frame = newFrame;
        if (!sameSpace) {
            dragging = false;
            panZoom.cancel();
            pressedCode = -1;
        }
        // a drag in progress survives new codes of the same head (a live trainer): the preview follows the next move
        preview = dragging && pressedCode >= 0 && preview != null ? newFrame.withCode(pressedCode, preview.codebooks()
                .code(preview.head(), pressedCode)) : null;
        if (newFrame != null && (fitted == null || !sameSpace || !(keepView || userZoomed))) {
            fitted = newFrame.bounds();
            userZoomed = false;
        }
        markDirty();
    }

    /** Fits the view to the codes and data again (after zooming or panning). */
    void resetView() {
        if (frame != null) {
            fitted = frame.bounds();
            userZoomed = false;
            markDirty();
        }
    }

    boolean isZoomed() {
        return userZoomed;
    }

    void setEmptyMessage(String message) {
        emptyMessage = message;
        markDirty();
    }

    void setUsage(CodeUsage newUsage) {
        usage = newUsage;
        markDirty();
    }

    void setSelected(int code) {
        if (selected != code) {
            selected = code;
            markDirty();
        }
    }

    ProjectionFrame shownFrame() {
        return preview != null ? preview : frame;
    }

    /** Non-empty cells in the last drawing (0 for a PCA view), for tests. */
    int cellsDrawn() {
        return cellsDrawn;
    }

    /** Where code {@code code} is drawn, in this node's coordinates. */
    Point2D codePosition(int code) {
        ProjectionFrame f = shownFrame();
        PlotArea a = plot();
        return new Point2D(a.px(f.codeX(code)), a.py(f.codeY(code)));
    }

    @Override
    protected boolean dataChanged() {
        return false; // every input change calls markDirty()
    }

    // --- the viewport ----------------------------------------------------------------------------------

    /** The plot: the fitted (or zoomed) box widened to the plot's aspect, so both axes have one scale. */
    private PlotArea plot() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        double pw = Math.max(1, w - MARGINS.left() - MARGINS.right());
        double ph = Math.max(1, h - MARGINS.top() - MARGINS.bottom());
        Box v = fitted.withAspect(pw / ph);
        return new PlotArea(MARGINS.left(), MARGINS.top(), pw, ph, new Range(v.minX(), v.maxX()), new Range(v.minY(), v.maxY()));
    }

    // --- drawing ---------------------------------------------------------------------------------------

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        ProjectionFrame f = shownFrame();
        cellsDrawn = 0;
        if (f == null) {
            g.setFill(mutedTextPaint());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyMessage, w / 2, h / 2);
            return;
        }
        PlotArea a = plot();
        drawGrid(g, a, f.projection());
        ProjectionLayers.Paints paints = new ProjectionLayers.Paints(backgroundPaint(), textPaint(), mutedTextPaint());
        g.save();
        g.beginPath();
        g.rect(a.left(), a.top(), a.width(), a.height());
        g.clip();
        if (f.projection().exact()) {
            cellsDrawn = layers.cells(g, a, f, selected);
        }
        ProjectionLayers.rows(g, a, f);
        ProjectionLayers.codes(g, a, f, usage, paints);
        boolean traced = preview != null && dragging && pressedCode >= 0;
        ProjectionLayers.labels(g, a, f, selected, traced ? frame : null, traced ? pressedCode : -1, paints);
        g.restore();
        g.setStroke(axisPaint());
        g.setLineWidth(1);
        g.strokeRect(Math.round(a.left()) + 0.5, Math.round(a.top()) + 0.5, Math.round(a.width()) - 1,
                Math.round(a.height()) - 1);
    }

    private void drawGrid(GraphicsContext g, PlotArea a, HeadProjection p) {
        g.setFont(font());
        int xTarget = Math.max(3, (int) (a.width() / 70));
        int yTarget = Math.max(3, (int) (a.height() / 50));
        Axes.xAxis(g, a, Ticks.of(a.x(), Scale.LINEAR, xTarget), gridPaint(), mutedTextPaint(), ProjectionCanvas::tickLabel);
        if (p.kind() != HeadProjection.Kind.LINE) {
            Axes.yAxis(g, a, Ticks.of(a.y(), Scale.LINEAR, yTarget), gridPaint(), mutedTextPaint(), ProjectionCanvas::tickLabel);
        }
        String[] titles = axisTitles(p);
        g.setFill(textPaint());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(titles[0], a.right(), a.bottom() + MARGINS.bottom() - 2);
        if (!titles[1].isEmpty()) {
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(titles[1], a.left(), a.top() - 4);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
    }

    static String[] axisTitles(HeadProjection p) {
        return switch (p.kind()) {
            case LINE -> new String[] {"dim 0 (a 1-D head: y is unused)", ""};
            case PLANE -> new String[] {"dim 0 →", "↑ dim 1"};
            case PCA -> {
                PrincipalComponents pc = p.components().orElseThrow();
                yield new String[] {"PC1 (" + percent(pc.firstShare()) + " of the variance) →",
                        "↑ PC2 (" + percent(pc.secondShare()) + ")"};
            }
        };
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    // --- hover -----------------------------------------------------------------------------------------

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        ProjectionFrame f = shownFrame();
        if (f == null) {
            return null;
        }
        PlotArea a = plot();
        if (!a.contains(x, y)) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        int code = codeAt(x, y);
        if (code >= 0) {
            lines.add("code " + code + (code == selected ? " (selected)" : ""));
            lines.add(coordinates(f, f.codeX(code), f.codeY(code)));
            if (usage != null && f.head() < usage.heads()) {
                lines.add("usage " + NumberText.compact(usage.count(f.head(), code), 4));
            }
            lines.add(f.projection().kind() == HeadProjection.Kind.PCA ? "drag: move along PC1 and PC2" : "drag: move it");
            g.setStroke(textPaint());
            g.setLineWidth(1.5);
            g.strokeOval(a.px(f.codeX(code)) - CODE_RADIUS - 2, a.py(f.codeY(code)) - CODE_RADIUS - 2,
                    2 * CODE_RADIUS + 4, 2 * CODE_RADIUS + 4);
            return lines;
        }
        int row = nearestWithin(a, f.rowsShown(), f::rowX, f::rowY, x, y, ROW_RADIUS);
        if (row >= 0) {
            lines.add("row " + NumberText.grouped(f.rowIndex(row)));
            lines.add("nearest code " + f.rowCode(row)
                    + (f.projection().exact() ? "" : " (in " + f.codebooks().config().headDim() + " dims)"));
            lines.add(coordinates(f, f.rowX(row), f.rowY(row)));
            return lines;
        }
        if (f.projection().exact()) {
            int cell = f.nearestCodeInView(a.xAt(x), a.yAt(y));
            lines.add("cell of code " + cell);
            lines.add(coordinates(f, a.xAt(x), a.yAt(y)));
            return lines;
        }
        return null;
    }

    private static String coordinates(ProjectionFrame f, double x, double y) {
        String xs = NumberText.compact(x, 3);
        String ys = NumberText.compact(y, 3);
        return switch (f.projection().kind()) {
            case LINE -> "x = " + xs;
            case PLANE -> "(" + xs + ", " + ys + ")";
            case PCA -> "PC1 " + xs + ", PC2 " + ys;
        };
    }

    /** The code whose dot is within {@link #GRAB_RADIUS} of {@code (x, y)}, the nearest one; -1 for none. */
    int codeAt(double x, double y) {
        ProjectionFrame f = shownFrame();
        if (f == null) {
            return -1;
        }
        return nearestWithin(plot(), f.codes(), f::codeX, f::codeY, x, y, GRAB_RADIUS);
    }

    /** The point of {@code count} nearest to the pixel (x, y) within {@code radius} pixels, or -1. */
    private static int nearestWithin(PlotArea a, int count, IntToDoubleFunction xs, IntToDoubleFunction ys,
                              double x, double y, double radius) {
        int best = -1;
        double bestD = radius * radius;
        for (int i = 0; i < count; i++) {
            double dx = a.px(xs.applyAsDouble(i)) - x;
            double dy = a.py(ys.applyAsDouble(i)) - y;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    // --- dragging a code (zoom and pan: PanZoomGesture) ---------------------------------------------------

    private void pressed(MouseEvent e) {
        if (frame == null || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        int code = codeAt(e.getX(), e.getY());
        if (code < 0) {
            return;
        }
        pressX = e.getX();
        pressY = e.getY();
        onSelect.accept(code);
        pressedCode = code;
        dragging = false;
        dragOrigin = frame.codebooks().code(frame.head(), code);
    }

    private void dragged(MouseEvent e) {
        if (pressedCode < 0 || frame == null) {
            return;
        }
        if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) < PanZoomGesture.DRAG_THRESHOLD) {
            return;
        }
        dragging = true;
        float[] moved = movedVector(e.getX(), e.getY());
        preview = frame.withCode(pressedCode, moved);
        onDragging.accept(pressedCode, moved);
        markDirty();
    }

    private void released(MouseEvent e) {
        if (pressedCode < 0 || frame == null) {
            return;
        }
        int code = pressedCode;
        boolean moved = dragging;
        float[] vector = moved ? movedVector(e.getX(), e.getY()) : null;
        pressedCode = -1;
        dragging = false;
        if (moved) {
            onMove.accept(code, vector); // the pane applies the edit; a new frame follows, or we revert below
            if (preview != null) {
                preview = null;
                markDirty();
            }
        }
    }

    private float[] movedVector(double x, double y) {
        PlotArea a = plot();
        double dx = (x - pressX) / a.width() * a.x().span();
        double dy = -(y - pressY) / a.height() * a.y().span();
        return frame.projection().move(dragOrigin, dx, dy);
    }

    /** A tick label: {@code NumberText.tick} shows 2.5-steps above 1 without their decimal, so compact it is. */
    private static String tickLabel(double t) {
        return NumberText.compact(t, 3);
    }
}
