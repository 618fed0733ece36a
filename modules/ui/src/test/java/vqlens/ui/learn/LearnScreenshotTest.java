package vqlens.ui.learn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import vqlens.ui.learn.model.ForwardPassModel;
import vqlens.ui.learn.model.ForwardStage;
import vqlens.ui.learn.model.StartCodes;
import vqlens.ui.theme.Theme;

/**
 * Pictures of every lesson for the README: {@code screenshots/learn-<lesson>.png} and one dark, made by the
 * screenshots command ({@code -Dvqlens.screenshots.dir}).
 */
@ExtendWith(ApplicationExtension.class)
@Tag("screenshots")
class LearnScreenshotTest {
    private LearnView learn;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        learn = LearnFixture.open(stage, ZoomStore.inMemory(1));
    }

    @Test
    void rendersEveryLesson(FxRobot robot) throws IOException {
        robot.interact(() -> {
            NearestCodeLesson first = (NearestCodeLesson) learn.lesson(0);
            first.model().select(2);
        });
        save(robot, "learn-nearest-code.png");
        robot.interact(() -> {
            learn.select(1);
            LearningLesson second = (LearningLesson) learn.lesson(1);
            second.model().setStart(StartCodes.CORNER);
            second.model().setRestarts(true);
            for (int i = 0; i < 9; i++) {
                second.model().step();
            }
        });
        save(robot, "learn-learning.png");
        robot.interact(() -> {
            learn.select(2);
            ForwardPassModel third = ((ForwardPassLesson) learn.lesson(2)).forwardModel();
            third.setSource(ForwardPassModel.Source.REFERENCE);
            third.setStage(ForwardStage.TERMS);
        });
        save(robot, "learn-forward-pass.png");
        robot.interact(() -> {
            learn.select(3); // the fixture's background is synchronous: K = 16 is trained here
            ColourQuantizationLesson fourth = (ColourQuantizationLesson) learn.lesson(3);
            // no highlight (it fades the picture): the quantised side wider than the original
            fourth.picture().splitProperty().set(0.4);
        });
        save(robot, "learn-colour-quantization.png");
        robot.interact(() -> {
            learn.select(4); // the fixture's background is synchronous: the pair, then the whole chart
            ((ProductQuantizationLesson) learn.lesson(4)).computeChart();
        });
        save(robot, "learn-product-quantization.png");
        robot.interact(() -> {
            int index = indexOf(StraightThroughLesson.class);
            learn.select(index);
            StraightThroughLesson sixth = (StraightThroughLesson) learn.lesson(index);
            sixth.model().setBeta(1.0); // all three arrows long enough to read
            sixth.model().setCodebookRate(0.05);
            sixth.model().step(); // one step: z_e, its code and the target still apart, the arrows long
        });
        save(robot, "learn-straight-through.png");
        robot.interact(() -> {
            int index = indexOf(VqVaeLesson.class);
            learn.select(index);
            VqVaeLesson seventh = (VqVaeLesson) learn.lesson(index);
            seventh.train(0); // synchronous here: the whole run, then the comparison
            seventh.compare();
        });
        save(robot, "learn-vqvae.png");
        robot.interact(() -> {
            Theme.DARK.applyTo(stage.getScene());
            learn.select(0);
        });
        save(robot, "learn-nearest-code-dark.png");
    }

    /** Where the lesson of {@code type} is in the list (the order is the integrator's). */
    private int indexOf(Class<? extends Lesson> type) {
        for (int i = 0; i < learn.lessonCount(); i++) {
            if (type.isInstance(learn.lesson(i))) {
                return i;
            }
        }
        throw new AssertionError(type.getSimpleName() + " is not in the Learn tab");
    }

    private void save(FxRobot robot, String name) throws IOException {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = stage.getScene().snapshot(null));
        Path png = Path.of(System.getProperty("vqlens.build.dir", "target"), "screenshots", name);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, vqlens.ui.plot.CanvasChart.toPng(image[0]));
        assertTrue(Files.size(png) > 30_000, name + " is a rendered lesson");
        String publishTo = System.getProperty("vqlens.screenshots.dir", "");
        if (!publishTo.isBlank()) {
            Files.createDirectories(Path.of(publishTo));
            Files.copy(png, Path.of(publishTo, name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
