package vqlens.ui.inspect.views;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.core.Codebooks;
import vqlens.ui.inspect.InspectorViewModel;
import vqlens.ui.inspect.geometry.PrincipalComponents;

/** The 2-D view alone in a headless window: cells or the PCA label, clicking, dragging with undo. */
@ExtendWith(ApplicationExtension.class)
class ProjectionPaneTest {

    /**
     * The glass robot puts the mouse on whole pixels: the press and the release each land within a pixel of
     * the point asked for, so a moved code lands within this of the target.
     */
    private static final double PIXEL_SLACK = 2.5;

    private final InspectorViewModel vm = new InspectorViewModel();
    private ProjectionPane pane;

    private void open(FxRobot robot, Runnable fill) {
        robot.interact(() -> {
            fill.run();
            pane = new ProjectionPane(vm);
        });
        ViewsFixture.showAlone(robot, pane, 640, 560);
    }

    private Point2D screen(FxRobot robot, int code) {
        Point2D[] out = new Point2D[1];
        robot.interact(() -> out[0] = pane.canvas().localToScreen(pane.canvas().codePosition(code)));
        return out[0];
    }

    private String modeText(FxRobot robot) {
        return robot.lookup("#projectionMode").queryAs(Label.class).getText();
    }

    @Test
    void drawsEveryCellOfATwoDimensionalHeadAndOnlyTheLabelForAWiderOne(FxRobot robot) {
        open(robot, () -> ViewsFixture.teaching(vm));
        assertEquals(16, pane.canvas().cellsDrawn(), "all 16 codes of the teaching codebook have a visible cell");
        assertFalse(modeText(robot).contains("PCA"));
        assertTrue(pane.canvas().shownFrame().projection().exact());

        robot.interact(() -> ViewsFixture.mixture(vm));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("PCA projection — cells not drawn (projected cells would lie)", modeText(robot));
        assertEquals(0, pane.canvas().cellsDrawn(), "no cells in a projection");
        PrincipalComponents pc = pane.canvas().shownFrame().projection().components().orElseThrow();
        assertTrue(pc.firstShare() > 0 && pc.firstShare() + pc.secondShare() <= 1 + 1e-12);
        assertEquals(2000, pane.canvas().shownFrame().rowsShown());
    }

    @Test
    void clickingACodeOrItsCellSelectsIt(FxRobot robot) {
        open(robot, () -> ViewsFixture.teaching(vm));
        robot.clickOn(screen(robot, 5), MouseButton.PRIMARY);
        assertEquals(5, vm.selectedCodeProperty().get());
        // 25 px right of code 9 is still inside its cell (the grid spacing is far wider on screen)
        robot.clickOn(screen(robot, 9).add(25, 0), MouseButton.PRIMARY);
        assertEquals(9, vm.selectedCodeProperty().get());
        assertFalse(vm.canUndoProperty().get(), "clicks edit nothing");
    }

    @Test
    void draggingACodeAppliesExactlyOneUndoableEdit(FxRobot robot) {
        open(robot, () -> ViewsFixture.teaching(vm));
        Codebooks before = vm.getCodebooks();
        Point2D from = screen(robot, 6);
        robot.drag(from, MouseButton.PRIMARY).moveBy(20, -10).moveBy(20, -20).drop();
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(6, vm.selectedCodeProperty().get(), "the dragged code is selected");
        assertTrue(vm.canUndoProperty().get(), "the drag is an edit");
        Codebooks after = vm.getCodebooks();
        for (int c = 0; c < 16; c++) {
            if (c != 6) {
                assertArrayEquals(before.code(0, c), after.code(0, c), "code " + c + " did not move");
            }
        }
        assertNotEquals(before.code(0, 6)[0], after.code(0, 6)[0]);
        Point2D to = screen(robot, 6);
        // the robot may fall short of the asked path; where the mouse really is counts
        Point2D mouse = robot.robotContext().getBaseRobot().retrieveMouse();
        assertEquals(mouse.getX(), to.getX(), PIXEL_SLACK, "the code lands under the mouse");
        assertEquals(mouse.getY(), to.getY(), PIXEL_SLACK);
        assertTrue(to.distance(from) > 20, "moved about 50 px");
        // exactly one edit: one undo restores the codebooks and leaves nothing to undo
        robot.interact(() -> assertTrue(vm.undo()));
        assertEquals(before, vm.getCodebooks());
        assertFalse(vm.canUndoProperty().get());
        robot.interact(() -> assertTrue(vm.redo()));
        assertEquals(after, vm.getCodebooks());
    }

