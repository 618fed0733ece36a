package vqlens.ui.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import vqlens.core.VqException;
import vqlens.train.StepperState;
import vqlens.train.UpdateRule;
import vqlens.ui.learn.model.LearningModel;
import vqlens.ui.learn.model.StartCodes;

/** Lesson 2 through its buttons, keys and sliders: assign/update, step back, methods, restarts, its tasks. */
@ExtendWith(ApplicationExtension.class)
class LearningLessonTest {
    private LearnView learn;

    @Start
    void start(Stage stage) {
        learn = LearnFixture.open(stage, ZoomStore.inMemory(1));
        learn.select(1);
    }

    private LearningModel model() {
        return ((LearningLesson) learn.lesson(1)).model();
    }

    @Test
    void assignAndUpdateAreSeparateMovesAndStepBackUndoesThem(FxRobot robot) {
        robot.clickOn("#assignMove");
        assertEquals(StepperState.Move.ASSIGN, model().state().kind());
        robot.clickOn("#updateMove");
        assertEquals(StepperState.Move.UPDATE, model().state().kind());
        assertEquals(2, model().state().move());
        robot.clickOn("#stepBack");
        assertEquals(1, model().state().move());
        robot.clickOn(".lesson-title"); // focus away from the buttons: the arrows go to the lesson
        robot.type(KeyCode.RIGHT);
        assertEquals(2, model().state().move());
        robot.type(KeyCode.LEFT);
        robot.type(KeyCode.LEFT);
        robot.type(KeyCode.LEFT);
        assertEquals(0, model().state().move());
        assertFalse(model().canStepBack());
    }

    @Test
    void theRunIsKeptAcrossLessonsResetRestartsItAndTheFigureIsSaved(FxRobot robot,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        for (int i = 0; i < 4; i++) {
            robot.interact(() -> model().step());
        }
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(2, learn.currentProperty().get());
        robot.type(KeyCode.PAGE_UP);
        assertEquals(4, model().state().move(), "the lesson kept its run");
        java.nio.file.Path png = dir.resolve("learning.png");
        robot.interact(() -> learn.exportFigure(png));
        assertTrue(java.nio.file.Files.size(png) > 10_000);
        robot.clickOn("#resetLesson");
        assertEquals(0, model().state().move());
        assertFalse(model().tasks().stream().anyMatch(t -> t.isDone()), "reset undoes the tasks");
    }

    @Test
    void runToConvergenceEndsAtAFixedPointAndTicksTheFirstTask(FxRobot robot) {
        robot.clickOn("#converge");
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> model().converged());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("k-means did not converge within 20 s", e);
        }
        assertTrue(model().converged());
        assertTrue(model().tasks().get(0).isDone());
        assertTrue(model().mseByMove().size() > 10);
    }

    @Test
    void theSlidersSetTheNextMovesAndRestartsReviveACornerStart(FxRobot robot) {
        robot.interact(() -> {
            model().setMethod(UpdateRule.ADAM);
            robot.lookup("#learningRate").queryAs(Slider.class).setValue(0.2);
        });
        assertEquals(0.2, model().learningRate(), 1e-12);
        robot.interact(() -> {
            model().setMethod(UpdateRule.KMEANS);
            model().setStart(StartCodes.CORNER);
            robot.lookup("#learningRestarts").queryAs(javafx.scene.control.CheckBox.class).fire();
        });
        assertTrue(model().restarts());
        for (int i = 0; i < 20; i++) {
            robot.interact(() -> model().step());
        }
        assertTrue(model().tasks().get(2).isDone(), "a dead corner code was re-seeded");
        String log = robot.lookup("#learningRestartLog").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(log.startsWith("Restart: move "), log);
    }

    @Test
    void compareTheStartsShowsAllSixRunsSideBySide(FxRobot robot) {
        robot.clickOn("#compareStarts");
        StartComparisonWindow w = ((LearningLesson) learn.lesson(1)).comparisonWindow();
        assertTrue(w != null && w.stage().isShowing(), "the comparison opened");
        assertEquals(6, w.stage().getScene().getRoot().lookupAll(".plane-view").size());
        assertEquals(0, model().state().move(), "the lesson's run is untouched");
        robot.interact(() -> w.stage().close());
    }

    @Test
    void aRefusedMoveIsSaidBesideTheControls(FxRobot robot) {
        robot.interact(() -> model().setMethod(UpdateRule.EMA));
        boolean[] refused = {false};
        try {
            robot.interact(() -> model().update());
        } catch (RuntimeException e) {
            refused[0] = e.getCause() instanceof VqException || e instanceof VqException;
        }
        assertTrue(robot.lookup("#assignMove").queryButton().isDisabled(), "assign/update are k-means' moves");
        assertTrue(robot.lookup("#updateMove").queryButton().isDisabled());
    }
}
