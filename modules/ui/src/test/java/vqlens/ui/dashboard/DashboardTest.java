package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.train.Trainer;
import vqlens.train.TrainerState;
import vqlens.ui.plot.CanvasChart;

/** The dashboard in a real (headless) window with real training on its own thread. No sleeps: waits for states. */
@ExtendWith(ApplicationExtension.class)
class DashboardTest {

    @RegisterExtension
    final Fixture fixture = Fixture.window(form -> {
        DashboardViewModelTest.small(form);
        form.field("snapshotEvery").setText("0"); // auto, as a user has it
    });

    private DashboardViewModel vm() {
        return fixture.vm();
    }

    private Map<String, CanvasChart> charts() {
        return fixture.window.dashboardController().charts();
    }

    @Test
    void startFillsTheCharts(FxRobot robot) {
        assertEquals(3, charts().size(), "no per-head charts before a run: error, perplexity, restarts");
        robot.clickOn("#startButton");
        Fixture.until("finished", () -> vm().getState() == RunState.FINISHED);
        fixture.settle();

        assertEquals(DashboardViewModelTest.STEPS, vm().getStep());
        assertEquals(3 + 2 * 2, charts().size(), "a usage and a distance chart per head, beside the three curves");
        assertEquals(DashboardViewModelTest.STEPS, vm().errorChart().series().get(0).size(), "every step on the curve");
        for (int h = 0; h < 2; h++) {
            assertEquals(DashboardViewModelTest.STEPS, vm().perplexityChart().series().get(h).size());
            assertFalse(vm().usageModels().get(h).isEmpty());
            assertNotNull(vm().histogramModels().get(h).current());
        }
        for (Map.Entry<String, CanvasChart> e : charts().entrySet()) {
            assertTrue(e.getValue().drawCount() > 0, e.getKey() + " was drawn");
            assertTrue(e.getValue().isUpToDate(), e.getKey() + " shows the latest data");
        }
        assertTrue(robot.lookup("#stepLabel").queryAs(Label.class).getText().startsWith("step " + DashboardViewModelTest.STEPS));
        // the rest of the status bar: samples/s, elapsed compute time, backend, memory
        String rate = robot.lookup("#rateLabel").queryAs(Label.class).getText();
        assertTrue(rate.matches("[0-9.]+[kM]? samples/s") && !rate.startsWith("0 "), rate);
        assertTrue(robot.lookup("#elapsedLabel").queryAs(Label.class).getText().matches("compute \\d+:\\d\\d · wall \\d+:\\d\\d"),
                "both times, named");
        assertTrue(robot.lookup("#statusLabel").queryAs(Label.class).getText().contains("CPU"));
        assertTrue(robot.lookup("#memoryLabel").queryAs(Label.class).getText().matches("heap [0-9,]+ / [0-9,]+ MB"));
    }

    @Test
    void pauseStopsTheChartsAndSpaceResumes(FxRobot robot) throws InterruptedException {
        robot.interact(() -> vm().setup().field("maxSteps").setText("0")); // no limit
        robot.clickOn("#startButton");
        Fixture.until("some steps", () -> vm().getStep() >= 5);
        robot.clickOn("#errorChart"); // the focus on the charts: Space is pause/resume there
        robot.push(KeyCode.SPACE);
        Fixture.until("paused", () -> vm().getState() == RunState.PAUSED);
        fixture.settle();

        Trainer trainer = fixture.trainers.last.get();
        long step = vm().getStep();
        assertEquals(trainer.snapshot().step(), step, "the view shows where training stopped");
        assertEquals(TrainerState.PAUSED, trainer.state());
        long version = vm().chartsVersionProperty().get();
        int points = vm().errorChart().series().get(0).size();
        long draws = charts().get("error").drawCount();
        assertEquals(step, points);

        // nothing is queued and the trainer is idle: whatever runs now on the FX thread changes nothing
        assertTrue(trainer.awaitIdle(Duration.ofSeconds(10)));
        WaitForAsyncUtils.waitForFxEvents(10);
        assertEquals(step, vm().getStep());
        assertEquals(version, vm().chartsVersionProperty().get());
        assertEquals(points, vm().errorChart().series().get(0).size());
        assertEquals(draws, charts().get("error").drawCount(), "no redraw while paused");
        assertEquals("Resume", robot.lookup("#pauseButton").queryAs(Button.class).getText());
        String rate = robot.lookup("#rateLabel").queryAs(Label.class).getText();
        assertTrue(rate.matches("[0-9.]+[kM]? samples/s") && !rate.startsWith("0 "), "paused: the last pace, not blank: " + rate);

        robot.push(KeyCode.SPACE);
        Fixture.until("running further", () -> vm().getStep() > step + 3);
        robot.clickOn("#stopButton");
        Fixture.until("stopped", () -> vm().getState() == RunState.STOPPED);
    }

