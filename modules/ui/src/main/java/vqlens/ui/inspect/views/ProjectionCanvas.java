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
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.Range;
import vqlens.ui.chart.Scale;
import vqlens.ui.chart.Ticks;
import vqlens.ui.plot.CanvasChart;
import vqlens.ui.inspect.CodeUsage;
import vqlens.ui.inspect.geometry.Box;
import vqlens.ui.inspect.geometry.HeadProjection;
import vqlens.ui.inspect.geometry.Polygon;
import vqlens.ui.inspect.geometry.PrincipalComponents;
import vqlens.ui.inspect.geometry.ProjectionFrame;

/**
 * The drawing of {@link ProjectionPane}: cells, data points and codes of one {@link ProjectionFrame} on a
 * Canvas with equal scales on both axes (so bisectors look perpendicular), and the mouse: hover, click to
 * select, drag a code, drag empty space to pan, the wheel to zoom, double-click empty space to fit again.
 * FX thread only.
 */
final class ProjectionCanvas extends CanvasChart {

    private static final double LEFT = 48;
    private static final double RIGHT = 12;
    private static final double TOP = 22;
    private static final double BOTTOM = 36;
    /** A press within this many pixels of a code's dot grabs the code. */
    static final double GRAB_RADIUS = 10;
    /** The mouse must move this far (px) before a press becomes a drag. */
    private static final double DRAG_THRESHOLD = 3;
    private static final double CODE_RADIUS = 6;
    /** Codes are labelled with their index up to this many codes; beyond, only the selected and hovered one. */
    private static final int LABEL_ALL_UP_TO = 64;

    private ProjectionFrame frame;
    private ProjectionFrame preview;
    private Box fitted;
    private CodeUsage usage;
    private int selected = -1;
    private String emptyMessage = "No codebooks open.";

    private Box cellsBox;
    private ProjectionFrame cellsFrame;
    private Polygon[] cells;
    private int cellsDrawn;

    private int pressedCode = -1;
    private double pressX;
    private double pressY;
    private boolean dragging;
    private float[] dragOrigin;
    private boolean panning;
    private boolean panMoved;
    private Box panStart;
    /** The user zoomed or panned: frames of the same head keep the view (live training must not reset it). */
    private boolean userZoomed;

    private IntConsumer onSelect = c -> { };
    private BiConsumer<Integer, float[]> onMove = (c, v) -> { };
    private BiConsumer<Integer, float[]> onDragging = (c, v) -> { };

    ProjectionCanvas() {
        getStyleClass().add("projection-canvas");
        setPrefSize(520, 440);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
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
            panning = false;
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
        Box v = view();
        return new Point2D(px(v, f.codeX(code)), py(v, f.codeY(code)));
    }

    @Override
    protected boolean dataChanged() {
        return false; // every input change calls markDirty()
    }

    // --- geometry of the plot area ------------------------------------------------------------------

    private double plotWidth() {
        return Math.max(1, Math.floor(getWidth()) - LEFT - RIGHT);
    }

    private double plotHeight() {
        return Math.max(1, Math.floor(getHeight()) - TOP - BOTTOM);
    }

    private Box view() {
        return fitted.withAspect(plotWidth() / plotHeight());
    }

    private double px(Box v, double x) {
        return LEFT + (x - v.minX()) / v.width() * plotWidth();
    }

    private double py(Box v, double y) {
        return TOP + (v.maxY() - y) / v.height() * plotHeight();
    }

    private double xAt(Box v, double px) {
        return v.minX() + (px - LEFT) / plotWidth() * v.width();
    }

