package vqlens.ui.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import vqlens.ui.learn.model.ForwardPassModel;
import vqlens.ui.learn.model.ForwardStage;

/** Lesson 3 through its stage buttons, keys, codebook choice and typed rows; its tasks; the bad-input mark. */
@ExtendWith(ApplicationExtension.class)
class ForwardPassLessonTest {
    private LearnView learn;

    @Start
    void start(Stage stage) {
        learn = LearnFixture.open(stage, ZoomStore.inMemory(1));
        learn.select(2);
    }

    private ForwardPassModel model() {
        return ((ForwardPassLesson) learn.lesson(2)).forwardModel();
    }

    @Test
    void theStagesStepForwardAndBackAndShowTheirShapes(FxRobot robot) {
        assertEquals(ForwardStage.INPUT, model().stage());
        robot.clickOn("#nextStage");
        assertEquals(ForwardStage.SPLIT, model().stage());
        robot.clickOn(".lesson-title");
        robot.type(KeyCode.RIGHT);
        assertEquals(ForwardStage.TERMS, model().stage());
        assertTrue(robot.lookup("#termsTable").tryQuery().isPresent(), "the terms stage shows its table");
        robot.type(KeyCode.LEFT);
        assertEquals(ForwardStage.SPLIT, model().stage());
        String chain = robot.lookup("#shapeChain").queryAs(Label.class).getText();
        assertTrue(chain.contains("[B, 2] → [B, 1, 2] → [B, 1, 16] → [B, 1] → [B, 2]"), chain);
        for (int i = 0; i < 7; i++) {
            robot.type(KeyCode.RIGHT);
        }
        assertEquals(ForwardStage.STRAIGHT_THROUGH, model().stage());
        assertTrue(model().tasks().get(0).isDone());
    }

    @Test
    void theStageIsKeptAcrossLessonsResetGoesBackAndTheFigureIsSaved(FxRobot robot,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        robot.interact(() -> {
            model().setSource(ForwardPassModel.Source.REFERENCE);
            model().setStage(ForwardStage.DISTANCES);
        });
        robot.interact(() -> learn.select(0));
        robot.interact(() -> learn.select(2));
        assertEquals(ForwardStage.DISTANCES, model().stage(), "kept");
        assertTrue(robot.lookup("#distanceBars").tryQuery().isPresent());
        java.nio.file.Path png = dir.resolve("forward.png");
        robot.interact(() -> learn.exportFigure(png));
        assertTrue(java.nio.file.Files.size(png) > 10_000);
        robot.clickOn("#resetLesson");
        assertEquals(ForwardStage.INPUT, model().stage());
        assertEquals(ForwardPassModel.Source.TEACHING, model().source());
    }

    @Test
    void theTiesCodebookShowsATieAtArgmin(FxRobot robot) {
        robot.interact(() -> {
            model().setSource(ForwardPassModel.Source.TIES);
            model().setStage(ForwardStage.ARGMIN);
        });
        assertTrue(robot.lookup(".tie").tryQuery().isPresent(), "the tie is marked");
        assertTrue(model().tasks().get(1).isDone());
        String chain = robot.lookup("#shapeChain").queryAs(Label.class).getText();
        assertTrue(chain.contains("[B, 8] → [B, 2, 4] → [B, 2, 5] → [B, 2] → [B, 8]"), chain);
    }

    @Test
    void aTypedRowIsFollowedAndABadOneIsMarkedAtItsField(FxRobot robot) {
        robot.clickOn("#typedRow").write("1, 2, 3").type(KeyCode.ENTER);
        Label problem = robot.lookup("#typedRowProblem").queryAs(Label.class);
        assertTrue(problem.getText().contains("2 numbers"), problem.getText());
        assertTrue(robot.lookup("#typedRow").queryAs(TextField.class).getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("error")));
        robot.interact(() -> robot.lookup("#typedRow").queryAs(TextField.class).setText("1.5, -1.5"));
        robot.clickOn("#typedRow").type(KeyCode.ENTER);
        assertEquals("", problem.getText());
        assertEquals("typed", model().rowOrigin());
        assertFalse(model().tasks().get(2).isDone(), "not before following it to argmin");
        robot.interact(() -> model().setStage(ForwardStage.ARGMIN));
        assertTrue(model().tasks().get(2).isDone());
    }
}
