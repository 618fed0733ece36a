package vqlens.ui.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.core.Codebooks;
import vqlens.train.UpdateRule;
import vqlens.ui.learn.model.ColourQuantizationModel;
import vqlens.ui.learn.model.ColourSnapshot;
import vqlens.ui.learn.model.LessonImage;

/** Lesson 4 through its controls: training, the split, swatches (highlight, edit, undo), a bad image, Stop. */
@ExtendWith(ApplicationExtension.class)
class ColourQuantizationLessonTest {
    private static final int LESSON = 3;
    private LearnView learn;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        learn = LearnFixture.open(stage, ZoomStore.inMemory(1));
        learn.select(LESSON); // the fixture's background is synchronous: K = 16 is trained here
    }

    private ColourQuantizationLesson lesson() {
        return (ColourQuantizationLesson) learn.lesson(LESSON);
    }

    private ColourQuantizationModel model() {
        return lesson().model();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** The quantised picture's pixel (x, y) as ARGB. */
    private static int pixel(FxRobot robot, int x, int y) {
        Image image = robot.lookup("#cqImage").queryAs(SplitImageView.class).quantisedImage();
        return image.getPixelReader().getArgb(x, y);
    }

    private int expected(int x, int y) {
        ColourSnapshot r = model().result();
        float[] c = model().colour(r.code(y * model().image().width() + x));
        return ColourQuantizationModel.argb(c[0], c[1], c[2]);
    }

    @Test
    void trainingRunsAndTheImageAndPaletteFollow(FxRobot robot) throws Exception {
        assertTrue(model().result().finished(), "trained when first shown");
        assertTrue(text(robot, "#cqStatus").endsWith(", done"), text(robot, "#cqStatus"));
        assertEquals("Train again", robot.lookup("#cqTrain").queryButton().getText());
        assertTrue(text(robot, "#cqReadout").startsWith("MSE "), text(robot, "#cqReadout"));
        assertTrue(text(robot, "#cqReadout").contains("4 bits per pixel"), text(robot, "#cqReadout"));
        for (int[] p : new int[][] {{0, 0}, {320, 200}, {639, 426}}) {
            assertEquals(expected(p[0], p[1]), pixel(robot, p[0], p[1]), "the picture is every pixel's code colour");
        }
        String before = text(robot, "#cqReadout");
        @SuppressWarnings("unchecked")
        Spinner<Integer> codes = robot.lookup("#cqCodes").queryAs(Spinner.class);
        robot.interact(() -> codes.getValueFactory().setValue(2));
        assertEquals(2, model().codes());
        assertTrue(model().result().finished(), "K = 2 trained at once");
        assertNotEquals(before, text(robot, "#cqReadout"));
        assertTrue(text(robot, "#cqReadout").contains("1 bits per pixel"), text(robot, "#cqReadout"));
        assertTrue(model().tasks().get(0).isDone(), "K = 2 against K = 16");
        assertEquals(expected(320, 200), pixel(robot, 320, 200));
        @SuppressWarnings("unchecked")
        ChoiceBox<UpdateRule> method = robot.lookup("#cqMethod").queryAs(ChoiceBox.class);
        robot.interact(() -> method.setValue(UpdateRule.EMA));
        assertEquals(UpdateRule.EMA, model().method());
        assertTrue(text(robot, "#cqStatus").startsWith("batch 200 of 200"), text(robot, "#cqStatus"));
        Path png = dir.resolve("cq.png");
        robot.interact(() -> learn.exportFigure(png));
        assertTrue(Files.size(png) > 10_000);
        robot.clickOn("#resetLesson");
        assertFalse(model().tasks().stream().anyMatch(t -> t.isDone()), "reset undoes the tasks");
        assertEquals(16, model().codes());
        assertEquals(UpdateRule.KMEANS, model().method());
    }

    @Test
    void theSplitMovesWithTheSliderAndByDragging(FxRobot robot) {
        SplitImageView picture = robot.lookup("#cqImage").queryAs(SplitImageView.class);
        Slider split = robot.lookup("#cqSplit").queryAs(Slider.class);
        assertEquals(0.5, picture.splitProperty().get());
        robot.interact(() -> split.setValue(0.2));
        assertEquals(0.2, picture.splitProperty().get());
        Bounds b = picture.localToScreen(picture.getLayoutBounds());
        robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.3, b.getMinY() + b.getHeight() / 2));
        robot.press(MouseButton.PRIMARY).moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.8,
                b.getMinY() + b.getHeight() / 2)).release(MouseButton.PRIMARY);
        assertEquals(0.8, split.getValue(), 0.02, "dragged on the picture: the slider follows");
    }

    @Test
    void clickingASwatchHighlightsItsPixels(FxRobot robot) {
        PaletteView palette = robot.lookup("#cqPalette").queryAs(PaletteView.class);
        int code = model().result().code(200 * 640 + 320);
        double[] c = palette.centre(code);
        robot.clickOn(palette.localToScreen(c[0], c[1]));
        assertEquals(code, model().selected());
        assertTrue(text(robot, "#cqSelected").startsWith("code " + code + " · "), text(robot, "#cqSelected"));
        assertEquals(expected(320, 200), pixel(robot, 320, 200), "its pixels keep their colour");
        int other = -1;
        for (int p = 0; p < model().result().pixels() && other < 0; p++) {
            other = model().result().code(p) != code ? p : -1;
        }
        int x = other % 640;
        int y = other / 640;
        assertNotEquals(expected(x, y), pixel(robot, x, y), "the others fade");
        int next = (code + model().codes() / 2) % model().codes(); // far from the first: not a double click
        double[] n = palette.centre(next);
        robot.clickOn(palette.localToScreen(n[0], n[1]));
        assertEquals(next, model().selected(), "another swatch, another highlight");
    }

    @Test
    void editAndUndoThroughTheControls(FxRobot robot) {
        PaletteView palette = robot.lookup("#cqPalette").queryAs(PaletteView.class);
        int code = model().result().code(200 * 640 + 320);
        double[] c = palette.centre(code);
        robot.clickOn(palette.localToScreen(c[0], c[1]));
        Codebooks before = model().codebook();
        assertTrue(robot.lookup("#cqUndo").queryButton().isDisabled());
        ColorPicker picker = robot.lookup("#cqColour").queryAs(ColorPicker.class);
        robot.interact(() -> picker.setValue(Color.MAGENTA));
        assertArrayEquals(new float[] {1f, 0f, 1f}, model().colour(code));
        assertEquals(0xffff00ff, pixel(robot, 320, 200), "re-coloured at once");
        assertTrue(text(robot, "#cqReadout").contains("(re-coloured)"), text(robot, "#cqReadout"));
        robot.clickOn("#cqUndo");
        assertEquals(before, model().codebook(), "undo restores the codebook bit for bit");
        assertEquals(expected(320, 200), pixel(robot, 320, 200));
        assertTrue(model().tasks().get(2).isDone());
        robot.clickOn("#cqRedo");
        assertArrayEquals(new float[] {1f, 0f, 1f}, model().colour(code));
    }

    @Test
    void anImageThatFailsToLoadIsOneLineAndNothingElseChanges(FxRobot robot) throws Exception {
        String readout = text(robot, "#cqReadout");
        Codebooks book = model().codebook();
        byte[] noise = new byte[3000];
        new Random(3).nextBytes(noise);
        Path bad = dir.resolve("holiday.jpg");
        Files.write(bad, noise);
        robot.interact(() -> lesson().openImage(bad));
        assertEquals("holiday.jpg: not a PNG or JPEG image", text(robot, "#cqProblem"));
        assertEquals(LessonImage.CHINA, model().image().name(), "the photo stays");
        assertEquals(readout, text(robot, "#cqReadout"));
        assertEquals(book, model().codebook());
        assertEquals(2, robot.lookup("#cqPhoto").queryAs(ChoiceBox.class).getItems().size());
    }

    @Test
    void stopEndsTrainingOnABackgroundThread(FxRobot robot) throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            ColourQuantizationLesson[] async = new ColourQuantizationLesson[1];
            robot.interact(() -> {
                LearnView view = new LearnView(background, Platform::runLater, ZoomStore.inMemory(1));
                Stage stage = new Stage();
                stage.setScene(new Scene(view, LearnFixture.WIDTH, LearnFixture.HEIGHT));
                stage.show();
                view.select(LESSON);
                async[0] = (ColourQuantizationLesson) view.lesson(LESSON);
            });
            waitUntil(() -> !async[0].busy(), "the first training");
            robot.interact(() -> {
                async[0].model().setMethod(UpdateRule.EMA); // 200 batches of 256 codes: seconds, time to stop
                async[0].model().setCodes(256);
            });
            waitUntil(() -> async[0].model().result() != null, "a first snapshot");
            assertTrue(async[0].busy(), "training runs in the background");
            long start = System.nanoTime();
            robot.interact(() -> robot.lookup("#cqTrain").queryAllAs(javafx.scene.control.Button.class).stream()
                    .filter(b -> b.getScene() != null && b.getScene().getRoot() != learn).findFirst().orElseThrow().fire());
            waitUntil(() -> !async[0].busy(), "the stop");
            System.out.printf("lesson 4: training stopped in %.0f ms%n", (System.nanoTime() - start) / 1e6);
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(async[0].model().result().finished(), "stopped before the end");
            assertEquals(256, async[0].model().result().usage().length, "the last snapshot stays on show");
            assertEquals("", async[0].model().problem(), "a stop is not a problem");
        } finally {
            background.shutdownNow();
        }
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition, String what) {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.call();
            });
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not finish within 60 s", e);
        }
    }
}
