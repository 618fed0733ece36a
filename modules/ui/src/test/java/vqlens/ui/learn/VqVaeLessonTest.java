package vqlens.ui.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import vqlens.ui.learn.model.DigitsVqVaeFrame;
import vqlens.ui.learn.model.DigitsVqVaeRun;
import vqlens.ui.learn.model.DigitsVqVaeSettings;
import vqlens.ui.learn.model.VqVaeLessonModel;

/** Lesson 7 through its controls: train and watch, change one setting and rerun, collapse vs fix, stop. */
@ExtendWith(ApplicationExtension.class)
class VqVaeLessonTest {
    private static final int FRAMES = 1 + DigitsVqVaeSettings.STEPS / DigitsVqVaeRun.FRAME_STEPS;
    private LearnView learn;
    private int index;

    @Start
    void start(Stage stage) {
        learn = LearnFixture.open(stage, ZoomStore.inMemory(1));
        index = indexOf(learn);
        learn.select(index);
    }

    private static int indexOf(LearnView view) {
        for (int i = 0; i < view.lessonCount(); i++) {
            if (view.lesson(i) instanceof VqVaeLesson) {
                return i;
            }
        }
        throw new AssertionError("no VQ-VAE lesson in the list");
    }

    private VqVaeLesson lesson() {
        return (VqVaeLesson) learn.lesson(index);
    }

    private VqVaeLessonModel model() {
        return lesson().model();
    }

    @SuppressWarnings("unchecked")
    private static <T> void choose(FxRobot robot, String id, T value) {
        robot.interact(() -> {
            ChoiceBox<T> box = robot.lookup(id).queryAs(ChoiceBox.class);
            box.setValue(value);
            box.fireEvent(new javafx.event.ActionEvent());
        });
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void trainingShowsThePicturesAndCurvesAndLearns(FxRobot robot) {
        choose(robot, "#vqvaePace", "Full speed");
        robot.clickOn("#vqvaeTrain");
        DigitsVqVaeFrame f = model().frame();
        assertNotNull(f);
        assertTrue(f.finished());
        assertFalse(model().isRunning());
        assertTrue(model().tasks().get(0).isDone(), "held-out error ≤ 0.6× step 1's");
        assertEquals(f.pictures(), lesson().pictures().view(), "the pictures of the last frame");
        assertEquals(FRAMES, lesson().errorChart().series().get(0).size(), "held-out error at every frame");
        for (int i = 1; i < 4; i++) { // batch reconstruction, codebook and commitment losses
            assertEquals(DigitsVqVaeSettings.STEPS, lesson().errorChart().series().get(i).size(), "every step's losses");
        }
        assertEquals(f.steps().get(299).lossCodebook(), lesson().errorChart().series().get(2).value(299), 0);
        assertEquals(DigitsVqVaeSettings.HEADS, lesson().perplexityChart().series().size());
        String status = text(robot, "#vqvaeStatus");
        assertTrue(status.contains("step 300 of 300") && status.endsWith("done"), status);
        String heads = text(robot, "#vqvaeHeads");
        assertTrue(heads.contains(String.format(java.util.Locale.ROOT, "head 3: %5.1f", f.lastUsage().perplexity(3))), heads);
        choose(robot, "#vqvaeHead", 2);
        assertEquals(2, lesson().pictures().head(), "the codes of the chosen head");
    }

    @Test
    void changingOneSettingAndRerunningKeepsTheFirstRunsCurve(FxRobot robot) {
        choose(robot, "#vqvaePace", "Full speed");
        robot.clickOn("#vqvaeTrain");
        choose(robot, "#vqvaeCodes", 16);
        assertEquals(16, model().settings().codes());
        assertEquals(32, model().frame().settings().codes(), "the run on show keeps its own settings");
        robot.clickOn("#vqvaeTrain");
        assertEquals(16, model().frame().settings().codes());
        assertTrue(model().tasks().get(1).isDone());
        assertEquals(1, lesson().errorChart().earlierRuns().size(), "the first run's curve stays, dashed");
    }

    @Test
    void collapseAndFixSideBySide(FxRobot robot) {
        robot.clickOn("#vqvaeCompare");
        assertNotNull(model().comparison());
        assertTrue(model().tasks().get(2).isDone(), text(robot, "#vqvaeComparisonText"));
        assertEquals(FRAMES, lesson().comparisonChart().series().get(0).size());
        assertEquals(FRAMES, lesson().comparisonChart().series().get(1).size());
        String summary = text(robot, "#vqvaeComparisonText");
        assertTrue(summary.startsWith("Seed 1, lr 0.015, 128 codes per head") && summary.contains("restarts off"), summary);
        robot.clickOn("#resetLesson");
        assertEquals(null, model().comparison());
        assertEquals(0, lesson().comparisonChart().series().get(0).size());
    }

    @Test
    void stopEndsARunInTheBackgroundEarly(FxRobot robot) {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            VqVaeLesson[] async = new VqVaeLesson[1];
            robot.interact(() -> {
                LearnView view = new LearnView(background, Platform::runLater, ZoomStore.inMemory(1));
                Stage stage = new Stage();
                stage.setScene(new Scene(view, LearnFixture.WIDTH, LearnFixture.HEIGHT));
                stage.show();
                int i = indexOf(view);
                view.select(i);
                async[0] = (VqVaeLesson) view.lesson(i);
                async[0].train(VqVaeLesson.WATCH_STEPS_PER_SECOND);
            });
            waitUntil(robot, () -> async[0].model().frame() != null && async[0].model().frame().step() >= 20,
                    "the run's frames reach the window");
            robot.interact(async[0]::stopRun);
            waitUntil(robot, () -> !async[0].model().isRunning(), "the stop");
            DigitsVqVaeFrame last = async[0].model().frame();
            assertFalse(last.finished());
            assertTrue(last.step() < DigitsVqVaeSettings.STEPS, "stopped at step " + last.step());
            assertTrue(async[0].model().finishedRuns().isEmpty());
        } finally {
            background.shutdownNow();
        }
    }

    /** Polls on the FX thread until {@code condition} holds; fails after 60 s. */
    private static void waitUntil(FxRobot robot, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean[] done = {false};
        while (true) {
            robot.interact(() -> done[0] = condition.getAsBoolean());
            if (done[0]) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still waiting for " + what + " after 60 s");
            }
            robot.sleep(20);
        }
    }
}
