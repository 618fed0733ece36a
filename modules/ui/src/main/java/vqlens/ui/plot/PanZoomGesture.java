package vqlens.ui.plot;

import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import vqlens.ui.chart.PlotArea;
import vqlens.ui.chart.Range;

/**
 * The wheel zooms about the mouse and a drag on empty space pans, over a chart's {@link PlotArea} (a
 * plugin in ChartFx's sense: the chart keeps its drawing, this keeps the gesture). A press and release
 * that did not move is handed back as a click. FX thread only.
 */
public final class PanZoomGesture {

    /** The mouse must move this far (px) before a press becomes a drag. */
    public static final double DRAG_THRESHOLD = 3;
    /** One wheel notch (40) zooms by about 13 %. */
    private static final double WHEEL_SCALE = 300;

    /** What the gesture works on. */
    public interface Viewport {
        /** The plot as drawn now; {@code null} while nothing is shown. */
        PlotArea area();

        /** From now on show these ranges (the user zoomed or panned). */
        void show(Range x, Range y);

        /** Whether a press at {@code (x, y)} starts a pan (no other gesture wants it). */
        boolean canPanFrom(double x, double y);

        /** A primary press and release at {@code (x, y)} inside the plot, without moving. */
        void clicked(double x, double y);
    }

    private final Viewport viewport;
    private PlotArea start;
    private double pressX;
    private double pressY;
    private boolean moved;

    private PanZoomGesture(Viewport viewport) {
        this.viewport = viewport;
    }

    /** Listens to {@code node}'s mouse from now on. */
    public static PanZoomGesture install(Region node, Viewport viewport) {
        PanZoomGesture gesture = new PanZoomGesture(viewport);
        node.addEventHandler(MouseEvent.MOUSE_PRESSED, gesture::pressed);
        node.addEventHandler(MouseEvent.MOUSE_DRAGGED, gesture::dragged);
        node.addEventHandler(MouseEvent.MOUSE_RELEASED, gesture::released);
        node.addEventHandler(ScrollEvent.SCROLL, gesture::scrolled);
        return gesture;
    }

    /** Whether a press of this gesture is under way. */
    public boolean isActive() {
        return start != null;
    }

    /** Drops a press under way (the chart's content changed under it). */
    public void cancel() {
        start = null;
    }

    private void pressed(MouseEvent e) {
        PlotArea a = viewport.area();
        if (a == null || e.getButton() != MouseButton.PRIMARY || !viewport.canPanFrom(e.getX(), e.getY())) {
            return;
        }
        start = a;
        pressX = e.getX();
        pressY = e.getY();
        moved = false;
    }

    private void dragged(MouseEvent e) {
        if (start == null || viewport.area() == null) {
            return;
        }
        if (!moved && Math.hypot(e.getX() - pressX, e.getY() - pressY) < DRAG_THRESHOLD) {
            return;
        }
        moved = true;
        PlotArea panned = start.pannedBy(e.getX() - pressX, e.getY() - pressY);
        viewport.show(panned.x(), panned.y());
    }

    private void released(MouseEvent e) {
        if (start == null) {
            return;
        }
        start = null;
        PlotArea a = viewport.area();
        if (!moved && a != null && a.contains(e.getX(), e.getY())) {
            viewport.clicked(e.getX(), e.getY());
        }
    }

    private void scrolled(ScrollEvent e) {
        PlotArea a = viewport.area();
        if (a == null || e.getDeltaY() == 0 || !a.contains(e.getX(), e.getY())) {
            return;
        }
        PlotArea zoomed = a.zoomedAt(e.getX(), e.getY(), Math.exp(-e.getDeltaY() / WHEEL_SCALE));
        viewport.show(zoomed.x(), zoomed.y());
        e.consume();
    }
}
