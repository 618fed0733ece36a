package vqlens.ui.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.ui.learn.model.NearestCodeModel;

/** Lesson 1 through the mouse and keys: drag, add, delete, duplicate, hover; its tasks; kept state; Reset; Export. */
@ExtendWith(ApplicationExtension.class)
class NearestCodeLessonTest {
    private LearnView learn;

    @Start
    void start(Stage stage) {
        learn = LearnFixture.open(stage, ZoomStore.inMemory(1));
    }

    private NearestCodeLesson lesson() {
        return (NearestCodeLesson) learn.lesson(0);
    }

    private Point2D screen(double[] px) {
        return lesson().plane().localToScreen(px[0], px[1]);
    }

    @Test
    void draggingACodeOutOfTheDataMakesADeadCodeAndTicksTheTask(FxRobot robot) {
        NearestCodeModel m = lesson().model();
        assertFalse(m.deadCodeTask().isDone());
        double[] from = lesson().plane().codePixel(0);
        robot.drag(screen(from), MouseButton.PRIMARY).moveTo(lesson().plane().localToScreen(4, 4)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(from[0], lesson().plane().codePixel(0)[0], "the code followed the mouse");
        assertEquals(0, m.scene().usage()[0], "a code in the corner holds no point");
        assertTrue(m.deadCodeTask().isDone());
        String item = robot.lookup(".try-this").queryAllAs(javafx.scene.control.Label.class).iterator().next().getText();
        assertTrue(item.startsWith("✓"), item);
    }

    @Test
    void doubleClickAddsACodeRightClickDeletesItAndDuplicateMakesATie(FxRobot robot) {
        NearestCodeModel m = lesson().model();
        int k = m.scene().codeCount();
        robot.doubleClickOn(lesson().plane().localToScreen(lesson().plane().getWidth() / 2 + 3, 30), MouseButton.PRIMARY);
        assertEquals(k + 1, m.scene().codeCount());
        robot.clickOn(screen(lesson().plane().codePixel(k)), MouseButton.SECONDARY);
        assertEquals(k, m.scene().codeCount());
        robot.clickOn(screen(lesson().plane().codePixel(1)), MouseButton.PRIMARY);
        assertEquals(1, m.selected());
        assertFalse(m.tieTask().isDone());
        robot.type(KeyCode.D);
        assertEquals(k + 1, m.scene().codeCount());
        assertTrue(m.tieTask().isDone(), "a duplicate is an exact tie, won by the lower index");
        robot.clickOn("#deleteCode");
        assertEquals(k, m.scene().codeCount());
    }

    @Test
    void hoveringAPointShowsBothSidesOfTheExpansion(FxRobot robot) {
        double[] p = lesson().plane().pointPixel(5);
        List<String>[] lines = new List[1];
        robot.interact(() -> lines[0] = lesson().plane().hoverAt(p[0], p[1]));
        assertTrue(lines[0] != null && lines[0].size() == 3, String.valueOf(lines[0]));
        assertTrue(lines[0].get(1).startsWith("‖z‖² + ‖c‖² − 2⟨z,c⟩ = "), lines[0].get(1));
        assertTrue(lines[0].get(2).contains("(direct)"), lines[0].get(2));
    }

    @Test
    void theLessonKeepsItsStateAcrossLessonsAndResetRestoresTheStart(FxRobot robot, @TempDir Path dir) throws Exception {
        NearestCodeModel m = lesson().model();
        robot.interact(() -> m.addCode(0, 0));
        int k = m.scene().codeCount();
        robot.clickOn("#nextLesson");
        assertEquals(1, learn.currentProperty().get());
        robot.type(KeyCode.PAGE_UP);
        assertEquals(0, learn.currentProperty().get());
        assertEquals(k, m.scene().codeCount(), "the lesson kept its codes");
        Path png = dir.resolve("figure.png");
        robot.interact(() -> learn.exportFigure(png));
        assertTrue(Files.size(png) > 5_000, "a picture of the plane");
        assertEquals("Saved figure.png", learn.noticeProperty().get());
        robot.clickOn("#resetLesson");
        assertEquals(NearestCodeModel.MIN_CODES + 4, m.scene().codeCount(), "back to the six codes of the start");
    }
}
