package vqlens.ui.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.ui.learn.model.LessonImage;
import vqlens.ui.learn.model.PqChoice;
import vqlens.ui.learn.model.ProductQuantizationModel;

/** Lesson 5 through its controls: the pair at equal bits, the chart, own images (one that fails), Cancel, Reset. */
@ExtendWith(ApplicationExtension.class)
class ProductQuantizationLessonTest {
    private static final int LESSON = 4;
    private LearnView learn;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        learn = LearnFixture.open(stage, ZoomStore.inMemory(1));
        learn.select(LESSON); // the fixture's background is synchronous: the pair on show is computed here
    }

    private ProductQuantizationLesson lesson() {
        return (ProductQuantizationLesson) learn.lesson(LESSON);
    }

    private ProductQuantizationModel model() {
        return lesson().model();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private static ChoiceBox<Object> choice(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ChoiceBox.class);
    }

    @Test
    void thePairAtEqualBitsIsShownWithPsnrAndBitsPerPixel(FxRobot robot) {
        assertTrue(text(robot, "#pqSingleCaption").startsWith("1 head × 256 codes · PSNR "),
                text(robot, "#pqSingleCaption"));
        assertTrue(text(robot, "#pqProductCaption").contains("4 heads × 4 codes · PSNR "));
        assertTrue(text(robot, "#pqProductCaption").contains("0.500 bits/pixel · 16 stored codes"));
        ImageView single = robot.lookup("#pqSingleImage").queryAs(ImageView.class);
        assertEquals(640, single.getImage().getWidth());
        assertEquals(424, single.getImage().getHeight());
        robot.interact(() -> choice(robot, "#pqHeads").setValue(2));
        assertEquals(2, model().heads());
        assertTrue(text(robot, "#pqProductCaption").startsWith("2 heads × 16 codes · PSNR "));
        assertTrue(model().tasks().get(0).isDone(), "8 bits: 1 × 256 against 2 × 16");
        robot.interact(() -> choice(robot, "#pqBits").setValue(12));
        assertEquals(12, model().bits());
        assertEquals(2, model().heads(), "2 heads divide 12 bits: kept");
        assertTrue(text(robot, "#pqSingleCaption").startsWith("1 head × 4096 codes · PSNR ")
                || text(robot, "#pqSingleCaption").startsWith("1 head × 4,096 codes"), text(robot, "#pqSingleCaption"));
        assertTrue(model().tasks().get(2).isDone(), "2 × 64 (128 stored codes) beats 1 × 256");
        robot.interact(() -> choice(robot, "#pqHeads").setValue(4));
        assertTrue(model().tasks().get(1).isDone(), "12 bits, 4 × 8");
        GridPaneRows rows = new GridPaneRows(robot.lookup("#pqTable").queryAs(javafx.scene.layout.GridPane.class));
        assertTrue(rows.text().contains("4 × 8 32 4,096"), rows.text());
        assertTrue(rows.text().contains("4 × 256 1,024 2^32 96-D heads"), rows.text());
    }

    /** A table's labels, row by row, each row's cells joined by spaces. */
    private record GridPaneRows(javafx.scene.layout.GridPane grid) {
        String text() {
            StringBuilder out = new StringBuilder();
            int rows = grid.getChildren().stream().mapToInt(n -> javafx.scene.layout.GridPane.getRowIndex(n) == null ? 0
                    : javafx.scene.layout.GridPane.getRowIndex(n)).max().orElse(0);
            for (int r = 0; r <= rows; r++) {
                final int row = r;
                out.append(String.join(" ", grid.getChildren().stream()
                        .filter(n -> {
                            Integer i = javafx.scene.layout.GridPane.getRowIndex(n);
                            return (i == null ? 0 : i) == row;
                        })
                        .map(n -> ((Label) n).getText()).toList())).append('\n');
            }
            return out.toString();
        }
    }

    @Test
    void theWholeChartIsComputedAndKeptPerPhoto(FxRobot robot, @TempDir Path out) throws Exception {
        robot.clickOn("#pqComputeChart");
        assertTrue(model().chartComplete());
        assertTrue(robot.lookup("#pqComputeChart").queryButton().isDisabled(), "nothing left to compute");
        RateDistortionChart chart = robot.lookup("#pqRdChart").queryAs(RateDistortionChart.class);
        robot.clickOn("#pqStoredAxis");
        assertTrue(chart.againstStoredCodes());
        robot.interact(() -> choice(robot, "#pqPhoto").setValue(LessonImage.FLOWER));
        assertEquals(LessonImage.FLOWER, model().image().name());
        assertFalse(model().chartComplete());
        robot.clickOn("#pqComputeChart");
        assertTrue(model().tasks().get(3).isDone(), "both photos' charts");
        robot.interact(() -> choice(robot, "#pqPhoto").setValue(LessonImage.CHINA));
        assertTrue(model().chartComplete(), "china's chart was kept");
        Path png = out.resolve("pq.png");
        robot.interact(() -> learn.exportFigure(png));
        assertTrue(Files.size(png) > 10_000);
        robot.clickOn("#resetLesson");
        assertFalse(model().tasks().stream().anyMatch(t -> t.isDone()), "reset undoes the tasks");
        assertEquals(8, model().bits());
    }

    @Test
    void anImageThatFailsToLoadIsOneLineAndNothingElseChanges(FxRobot robot) throws Exception {
        String before = text(robot, "#pqProductCaption");
        byte[] noise = new byte[3000];
        new Random(3).nextBytes(noise);
        Path bad = dir.resolve("holiday.jpg");
        Files.write(bad, noise);
        robot.interact(() -> lesson().openImage(bad));
        assertEquals("holiday.jpg: not a PNG or JPEG image", text(robot, "#pqProblem"));
        assertEquals(LessonImage.CHINA, model().image().name(), "the photo stays");
        assertEquals(before, text(robot, "#pqProductCaption"));
        assertEquals(2, choice(robot, "#pqPhoto").getItems().size());
    }

    @Test
    void anOwnImageIsCompressedToo(FxRobot robot) throws Exception {
        BufferedImage picture = new BufferedImage(320, 256, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 320; x++) {
                picture.setRGB(x, y, (x * 255 / 319) << 16 | (y * 255 / 255) << 8 | ((x + y) % 256));
            }
        }
        Path file = dir.resolve("gradient.png");
        javax.imageio.ImageIO.write(picture, "png", file.toFile());
        robot.interact(() -> lesson().openImage(file));
        assertEquals("", text(robot, "#pqProblem"));
        assertEquals("gradient.png", model().image().name());
        assertEquals(3, choice(robot, "#pqPhoto").getItems().size());
        assertTrue(text(robot, "#pqProductCaption").contains("PSNR"), text(robot, "#pqProductCaption"));
        Path small = dir.resolve("icon.png");
        javax.imageio.ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", small.toFile());
        robot.interact(() -> lesson().openImage(small));
        assertTrue(text(robot, "#pqProblem").startsWith("icon.png: 64 × 64 makes 256 patches"), text(robot, "#pqProblem"));
        assertEquals("gradient.png", model().image().name(), "the image on show stays");
    }

    @Test
    void cancelStopsTheChartInTheBackground(FxRobot robot) throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            ProductQuantizationLesson[] async = new ProductQuantizationLesson[1];
            robot.interact(() -> {
                LearnView view = new LearnView(background, Platform::runLater, ZoomStore.inMemory(1));
                Stage stage = new Stage();
                stage.setScene(new Scene(view, LearnFixture.WIDTH, LearnFixture.HEIGHT));
                stage.show();
                view.select(LESSON);
                async[0] = (ProductQuantizationLesson) view.lesson(LESSON);
            });
            waitUntil(() -> !async[0].busy(), "the pair on show");
            assertTrue(async[0].model().result(new PqChoice(8, 4)) != null);
            robot.interact(() -> async[0].model().setBits(12));
            robot.interact(() -> robot.lookup("#pqComputeChart").queryAllAs(javafx.scene.control.Button.class).stream()
                    .filter(b -> b.getScene() != null && b.getScene().getRoot() != learn).findFirst().orElseThrow().fire());
            assertTrue(async[0].busy(), "the chart runs in the background");
            long start = System.nanoTime();
            robot.interact(() -> robot.lookup("#pqCancel").queryAllAs(javafx.scene.control.Button.class).stream()
                    .filter(b -> b.getScene() != null && b.getScene().getRoot() != learn).findFirst().orElseThrow().fire());
            waitUntil(() -> !async[0].busy(), "the cancel");
            System.out.printf("lesson 5: chart cancelled in %.0f ms%n", (System.nanoTime() - start) / 1e6);
            assertFalse(async[0].model().chartComplete(), "cancelled before the end");
            assertEquals("", async[0].model().problem(), "a cancel is not a problem");
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