    private double yAt(Box v, double py) {
        return v.maxY() - (py - TOP) / plotHeight() * v.height();
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
        Box v = view();
        double pw = plotWidth();
        double ph = plotHeight();
        drawGrid(g, v, f.projection());
        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, pw, ph);
        g.clip();
        if (f.projection().exact()) {
            drawCells(g, f, v);
        }
        drawRows(g, f, v);
        drawCodes(g, f, v);
        g.restore();
        g.setStroke(axisPaint());
        g.setLineWidth(1);
        g.strokeRect(Math.round(LEFT) + 0.5, Math.round(TOP) + 0.5, Math.round(pw) - 1, Math.round(ph) - 1);
    }

    private void drawGrid(GraphicsContext g, Box v, HeadProjection p) {
        double pw = plotWidth();
        double ph = plotHeight();
        g.setLineWidth(1);
        g.setFont(font());
        int xTarget = Math.max(3, (int) (pw / 70));
        int yTarget = Math.max(3, (int) (ph / 50));
        Range xr = new Range(v.minX(), v.maxX());
        Range yr = new Range(v.minY(), v.maxY());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t : Ticks.of(xr, Scale.LINEAR, xTarget)) {
            double x = Math.round(px(v, t)) + 0.5;
            g.setStroke(gridPaint());
            g.strokeLine(x, TOP, x, TOP + ph);
            g.setFill(mutedTextPaint());
            g.fillText(tickLabel(t), x, TOP + ph + 4);
        }
        if (p.kind() != HeadProjection.Kind.LINE) {
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            for (double t : Ticks.of(yr, Scale.LINEAR, yTarget)) {
                double y = Math.round(py(v, t)) + 0.5;
                g.setStroke(gridPaint());
                g.strokeLine(LEFT, y, LEFT + pw, y);
                g.setFill(mutedTextPaint());
                g.fillText(tickLabel(t), LEFT - 6, y);
            }
        }
        String[] titles = axisTitles(p);
        g.setFill(textPaint());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(titles[0], LEFT + pw, TOP + ph + BOTTOM - 2);
        if (!titles[1].isEmpty()) {
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(titles[1], LEFT, TOP - 4);
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

    private void drawCells(GraphicsContext g, ProjectionFrame f, Box v) {
        // cells are clipped to what is visible, a little beyond so borders do not show at the edge
        Box clip = new Box(v.minX() - v.width() * 0.01, v.minY() - v.height() * 0.01,
                v.maxX() + v.width() * 0.01, v.maxY() + v.height() * 0.01);
        if (cells == null || cellsFrame != f || !clip.equals(cellsBox)) {
            cells = f.cells(clip);
            cellsFrame = f;
            cellsBox = clip;
        }
        int drawn = 0;
        for (int c = 0; c < cells.length; c++) {
            Polygon cell = cells[c];
            if (cell.isEmpty()) {
                continue;
            }
            double[] xs = new double[cell.size()];
            double[] ys = new double[cell.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = px(v, cell.xs()[i]);
                ys[i] = py(v, cell.ys()[i]);
            }
            Color colour = CodePalette.of(c);
            g.setFill(colour.deriveColor(0, 1, 1, c == selected ? 0.34 : 0.17));
            g.fillPolygon(xs, ys, xs.length);
            g.setStroke(colour.deriveColor(0, 1, 0.8, 0.85));
            g.setLineWidth(1);
            g.strokePolygon(xs, ys, xs.length);
            drawn++;
        }
        cellsDrawn = drawn;
    }

    private void drawRows(GraphicsContext g, ProjectionFrame f, Box v) {
        double r = f.rowsShown() > 2000 ? 1.6 : 2.3;
        for (int i = 0; i < f.rowsShown(); i++) {
            g.setFill(CodePalette.of(f.rowCode(i)).deriveColor(0, 1, 1, 0.75));
            g.fillOval(px(v, f.rowX(i)) - r, py(v, f.rowY(i)) - r, 2 * r, 2 * r);
        }
    }

    private void drawCodes(GraphicsContext g, ProjectionFrame f, Box v) {
        boolean labelAll = f.codes() <= LABEL_ALL_UP_TO;
        // unused codes (hollow) last, so that a used code drawn at the same place cannot hide them
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < f.codes(); c++) {
                boolean unused = usage != null && c < usage.codes() && f.head() < usage.heads() && usage.count(f.head(), c) == 0;
                if (unused == (pass == 1)) {
                    drawCode(g, px(v, f.codeX(c)), py(v, f.codeY(c)), c, unused);
                }
            }
        }
        drawCodeLabels(g, f, v, labelAll);
    }

    /** A used code is a filled dot with an outline in the text colour; an unused one a ring in its colour. */
    private void drawCode(GraphicsContext g, double x, double y, int c, boolean unused) {
        Color colour = CodePalette.of(c);
        g.setFill(unused ? backgroundPaint() : colour);
        g.fillOval(x - CODE_RADIUS, y - CODE_RADIUS, 2 * CODE_RADIUS, 2 * CODE_RADIUS);
        g.setStroke(unused ? colour : textPaint());
        g.setLineWidth(unused ? 2 : 1.2);
        g.strokeOval(x - CODE_RADIUS, y - CODE_RADIUS, 2 * CODE_RADIUS, 2 * CODE_RADIUS);
    }

    /** Index labels, the selection ring and, while dragging, where the code was. */
    private void drawCodeLabels(GraphicsContext g, ProjectionFrame f, Box v, boolean labelAll) {
        for (int c = 0; c < f.codes(); c++) {
            if (labelAll || c == selected) {
                label(g, String.valueOf(c), px(v, f.codeX(c)) + CODE_RADIUS + 2, py(v, f.codeY(c)) - CODE_RADIUS - 1);
            }
        }
        if (selected >= 0 && selected < f.codes()) {
            double x = px(v, f.codeX(selected));
            double y = py(v, f.codeY(selected));
            g.setStroke(textPaint());
            g.setLineWidth(2.5);
            g.strokeOval(x - CODE_RADIUS - 4, y - CODE_RADIUS - 4, 2 * CODE_RADIUS + 8, 2 * CODE_RADIUS + 8);
        }
        if (preview != null && dragging && pressedCode >= 0) {
            // where the code was before the drag
            double x0 = px(v, frame.codeX(pressedCode));
            double y0 = py(v, frame.codeY(pressedCode));
            g.setStroke(mutedTextPaint());
            g.setLineWidth(1);
            g.setLineDashes(4, 3);
            g.strokeOval(x0 - CODE_RADIUS, y0 - CODE_RADIUS, 2 * CODE_RADIUS, 2 * CODE_RADIUS);
            g.strokeLine(x0, y0, px(v, preview.codeX(pressedCode)), py(v, preview.codeY(pressedCode)));
            g.setLineDashes((double[]) null);
        }
    }

    /** Text with a halo of the background colour, readable over cells and points. */
    private void label(GraphicsContext g, String text, double x, double y) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
        g.setLineWidth(3);
        g.setStroke(backgroundPaint());
        g.strokeText(text, x, y);
        g.setFill(textPaint());
        g.fillText(text, x, y);
    }

    // --- hover -----------------------------------------------------------------------------------------

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        ProjectionFrame f = shownFrame();
        if (f == null || x < LEFT || y < TOP || x > LEFT + plotWidth() || y > TOP + plotHeight()) {
            return null;
        }
        Box v = view();
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
            g.strokeOval(px(v, f.codeX(code)) - CODE_RADIUS - 2, py(v, f.codeY(code)) - CODE_RADIUS - 2,
                    2 * CODE_RADIUS + 4, 2 * CODE_RADIUS + 4);
            return lines;
        }
        int row = rowAt(f, v, x, y);
        if (row >= 0) {
            lines.add("row " + NumberText.grouped(f.rowIndex(row)));
            lines.add("nearest code " + f.rowCode(row)
                    + (f.projection().exact() ? "" : " (in " + f.codebooks().config().headDim() + " dims)"));
            lines.add(coordinates(f, f.rowX(row), f.rowY(row)));
            return lines;
        }
        if (f.projection().exact()) {
            int cell = f.nearestCodeInView(xAt(v, x), yAt(v, y));
            lines.add("cell of code " + cell);
            lines.add(coordinates(f, xAt(v, x), yAt(v, y)));
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
        return nearestWithin(view(), f.codes(), f::codeX, f::codeY, x, y, GRAB_RADIUS);
    }

    private int rowAt(ProjectionFrame f, Box v, double x, double y) {
        return nearestWithin(v, f.rowsShown(), f::rowX, f::rowY, x, y, 5);
    }

    /** The point of {@code count} nearest to the pixel (x, y) within {@code radius} pixels, or -1. */
    private int nearestWithin(Box v, int count, IntToDoubleFunction xs, IntToDoubleFunction ys,
                              double x, double y, double radius) {
        int best = -1;
        double bestD = radius * radius;
        for (int i = 0; i < count; i++) {
            double dx = px(v, xs.applyAsDouble(i)) - x;
            double dy = py(v, ys.applyAsDouble(i)) - y;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    // --- mouse -----------------------------------------------------------------------------------------

    private void pressed(MouseEvent e) {
        if (frame == null || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        int code = codeAt(e.getX(), e.getY());
        pressX = e.getX();
        pressY = e.getY();
        if (code < 0) {
            // empty space: a drag pans, a click (on release) selects the cell's code
            panning = true;
            panMoved = false;
            panStart = view();
            return;
        }
        onSelect.accept(code);
        pressedCode = code;
        dragging = false;
        dragOrigin = frame.codebooks().code(frame.head(), code);
    }

    private boolean insidePlot(double x, double y) {
        return x >= LEFT && y >= TOP && x <= LEFT + plotWidth() && y <= TOP + plotHeight();
    }

    private void scrolled(ScrollEvent e) {
        if (frame == null || e.getDeltaY() == 0 || !insidePlot(e.getX(), e.getY())) {
            return;
        }
        Box v = view();
        double factor = Math.exp(-e.getDeltaY() / 300); // one wheel notch (40) zooms by about 13 %
        double cx = xAt(v, e.getX());
        double cy = yAt(v, e.getY());
        fitted = new Box(cx - (cx - v.minX()) * factor, cy - (cy - v.minY()) * factor,
                cx + (v.maxX() - cx) * factor, cy + (v.maxY() - cy) * factor);
        userZoomed = true;
        markDirty();
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (panning && frame != null) {
            if (!panMoved && Math.hypot(e.getX() - pressX, e.getY() - pressY) < DRAG_THRESHOLD) {
                return;
            }
            panMoved = true;
            double dx = (e.getX() - pressX) / plotWidth() * panStart.width();
            double dy = -(e.getY() - pressY) / plotHeight() * panStart.height();
            fitted = new Box(panStart.minX() - dx, panStart.minY() - dy, panStart.maxX() - dx, panStart.maxY() - dy);
            userZoomed = true;
            markDirty();
            return;
        }
        if (pressedCode < 0 || frame == null) {
            return;
        }
        if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) < DRAG_THRESHOLD) {
            return;
        }
        dragging = true;
        float[] moved = movedVector(e.getX(), e.getY());
        preview = frame.withCode(pressedCode, moved);
        onDragging.accept(pressedCode, moved);
        markDirty();
    }

    private void released(MouseEvent e) {
        if (panning) {
            panning = false;
            if (!panMoved && frame != null && frame.projection().exact() && insidePlot(e.getX(), e.getY())) {
                Box v = view();
                onSelect.accept(frame.nearestCodeInView(xAt(v, e.getX()), yAt(v, e.getY()))); // the cell's code
            }
            return;
        }
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
        Box v = view();
        double dx = (x - pressX) / plotWidth() * v.width();
        double dy = -(y - pressY) / plotHeight() * v.height();
        return frame.projection().move(dragOrigin, dx, dy);
    }

    /** A tick label: {@code NumberText.tick} shows 2.5-steps above 1 without their decimal, so compact it is. */
    private static String tickLabel(double t) {
        return NumberText.compact(t, 3);
    }
}