    @Test
    void pickingATwoDimensionalTeachingSetInTheWindowGivesARunnablePlane(FxRobot robot) {
        robot.clickOn("#builtInDataToggle");
        robot.clickOn("#datasetChoice");
        robot.clickOn("blobs (2-D)");
        assertEquals("1", robot.lookup("#headsField").queryAs(TextField.class).getText(), "one head");
        assertEquals("2", robot.lookup("#dimField").queryAs(TextField.class).getText(), "a plane");
        assertTrue(vm().setup().isValid(), vm().setup().problemProperty().get());
        robot.clickOn("#startButton");
        Fixture.until("finished", () -> vm().getState() == RunState.FINISHED);
        vqlens.core.QuantizerConfig q = fixture.trainers.last.get().settings().quantizer();
        assertEquals(1, q.heads());
        assertEquals(2, q.embeddingDim());
    }

    @Test
    void stepRunsExactlyOneStep(FxRobot robot) {
        robot.clickOn("#errorChart");
        robot.push(KeyCode.RIGHT);
        Fixture.until("one step", () -> vm().getState() == RunState.PAUSED);
        fixture.settle();
        assertEquals(1, vm().getStep());
        assertEquals(1, fixture.trainers.last.get().history().size());

        robot.clickOn("#stepButton");
        Fixture.until("two steps", () -> vm().getStep() == 2);
        fixture.settle();
        assertEquals(2, fixture.trainers.last.get().history().size(), "exactly one more");
        assertEquals(2, vm().errorChart().series().get(0).size());
        assertEquals(RunState.PAUSED, vm().getState());
    }

    @Test
    void anInvalidValueIsMarkedAtTheFieldAndNothingStarts(FxRobot robot) {
        TextField heads = robot.lookup("#headsField").queryAs(TextField.class);
        robot.doubleClickOn(heads).eraseText(3).write("3");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("3", heads.getText());
        assertTrue(heads.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("invalid")));
        Label error = robot.lookup("#headsError").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertEquals("must divide the dimension 8: 1, 2, 4, 8", error.getText());
        assertTrue(robot.lookup("#startButton").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#stepButton").queryAs(Button.class).isDisabled());

        robot.clickOn("#errorChart");
        robot.push(KeyCode.SPACE);
        robot.push(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(RunState.NONE, vm().getState());
        assertEquals(null, fixture.trainers.last.get(), "no trainer was made");

        robot.doubleClickOn(heads).eraseText(3).write("2");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(error.isVisible());
        assertFalse(robot.lookup("#startButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void aCorruptFileShowsADialogAndTheAppKeepsRunning(FxRobot robot, @TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.npz");
        Files.write(bad, "PK\u0003\u0004 not a zip at all".getBytes(StandardCharsets.ISO_8859_1));
        robot.interact(() -> vm().openCodebook(bad, null));
        Fixture.until("an error dialog", () -> Fixture.dialog().isPresent());
        DialogPane pane = Fixture.dialog().orElseThrow();
        assertEquals("Cannot open the codebook", pane.getHeaderText());
        String text = ((Label) pane.lookup("#dashboardMessageText")).getText();
        assertTrue(text.startsWith(bad.toString() + ": "), text);
        robot.clickOn(pane.lookupButton(javafx.scene.control.ButtonType.OK));
        Fixture.until("the dialog closed", () -> Fixture.dialog().isEmpty());

        assertTrue(fixture.stage.isShowing());
        robot.clickOn("#startButton");
        Fixture.until("training works", () -> vm().getState() == RunState.FINISHED);
    }

    @Test
    void hoverShowsExactValuesAndChartsExportAsPng(FxRobot robot, @TempDir Path dir) throws IOException {
        robot.clickOn("#startButton");
        Fixture.until("finished", () -> vm().getState() == RunState.FINISHED);
        fixture.settle();
        CanvasChart error = charts().get("error");
        List<String>[] lines = new List[1];
        robot.interact(() -> lines[0] = error.hoverAt(error.getWidth() - 20, error.getHeight() / 2));
        assertNotNull(lines[0]);
        assertTrue(lines[0].get(0).startsWith("step "), lines[0].toString());
        assertTrue(lines[0].stream().anyMatch(l -> l.startsWith("quantisation MSE: ")), lines[0].toString());
        CanvasChart usage = charts().get("usage-head0");
        robot.interact(() -> lines[0] = usage.hoverAt(usage.getWidth() / 2, usage.getHeight() - 40));
        assertTrue(lines[0].get(0).startsWith("code "), String.valueOf(lines[0]));

        robot.interact(() -> fixture.window.dashboardController().exportCharts(dir));
        Fixture.until("seven pictures", () -> {
            try (var files = Files.list(dir)) {
                return files.count() == 7;
            } catch (IOException e) {
                return false;
            }
        });
        byte[] png = Files.readAllBytes(dir.resolve("distances-head1.png"));
        assertTrue(Arrays.equals(Arrays.copyOf(png, 4), new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
    }

    @Test
    void theViewMenuSwitchesToTheDarkTheme(FxRobot robot) {
        robot.clickOn("View");
        robot.clickOn("Dark theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fixture.stage.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css")));
        robot.clickOn("View");
        robot.clickOn("Light theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fixture.stage.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("light.css")));
    }
}
