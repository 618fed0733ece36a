package vqlens.ui.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.train.VqLosses;
import vqlens.ui.learn.model.StraightThroughModel;

/** Lesson 6 through its buttons, keys, sliders and toggles: steps, step back, run, the three tasks, reset, export. */
@ExtendWith(ApplicationExtension.class)
class StraightThroughLessonTest {
    private LearnView learn;
    private int index;

    @Start
    void start(Stage stage) {
        learn = LearnFixture.open(stage, ZoomStore.inMemory(1));
        for (int i = 0; i < learn.lessonCount(); i++) {
            if (learn.lesson(i) instanceof StraightThroughLesson) {
                index = i;
            }
        }
        learn.select(index);
    }

    private StraightThroughLesson lesson() {
        return (StraightThroughLesson) learn.lesson(index);
    }

    private StraightThroughModel model() {
        return lesson().model();
    }

    private void setSlider(FxRobot robot, String id, double value) {
        robot.interact(() -> robot.lookup(id).queryAs(Slider.class).setValue(value));
    }

    @Test
    void stepAndStepBackByButtonsAndKeys(FxRobot robot) {
        assertTrue(learn.lesson(index).title().toLowerCase(java.util.Locale.ROOT).contains("straight-through"));
        float[] start = model().zE();
        robot.clickOn("#stStep");
        robot.clickOn("#stStep");
        assertEquals(2, model().steps());
        robot.clickOn("#stStepBack");
        assertEquals(1, model().steps());
        robot.clickOn(".lesson-title"); // focus away from the buttons: the arrows go to the lesson
        robot.type(KeyCode.RIGHT);
        assertEquals(2, model().steps());
        robot.type(KeyCode.LEFT);
        robot.type(KeyCode.LEFT);
        assertEquals(0, model().steps());
        assertArrayEquals(start, model().zE());
        assertTrue(robot.lookup("#stStepBack").queryButton().isDisabled());
        String status = robot.lookup("#stStatus").queryAs(Label.class).getText();
        assertTrue(status.startsWith("step 0 · nearest code "), status);
    }

    @Test
    void leavingTheLessonStopsItsRun(FxRobot robot) {
        robot.clickOn("#stRun");
        assertTrue(lesson().running());
        robot.interact(() -> learn.select(0));
        assertFalse(lesson().running(), "no timer steps a lesson nobody sees");
    }

    @Test
    void theLossesShownAreTheTrainingModulesNumbers(FxRobot robot) {
        robot.clickOn("#stStep");
        VqLosses.Terms t = VqLosses.of(model().zE(), model().code(), model().target(), model().beta());
        String text = robot.lookup("#stLosses").queryAs(Label.class).getText();
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "reconstruction %.4f", t.reconstruction())), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "total %.4f", t.total())), text);
    }

    @Test
    void theSlidersAndTheDriftTask(FxRobot robot) {
        setSlider(robot, "#stBeta", 0.0);
        setSlider(robot, "#stCodebookRate", 0.02);
        assertEquals(0.0, model().beta());
        assertEquals(0.02, model().codebookRate(), 1e-12);
        setSlider(robot, "#stEncoderRate", 0.2);
        for (int i = 0; i < StraightThroughModel.DRIFT_STEPS && !model().driftTask().isDone(); i++) {
            robot.clickOn("#stStep");
        }
        assertTrue(model().driftTask().isDone(), "‖z_e − e‖ = " + model().distance());
        assertTrue(model().distance() > StraightThroughModel.DRIFT_BOUND);
    }

    @Test
    void theCodebookToggleAndEmaTasks(FxRobot robot) {
        robot.clickOn("#stCodebookLoss");
        assertFalse(model().codebookLoss());
        assertTrue(robot.lookup("#stCodebookRate").queryAs(Slider.class).isDisabled(), "no codebook loss, no rate");
        float[] codes = model().codes();
        for (int i = 0; i < StraightThroughModel.FROZEN_STEPS; i++) {
            robot.clickOn("#stStep");
        }
        assertArrayEquals(codes, model().codes());
        assertTrue(model().frozenTask().isDone());
        robot.clickOn("#stEma");
        assertTrue(robot.lookup("#stEma").queryAs(CheckBox.class).isSelected());
        assertFalse(robot.lookup("#stDecay").queryAs(Slider.class).isDisabled());
        for (int i = 0; i < 10 && !model().emaTask().isDone(); i++) {
            robot.clickOn("#stStep");
        }
        assertTrue(model().emaTask().isDone());
        assertFalse(java.util.Arrays.equals(codes, model().codes()), "EMA moved a code");
    }

    @Test
    void runPlaysStepsUntilPaused(FxRobot robot) throws TimeoutException {
        robot.clickOn("#stRun");
        assertEquals("Pause", robot.lookup("#stRun").queryButton().getText());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model().steps() >= 3);
        robot.clickOn("#stRun");
        assertFalse(lesson().running());
        int steps = model().steps();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(steps, model().steps(), "paused");
    }

    @Test
    void resetSeedAndExport(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        robot.interact(() -> robot.lookup("#stSeed").queryAs(javafx.scene.control.Spinner.class).getValueFactory()
                .setValue(5));
        assertEquals(5, model().seed());
        robot.clickOn("#stStep");
        java.nio.file.Path png = dir.resolve("straight.png");
        robot.interact(() -> learn.exportFigure(png));
        assertTrue(java.nio.file.Files.size(png) > 10_000);
        robot.clickOn("#resetLesson");
        assertEquals(0, model().steps());
        assertEquals(1, model().seed());
        assertEquals(0.25, robot.lookup("#stBeta").queryAs(Slider.class).getValue(), 1e-12, "the slider follows");
    }

    @Test
    void typingNonsenseIntoTheSeedChangesNothing(FxRobot robot) {
        float[] zE = model().zE();
        robot.clickOn("#stStep");
        javafx.scene.control.Spinner<?> seed = robot.lookup("#stSeed").queryAs(javafx.scene.control.Spinner.class);
        robot.interact(() -> {
            seed.getEditor().setText("abc");
            seed.commitValue();
        });
        assertEquals(1, model().seed());
        assertEquals(1, model().steps(), "the run is untouched");
        assertEquals("", robot.lookup("#stProblem").queryAs(Label.class).getText());
        robot.clickOn("#stStepBack");
        assertArrayEquals(zE, model().zE());
    }

    @Test
    void zoomReachesThePlane(FxRobot robot) {
        robot.interact(() -> learn.setZoom(1.5));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lesson().plane().isVisible());
        assertEquals(1.5, learn.zoom(), 1e-12);
    }
}
