package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import vqlens.train.Checkpoint;
import vqlens.train.VqVaeShape;
import vqlens.ui.chart.CurveSeries;
import vqlens.ui.plot.ReconstructionChartView;

/**
 * The window trains a VQ-VAE (issue 12): the mode from the set-up, the pictures beside the charts refreshing as
 * it learns, the reconstruction error as its own curve, and a save that keeps the network.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardVqVaeTest {
    private static final int STEPS = 24;

    @RegisterExtension
    final Fixture fixture = Fixture.window(form -> {
    });

    @TempDir
    Path dir;

    @Test
    void aVqVaeTrainsFromTheSetUpAndShowsItsReconstructions(FxRobot robot) throws Exception {
        robot.clickOn("#vqvaeModeToggle");
        SetupForm form = fixture.vm().setup();
        robot.interact(() -> {
            DashboardViewModelTest.small(form); // 2 heads x 16 codes of a latent 8, a snapshot every step
            form.field("hidden").setText("64");
            form.field("rows").setText("512");
            form.field("batch").setText("32");
            form.field("maxSteps").setText(Integer.toString(STEPS));
        });
        assertTrue(form.isValid(), form.problemProperty().get());
        assertTrue(robot.lookup("#picturesHost").query().isVisible(), "VQ-VAE mode opens the pictures");
        assertFalse(robot.lookup("#histogramGrid").query().isVisible());

        robot.interact(() -> fixture.vm().start());
        Fixture.until("finished", () -> fixture.vm().getState() == RunState.FINISHED);
        fixture.settle();

        ReconstructionChartView pictures = robot.lookup("#picturesChart").queryAs(ReconstructionChartView.class);
        assertFalse(pictures.model().isEmpty(), "the run's pictures reached the view");
        assertEquals(8, pictures.model().view().samples());
        assertTrue(pictures.model().view().step() > 0);
        assertTrue(pictures.title().startsWith("Reconstructions · step "), pictures.title());

        CurveSeries reconstruction = fixture.vm().errorChart().shownSeries().stream()
                .filter(c -> c.name().equals("reconstruction MSE")).findFirst().orElseThrow();
        assertEquals(STEPS, reconstruction.size(), "one point per step");
        assertEquals("Error", fixture.vm().errorChart().title(), "not only the quantisation's: the legend names each");

        // hover: a sample names its codes; a code says what its picture is
        List<String> sample = hoverFirst(robot, pictures, true);
        assertTrue(sample.get(0).startsWith("sample 0"), sample::toString);
        assertTrue(sample.get(1).startsWith("codes head 0: "), sample::toString);
        @SuppressWarnings("unchecked")
        ComboBox<String> heads = robot.lookup("#pictureHeadChoice").queryAs(ComboBox.class);
        robot.interact(() -> heads.getSelectionModel().select(1));
        fixture.settle();
        assertEquals(1, pictures.model().head());
        List<String> code = hoverFirst(robot, pictures, false);
        assertTrue(code.get(0).startsWith("head 1 · code 0"), code::toString);

        // the distances stay one click away
        robot.clickOn("#distancesViewToggle");
        assertTrue(robot.lookup("#histogramGrid").query().isVisible());
        assertFalse(robot.lookup("#picturesHost").query().isVisible());

        // saved as .npz: the checkpoint holds the network, so the run can go on
        Path file = dir.resolve("vae.npz");
        robot.interact(() -> fixture.vm().save(file));
        Fixture.until("saved", () -> Files.exists(file));
        Fixture.until("notice", () -> fixture.vm().noticeProperty().get().startsWith("Saved vae.npz"));
        assertTrue(fixture.vm().noticeProperty().get().contains("network"), fixture.vm().noticeProperty().get());
        Checkpoint saved = Checkpoint.load(file);
        assertEquals(new VqVaeShape(256, List.of(64)), saved.settings().network());
        assertEquals(STEPS, saved.state().step());
    }

    @Test
    void aSavedVqVaeContinuesWhenOpenedAgainAndRefusesToRestartItsNetworkFromCodebooks(FxRobot robot) {
        SetupForm form = fixture.vm().setup();
        robot.interact(() -> {
            form.setVqvae(true);
            DashboardViewModelTest.small(form);
            form.field("hidden").setText("32");
            form.field("rows").setText("256");
            form.field("batch").setText("32");
            form.field("maxSteps").setText("4");
        });
        robot.interact(() -> fixture.vm().start());
        Fixture.until("four steps", () -> fixture.vm().getState() == RunState.FINISHED);
        fixture.settle();
        Path file = dir.resolve("vae.npz");
        robot.interact(() -> fixture.vm().save(file));
        Fixture.until("saved", () -> fixture.vm().noticeProperty().get().startsWith("Saved vae.npz"));

        robot.interact(() -> {
            fixture.vm().reset();
            form.setVqvae(false); // the file decides the mode
            fixture.vm().openCodebook(file, null);
        });
        Fixture.until("opened", () -> !fixture.vm().openedCodebookProperty().get().isEmpty());
        assertTrue(form.vqvaeProperty().get(), "a VQ-VAE checkpoint opens in VQ-VAE mode");
        assertEquals("32", form.field("hidden").getText());

        robot.interact(() -> form.field("seed").setText("99"));
        robot.interact(() -> fixture.vm().start());
        Fixture.until("refused", () -> fixture.vm().messageProperty().get() != null);
        assertTrue(fixture.vm().messageProperty().get().text().startsWith("a VQ-VAE continues its checkpoint only with"),
                fixture.vm().messageProperty().get()::text);
        assertEquals(RunState.NONE, fixture.vm().getState(), "nothing started");

        robot.interact(() -> {
            form.field("seed").setText("1");
            form.field("maxSteps").setText("7");
        });
        robot.interact(() -> fixture.vm().start());
        Fixture.until("seven steps", () -> fixture.vm().getState() == RunState.FINISHED && fixture.vm().getStep() == 7);
        fixture.settle();
        assertFalse(fixture.vm().reconstructionModel().isEmpty(), "the network went on learning and drawing");
    }

    /** Hovers over the first sample picture (or the first code picture) found by scanning the chart, on the FX thread. */
    private static List<String> hoverFirst(FxRobot robot, ReconstructionChartView chart, boolean sample) {
        AtomicReference<List<String>> found = new AtomicReference<>();
        robot.interact(() -> {
            for (double y = 0; y < chart.getHeight() && found.get() == null; y += 2) {
                for (double x = 0; x < Math.min(chart.getWidth(), 60) && found.get() == null; x += 2) {
                    List<String> lines = chart.hoverAt(x, y);
                    if (lines != null && lines.get(0).startsWith(sample ? "sample" : "head")) {
                        found.set(lines);
                    }
                }
            }
        });
        if (found.get() == null) {
            throw new AssertionError("no " + (sample ? "sample" : "code") + " picture under the mouse anywhere");
        }
        return found.get();
    }
}
