package vqlens.ui.shell;

import vqlens.ui.common.ManualExecutor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import vqlens.ui.help.HelpWindow;

/**
 * Renders the main window, runtime loaded (and, for a look at the status bar, still loading into the
 * build directory only), to {@code <build dir>/screenshots/main-window.png}; with
 * {@code -Dvqlens.screenshots.dir=DIR} also to {@code DIR/main-window.png} (the README's picture:
 * {@code ./mvnw -pl modules/ui -am test -Dtest=MainWindowScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dvqlens.screenshots.dir=$PWD/screenshots}).
 */
@ExtendWith(ApplicationExtension.class)
@Tag("screenshots") // pictures for the docs, made by the screenshots command, not a check of behaviour
class MainWindowScreenshotTest {

    private final ManualExecutor background = new ManualExecutor();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // The runtime a CPU machine with AVX2 reports, so the picture shows a typical loaded state.
        MainWindow.open(stage, new ShellServices(() -> FakeRuntimes.CPU, background, Runnable::run));
    }

    @Test
    void rendersTheMainWindowToPng(FxRobot robot) throws IOException {
        Path buildDir = Path.of(System.getProperty("vqlens.build.dir", "target"), "screenshots");
        writePng(snapshot(robot), buildDir.resolve("main-window-loading.png"));
        robot.interact(background::runAll);

        WritableImage image = snapshot(robot);
        assertEquals(1280, (int) image.getWidth());
        assertEquals(800, (int) image.getHeight());

        Path png = buildDir.resolve("main-window.png");
        writePng(image, png);
        assertTrue(Files.size(png) > 10_000, "a rendered window, not a blank image");

        String publishTo = System.getProperty("vqlens.screenshots.dir", "");
        if (!publishTo.isBlank()) {
            Path target = Path.of(publishTo, "main-window.png");
            Files.createDirectories(target.getParent());
            Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The help window on its "The charts" page: help.png. */
    @Test
    void rendersTheHelp(FxRobot robot) throws IOException {
        robot.interact(background::runAll);
        HelpWindow[] help = new HelpWindow[1];
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> {
            help[0] = controllerHelp();
            help[0].show("The charts");
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> image[0] = help[0].stage().getScene().snapshot(null));
        Path png = Path.of(System.getProperty("vqlens.build.dir", "target"), "screenshots", "help.png");
        writePng(image[0], png);
        String publishTo = System.getProperty("vqlens.screenshots.dir", "");
        if (!publishTo.isBlank()) {
            Files.copy(png, Path.of(publishTo, "help.png"), StandardCopyOption.REPLACE_EXISTING);
        }
        robot.interact(() -> help[0].stage().close());
    }

    /** The window's help, opened as Help ▸ Start here opens it. */
    private HelpWindow controllerHelp() {
        javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) stage.getScene().lookup(".menu-bar");
        bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> "startHereItem".equals(i.getId()))
                .findFirst().orElseThrow().fire();
        return HelpWindow.opened().orElseThrow();
    }

    private WritableImage snapshot(FxRobot robot) {
        WritableImage[] result = new WritableImage[1];
        robot.interact(() -> result[0] = stage.getScene().snapshot(null));
        return result[0];
    }

    /** A JavaFX image as PNG, through AWT (no javafx.swing needed). */
    static void writePng(WritableImage image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        buffered.setRGB(0, 0, width, height, argb, 0, width);
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(buffered, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
