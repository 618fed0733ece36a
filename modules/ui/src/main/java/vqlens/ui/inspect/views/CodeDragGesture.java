package vqlens.ui.inspect.views;

import java.util.function.BiConsumer;

import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import vqlens.ui.chart.PlotArea;
import vqlens.ui.inspect.geometry.ProjectionFrame;
import vqlens.ui.plot.PanZoomGesture;

/**
 * Dragging a code of a projection (a gesture plugin beside {@link PanZoomGesture}): a primary press on a code's
 * dot selects it; moving past {@link PanZoomGesture#DRAG_THRESHOLD} drags it, the projection turning the pixel
 * offset into the code's new vector; release hands that vector on. FX thread only.
 */
final class CodeDragGesture {

    /** What the gesture works on. */
    interface Target {
        /** The frame the drag edits (not a preview); {@code null} while nothing is shown. */
        ProjectionFrame frame();

        /** The plot as drawn now. */
        PlotArea area();

        /** The code whose dot is under {@code (x, y)}, or -1. */
        int codeAt(double x, double y);

        /** A press on {@code code}'s dot. */
        void pressed(int code);

        /** While dragging: the vector {@code code} would get. */
        void dragging(int code, float[] vector);

        /** After a drag, on release: the vector {@code code} gets. */
        void moved(int code, float[] vector);
    }

    private final Target target;
    private int code = -1;
    private double pressX;
    private double pressY;
    private boolean dragging;
    private float[] origin;

    private CodeDragGesture(Target target) {
        this.target = target;
    }

    /** Listens to {@code node}'s mouse from now on. */
    static CodeDragGesture install(Region node, Target target) {
        CodeDragGesture gesture = new CodeDragGesture(target);
        node.addEventHandler(MouseEvent.MOUSE_PRESSED, gesture::pressed);
        node.addEventHandler(MouseEvent.MOUSE_DRAGGED, gesture::dragged);
        node.addEventHandler(MouseEvent.MOUSE_RELEASED, gesture::released);
        return gesture;
    }

    /** The code being dragged (past the threshold), or -1. */
    int draggedCode() {
        return dragging ? code : -1;
    }

    /** Forgets a press or drag in progress (the frame changed under it). */
    void cancel() {
        code = -1;
        dragging = false;
    }

    private void pressed(MouseEvent e) {
        ProjectionFrame frame = target.frame();
        if (frame == null || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        int hit = target.codeAt(e.getX(), e.getY());
        if (hit < 0) {
            return;
        }
        pressX = e.getX();
        pressY = e.getY();
        target.pressed(hit);
        code = hit;
        dragging = false;
        origin = frame.codebooks().code(frame.head(), hit);
    }

    private void dragged(MouseEvent e) {
        if (code < 0 || target.frame() == null) {
            return;
        }
        if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) < PanZoomGesture.DRAG_THRESHOLD) {
            return;
        }
        dragging = true;
        target.dragging(code, movedVector(e.getX(), e.getY()));
    }

    private void released(MouseEvent e) {
        if (code < 0 || target.frame() == null) {
            return;
        }
        int released = code;
        boolean moved = dragging;
        float[] vector = moved ? movedVector(e.getX(), e.getY()) : null;
        cancel();
        if (moved) {
            target.moved(released, vector);
        }
    }

    private float[] movedVector(double x, double y) {
        PlotArea a = target.area();
        double dx = (x - pressX) / a.width() * a.x().span();
        double dy = -(y - pressY) / a.height() * a.y().span();
        return target.frame().projection().move(origin, dx, dy);
    }
}