    @Test
    void draggingInPcaMovesTheCodeAlongTheTwoComponentsOnly(FxRobot robot) {
        open(robot, () -> ViewsFixture.mixture(vm));
        Codebooks before = vm.getCodebooks();
        PrincipalComponents pc = pane.canvas().shownFrame().projection().components().orElseThrow();
        Point2D from = screen(robot, 3);
        robot.drag(from, MouseButton.PRIMARY).moveBy(30, 25).drop();
        WaitForAsyncUtils.waitForFxEvents();

        float[] old = before.code(0, 3);
        float[] now = vm.getCodebooks().code(0, 3);
        double[] delta = new double[old.length];
        double all = 0;
        for (int i = 0; i < old.length; i++) {
            delta[i] = now[i] - (double) old[i];
            all += delta[i] * delta[i];
        }
        double a = dot(delta, pc.first());
        double b = dot(delta, pc.second());
        assertTrue(all > 0, "the code moved");
        // float storage of the moved code: the part outside the two components is rounding only
        assertEquals(all, a * a + b * b, 1e-5 * Math.max(1, all), "no part of the move leaves the PC1/PC2 plane");
        assertTrue(a > 0 && b < 0, "right is +PC1 and down is −PC2");
        robot.interact(() -> assertTrue(vm.undo()));
        assertEquals(before, vm.getCodebooks());
        assertFalse(vm.canUndoProperty().get());
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    @Test
    void theWheelZoomsAndTheZoomSurvivesNewCodesOfTheSameHead(FxRobot robot) {
        open(robot, () -> ViewsFixture.teaching(vm));
        Point2D five = screen(robot, 5);
        Point2D six = screen(robot, 6);
        robot.interact(() -> {
            // the event's x, y are scene coordinates until it is delivered
            Point2D scene = pane.canvas().localToScene(pane.canvas().screenToLocal(five));
            javafx.event.Event.fireEvent(pane.canvas(), new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL,
                    scene.getX(), scene.getY(), five.getX(), five.getY(), false, false, false, false, false, false,
                    0, 120, 0, 120, javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                    javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane.canvas().isZoomed());
        Point2D fiveZoomed = screen(robot, 5);
        assertEquals(five.getX(), fiveZoomed.getX(), PIXEL_SLACK, "the point under the mouse stays");
        assertEquals(five.getY(), fiveZoomed.getY(), PIXEL_SLACK);
        double spread = screen(robot, 6).distance(fiveZoomed);
        assertTrue(spread > six.distance(five) * 1.2, "zoomed in: codes drawn farther apart");

        // new codes of the same head (as from a live trainer) keep the zoom
        robot.interact(() -> vm.apply(vqlens.core.edit.CodebookEdits.setCode(vm.getCodebooks(), 0, 0, new float[] {-4f, -4f})));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane.canvas().isZoomed());
        assertEquals(spread, screen(robot, 6).distance(screen(robot, 5)), PIXEL_SLACK);

        robot.doubleClickOn(screen(robot, 5).add(30, 30), MouseButton.PRIMARY);
        assertFalse(pane.canvas().isZoomed(), "a double-click on empty space fits again");
    }

    @Test
    void aHeavyProjectionRunsInTheBackgroundAndOnlyTheNewestIsShown(FxRobot robot) {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        vqlens.core.QuantizerConfig config = new vqlens.core.QuantizerConfig(4, 384, 256);
        float[] values = new float[config.codebookValues()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        float[] rows = new float[5000 * 384];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian();
        }
        robot.interact(() -> {
            vm.show(Codebooks.of(config, values, true), null);
            vm.setData(new vqlens.ui.inspect.DataSample(rows, 5000, 384, "5,000 normal rows"));
            pane = new ProjectionPane(vm, queued::add);
        });
        ViewsFixture.showAlone(robot, pane, 640, 560);
        assertTrue(pane.isProjecting(), "5,000 rows x 256 codes x 96 dims is too much for the FX thread");
        robot.interact(() -> vm.selectedHeadProperty().set(2));
        assertEquals(2, queued.size());

        queued.get(0).run(); // stale: returns at once, shows nothing
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane.isProjecting());
        queued.get(1).run();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(pane.isProjecting());
        assertEquals(2, pane.canvas().shownFrame().head(), "the newest request is shown");
        assertEquals("PCA projection — cells not drawn (projected cells would lie)", modeText(robot));
        assertEquals(5000, pane.canvas().shownFrame().rowsShown());
    }
}
