package vqlens.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import org.testfx.api.FxRobot;
import vqlens.ui.plot.CanvasChart;

/**
 * Pictures the UI tests take: into {@code <build dir>/screenshots} always (to look at after a run), and into
 * {@code -Dvqlens.screenshots.dir} too when it is set (the README's pictures).
 */
public final class Screenshots {

    private Screenshots() {
    }

    /** The pixels of {@code node} as drawn now, taken on the FX thread. */
    public static WritableImage snapshot(FxRobot robot, Node node) {
        WritableImage[] out = new WritableImage[1];
        robot.interact(() -> out[0] = node.snapshot(new SnapshotParameters(), null));
        return out[0];
    }

    /** Writes a PNG to {@code <build dir>/screenshots/name} only (pictures to look at, not for the README). */
    public static Path keep(String name, WritableImage image) throws IOException {
        Path dir = Path.of(System.getProperty("vqlens.build.dir", "target"), "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.write(file, CanvasChart.toPng(image));
        return file;
    }

    /** Writes a PNG to {@code <build dir>/screenshots/name} and, with {@code -Dvqlens.screenshots.dir}, there too. */
    public static Path publish(String name, WritableImage image) throws IOException {
        Path file = keep(name, image);
        String publishTo = System.getProperty("vqlens.screenshots.dir", "");
        if (!publishTo.isBlank()) {
            Path target = Path.of(publishTo, name);
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
