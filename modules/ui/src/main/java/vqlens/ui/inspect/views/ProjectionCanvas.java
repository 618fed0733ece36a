package vqlens.ui.inspect.views;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

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
import vqlens.core.geometry.Box;
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
 * the layers {@link ProjectionLayers}; the gestures are plugins: zoom and pan the shared {@link PanZoomGesture},
 * dragging a code {@link CodeDragGesture}, and the hover's words {@link ProjectionHover}. FX thread only.
 */
final class ProjectionCanvas extends CanvasChart {

    private static final Margins MARGINS = new Margins(48, 12, 22, 36);
    private static final double CODE_RADIUS = ProjectionLayers.CODE_RADIUS;

    private ProjectionFrame frame;
    private ProjectionFrame preview;
    private Box fitted;
    private CodeUsage usage;
    private int selected = -1;
    private String emptyMessage = "No codebooks open.";

    private final ProjectionLayers layers = new ProjectionLayers();
    private final PanZoomGesture panZoom;
    private final CodeDragGesture codeDrag;
    private int cellsDrawn;

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
        codeDrag = CodeDragGesture.install(this, new CodeDragGesture.Target() {
            @Override
            public ProjectionFrame frame() {
                return frame;
            }

            @Override
            public PlotArea area() {
                return plot();
            }

            @Override
            public int codeAt(double x, double y) {
                return ProjectionCanvas.this.codeAt(x, y);
            }

            @Override
            public void pressed(int code) {
                onSelect.accept(code);
            }

            @Override
            public void dragging(int code, float[] vector) {
                preview = frame.withCode(code, vector);
                onDragging.accept(code, vector);
                markDirty();
            }

            @Override
            public void moved(int code, float[] vector) {
                onMove.accept(code, vector); // the pane applies the edit; a new frame follows, or we revert below
                if (preview != null) {
                    preview = null;
                    markDirty();
                }
            }
        });
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
            codeDrag.cancel();
            panZoom.cancel();
        }
        // a drag in progress survives new codes of the same head (a live trainer): the preview follows the next move
        int dragged = codeDrag.draggedCode();
        preview = dragged >= 0 && preview != null
                ? newFrame.withCode(dragged, preview.codebooks().code(preview.head(), dragged)) : null;
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
        int dragged = preview != null ? codeDrag.draggedCode() : -1;
        ProjectionLayers.labels(g, a, f, selected, dragged >= 0 ? frame : null, dragged, paints);
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

    // --- hover (the words: ProjectionHover) -------------------------------------------------------------

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        ProjectionFrame f = shownFrame();
        if (f == null || !plot().contains(x, y)) {
            return null;
        }
        PlotArea a = plot();
        int code = codeAt(x, y);
        if (code >= 0) {
            g.setStroke(textPaint());
            g.setLineWidth(1.5);
            g.strokeOval(a.px(f.codeX(code)) - CODE_RADIUS - 2, a.py(f.codeY(code)) - CODE_RADIUS - 2,
                    2 * CODE_RADIUS + 4, 2 * CODE_RADIUS + 4);
        }
        return ProjectionHover.lines(f, a, x, y, code, selected, usage);
    }

    /** The code whose dot is within {@link ProjectionHover#GRAB_RADIUS} of {@code (x, y)}, the nearest one; -1 for none. */
    int codeAt(double x, double y) {
        ProjectionFrame f = shownFrame();
        return f == null ? -1 : ProjectionHover.codeAt(f, plot(), x, y);
    }

    /** A tick label: {@code NumberText.tick} shows 2.5-steps above 1 without their decimal, so compact it is. */
    private static String tickLabel(double t) {
        return NumberText.compact(t, 3);
    }
}
