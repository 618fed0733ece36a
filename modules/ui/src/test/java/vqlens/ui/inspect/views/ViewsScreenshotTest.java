package vqlens.ui.inspect.views;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.control.Spinner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.ui.inspect.InspectorViewModel;
import vqlens.ui.theme.Theme;

/**
 * Renders each pane headless into {@code <build dir>/screenshots/} (and, with
 * {@code -Dvqlens.screenshots.dir=DIR}, into DIR: the README's pictures): the 2-D view of the teaching codebook
 * with blobs, a PCA view, a code's detail and the quick encode/decode of a shape image.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("screenshots") // pictures for the docs, made by the screenshots command, not a check of behaviour
class ViewsScreenshotTest {

    @Test
    void rendersEachPane(FxRobot robot) throws IOException {
        InspectorViewModel vm = new InspectorViewModel();
        ProjectionPane[] projection = new ProjectionPane[1];
        robot.interact(() -> {
            ViewsFixture.teaching(vm);
            vm.selectedCodeProperty().set(5);
            projection[0] = new ProjectionPane(vm);
        });
        ViewsFixture.showAlone(robot, projection[0], 640, 600);
        Path plane = ViewsFixture.publish("inspector-2d.png", ViewsFixture.snapshot(robot, ViewsFixture.stage().getScene().getRoot()));
        assertTrue(Files.size(plane) > 10_000, "a rendered view");
        robot.interact(() -> Theme.DARK.applyTo(ViewsFixture.stage().getScene()));
        WaitForAsyncUtils.waitForFxEvents();
        ViewsFixture.keep("inspector-2d-dark.png", ViewsFixture.snapshot(robot, ViewsFixture.stage().getScene().getRoot()));
        robot.interact(() -> Theme.LIGHT.applyTo(ViewsFixture.stage().getScene()));

        robot.interact(() -> {
            ViewsFixture.mixture(vm);
            vm.selectedCodeProperty().set(3);
        });
        WaitForAsyncUtils.waitForFxEvents();
        ViewsFixture.publish("inspector-pca.png", ViewsFixture.snapshot(robot, ViewsFixture.stage().getScene().getRoot()));

        CodeDetailPane[] detail = new CodeDetailPane[1];
        robot.interact(() -> detail[0] = new CodeDetailPane(vm));
        ViewsFixture.showAlone(robot, detail[0], 560, 480);
        ViewsFixture.publish("inspector-code-detail.png", ViewsFixture.snapshot(robot, ViewsFixture.stage().getScene().getRoot()));

        QuickCodecPane[] codec = new QuickCodecPane[1];
        robot.interact(() -> {
            ViewsFixture.shapes(vm);
            codec[0] = new QuickCodecPane(vm);
        });
        ViewsFixture.showAlone(robot, codec[0], 720, 640);
        @SuppressWarnings("unchecked")
        Spinner<Integer> row = robot.lookup("#codecRow").queryAs(Spinner.class);
        robot.interact(() -> row.getValueFactory().setValue(12));
        robot.clickOn(robot.lookup("#codecHead2 .increment-arrow-button").queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        ViewsFixture.publish("inspector-quick-codec.png", ViewsFixture.snapshot(robot, ViewsFixture.stage().getScene().getRoot()));
    }
}
