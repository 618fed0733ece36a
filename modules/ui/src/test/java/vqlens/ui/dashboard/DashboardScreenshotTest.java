package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.control.TextField;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.ui.plot.CanvasChart;
import vqlens.ui.theme.Theme;

/**
 * Renders the dashboard headless at a fixed seed into {@code <build dir>/screenshots/} (and, with
 * {@code -Dvqlens.screenshots.dir=DIR}, into DIR: the README's pictures): the window mid-training in the
 * light and the dark theme, each chart, and the set-up panel with an invalid value.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("screenshots") // pictures for the docs, made by the screenshots command, not a check of behaviour
class DashboardScreenshotTest {
    static final long PAUSE_AT = 400;

    @RegisterExtension
    final Fixture fixture = Fixture.window(form -> { });

    @Test
    void rendersTheDashboardAndEachChart(FxRobot robot) throws IOException {
        SetupForm form = fixture.vm().setup();
        Fixture.fx(robot, () -> {
            form.field("snapshotEvery").setText("10");
            form.field("maxSteps").setText("2000");
        });
        runUntilPaused(robot);
        assertEquals(PAUSE_AT, fixture.vm().getStep());

        Path window = Fixture.publish("dashboard.png", Fixture.snapshot(robot, fixture.stage.getScene().getRoot()));
        assertTrue(Files.size(window) > 30_000, "a rendered window");
        DashboardController c = fixture.window.dashboardController();
        Fixture.publish("chart-error.png", Fixture.snapshot(robot, c.charts().get("error")));
        Fixture.publish("chart-perplexity.png", Fixture.snapshot(robot, c.charts().get("perplexity")));
        Fixture.publish("chart-usage.png", Fixture.snapshot(robot, c.charts().get("usage-head0").getParent()));
        Fixture.publish("chart-distances.png", Fixture.snapshot(robot, c.charts().get("distances-head0").getParent()));
        // the hover box: the error curves at two thirds of the run, then away again
        CanvasChart error = c.charts().get("error");
        Fixture.fx(robot, () -> error.hoverAt(error.getWidth() * 0.66, error.getHeight() * 0.5));
        Fixture.publish("chart-hover.png", Fixture.snapshot(robot, error));
        Fixture.fx(robot, () -> error.hoverAt(Double.NaN, Double.NaN));

        Fixture.fx(robot, c::showEvents);
        WaitForAsyncUtils.waitForFxEvents();
        Fixture.publish("events.png", Fixture.snapshot(robot, c.eventsWindow().stage().getScene().getRoot()));
        Fixture.fx(robot, () -> c.eventsWindow().stage().close());

        Fixture.fx(robot, () -> fixture.window.setTheme(Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        Fixture.publish("dashboard-dark.png", Fixture.snapshot(robot, fixture.stage.getScene().getRoot()));
        Fixture.fx(robot, () -> fixture.window.setTheme(Theme.LIGHT));

        fixture.resetConfirmed(robot); // the run is not saved: Reset asks first
        Fixture.fx(robot, () -> form.field("heads").setText("5"));
        WaitForAsyncUtils.waitForFxEvents();
        TextField heads = robot.lookup("#headsField").queryAs(TextField.class);
        assertTrue(heads.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("invalid")));
        Fixture.publish("setup-invalid.png", Fixture.snapshot(robot, c.setupPanel()));
        Fixture.publish("dashboard-invalid.png", Fixture.snapshot(robot, fixture.stage.getScene().getRoot()));
    }

    @Test
    void rendersAVqVaeLearningTheShapes(FxRobot robot) throws IOException {
        SetupForm form = fixture.vm().setup();
        Fixture.fx(robot, () -> {
            form.setVqvae(true); // the documented set-up: shapes, hidden 256,128, latent 32, 4 x 64 codes, Adam
            form.field("snapshotEvery").setText("10");
            form.field("maxSteps").setText("2000");
        });
        runUntilPaused(robot);
        Fixture.publish("dashboard-vqvae.png", Fixture.snapshot(robot, fixture.stage.getScene().getRoot()));
        DashboardController c = fixture.window.dashboardController();
        Fixture.publish("chart-pictures.png", Fixture.snapshot(robot, c.charts().get("pictures")));

        // a second run at a lower learning rate, overlaid on the first, over a log step axis
        fixture.resetConfirmed(robot);
        Fixture.fx(robot, () -> {
            form.field("learningRate").setText("0.0005");
            fixture.vm().setStepAxis(vqlens.ui.chart.StepAxis.LOG_STEP);
        });
        runUntilPaused(robot);
        Fixture.publish("chart-compare.png", Fixture.snapshot(robot, c.charts().get("error")));
    }

    /** Starts the run and waits until it paused at {@link #PAUSE_AT} and every snapshot is shown. */
    private void runUntilPaused(FxRobot robot) {
        fixture.trainers.pauseAt.set(PAUSE_AT);
        Fixture.fx(robot, () -> fixture.vm().start());
        Fixture.until("paused at step " + PAUSE_AT, () -> fixture.vm().getState() == RunState.PAUSED);
        fixture.settle();
    }
}
