package vqlens.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.train.data.SyntheticData;
import vqlens.ui.theme.Theme;

/**
 * Renders the inspector headless at fixed seeds into {@code <build dir>/screenshots/} (and, with
 * {@code -Dvqlens.screenshots.dir=DIR}, into DIR: the README's pictures): the window on the seed codebook
 * (heatmap; usage counted from 5,000 standard-normal rows, seed 1) in the light and the dark theme, the
 * heatmap, the distance matrix, and the 2-D teaching codebook with its data (2-D view, code detail).
 */
@ExtendWith(ApplicationExtension.class)
@Tag("screenshots") // pictures for the docs, made by the screenshots command, not a check of behaviour
class InspectorScreenshotTest {

    @RegisterExtension
    final InspectorFixture fixture = new InspectorFixture();

    @Test
    void rendersTheInspector(FxRobot robot) throws IOException {
        InspectorController c = fixture.controller();
        InspectorViewModel vm = fixture.vm();
        SyntheticData.Dataset normal = SyntheticData.standardNormal(5000, 384, 1);
        InspectorFixture.fx(robot, () -> {
            c.openCodebook(Samples.codebooks().resolve("reference-4x256x96.npz"));
        });
        InspectorFixture.fx(robot, () -> {
            vm.setData(new DataSample(normal.values(), 5000, 384, "5,000 rows of normal: 5000 x 384, seed 1"));
            vm.selectedCodeProperty().set(17);
        });
        InspectorFixture.until("usage counted", () -> vm.getUsage() != null && c.heatmap().isUpToDate());
        Path window = InspectorFixture.publish("inspector-window.png", InspectorFixture.snapshot(robot, fixture.stage.getScene().getRoot()));
        assertTrue(Files.size(window) > 30_000, "a rendered window");
        InspectorFixture.publish("inspector-heatmap.png", InspectorFixture.snapshot(robot, c.heatmap()));

        InspectorFixture.fx(robot, () -> c.plots().getSelectionModel().select(1));
        InspectorFixture.until("the matrix is drawn", () -> c.distanceMatrix().isUpToDate());
        InspectorFixture.publish("inspector-distances.png", InspectorFixture.snapshot(robot, c.distanceMatrix()));

        InspectorFixture.fx(robot, () -> fixture.window.setTheme(Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        InspectorFixture.publish("inspector-dark.png", InspectorFixture.snapshot(robot, fixture.stage.getScene().getRoot()));
        InspectorFixture.fx(robot, () -> fixture.window.setTheme(Theme.LIGHT));

        InspectorFixture.fx(robot, () -> c.openCodebook(Samples.codebooks().resolve("teaching-1x16x2.npz")));
        InspectorFixture.fx(robot, () -> {
            vm.setData(blobs());
            vm.selectedCodeProperty().set(5);
            c.plots().getSelectionModel().select(2);
        });
        WaitForAsyncUtils.waitForFxEvents();
        // The panes alone (inspector-2d.png, inspector-code-detail.png) come from ViewsScreenshotTest.
        InspectorFixture.publish("inspector-window-2d.png", InspectorFixture.snapshot(robot, fixture.stage.getScene().getRoot()));
    }

    /** 1,024 rows: 64 around each of the 16 teaching codes, σ 0.6, seed 20240601 (as the file was made). */
    static DataSample blobs() {
        var cb = vqlens.core.io.CodebookFiles.load(Samples.codebooks().resolve("teaching-1x16x2.npz"));
        java.util.Random r = new java.util.Random(20240601);
        float[] v = new float[1024 * 2];
        for (int i = 0; i < 1024; i++) {
            int code = i % 16;
            v[2 * i] = (float) (cb.value(0, code, 0) + 0.6 * r.nextGaussian());
            v[2 * i + 1] = (float) (cb.value(0, code, 1) + 0.6 * r.nextGaussian());
        }
        return new DataSample(v, 1024, 2, "1,024 rows of 16 blobs (σ 0.6, seed 20240601)");
    }
}
