package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import vqlens.ui.chart.CodeUsageModel;
import vqlens.ui.plot.UsageChartView;

/**
 * A run whose dead-code threshold is far above its fair share re-seeds every code at every step: the usage
 * chart's title, the CSV export and the inspector following the run say how many codes were re-seeded and that
 * they thrash (issue 12).
 */
@ExtendWith(ApplicationExtension.class)
class DashboardRestartsTest {

    @RegisterExtension
    final Fixture fixture = Fixture.window(form -> {
        DashboardViewModelTest.small(form);
        form.field("deadThreshold").setText("1000"); // 128 rows over 16 codes: a fair share of 8
    });

    @TempDir
    Path dir;

    @Test
    void thrashingRestartsShowInTheUsageChartAndTheCsvExport(FxRobot robot) throws Exception {
        robot.interact(() -> fixture.vm().start());
        Fixture.until("finished", () -> fixture.vm().getState() == RunState.FINISHED);
        fixture.settle();

        CodeUsageModel model = fixture.vm().usageModels().get(0);
        assertEquals(16, model.restartedCount(), "every code re-seeded in the last window");
        assertEquals(16, model.thrashing(), "each one re-seeded a step before too");
        assertEquals(16, model.deadCount(), "dead before its restart");
        UsageChartView chart = (UsageChartView) fixture.window.dashboardController().charts().get("usage-head0");
        assertTrue(chart.subtitle().endsWith("16 dead · 16 re-seeded (16 thrashing)"), chart.subtitle());

        // the restarts per step as a curve: every code of both heads, every step after the first
        List<vqlens.ui.chart.CurveSeries> curves = fixture.vm().restartsChart().series();
        vqlens.ui.chart.CurveSeries reseeded = curves.get(0);
        assertEquals("re-seeded", reseeded.name());
        assertEquals(32.0, reseeded.value(reseeded.size() - 1));
        assertEquals(32.0, curves.get(1).value(curves.get(1).size() - 1), "thrashing");

        // the inspector following the same run counts them the trainer's way, not from the EMA after restarts
        vqlens.ui.inspect.InspectorViewModel inspector = fixture.window.inspector();
        robot.interact(() -> inspector.follow(new vqlens.ui.inspect.TrainerLink(fixture.vm().trainerProperty().get())));
        Fixture.until("the inspector shows the run's usage", () -> inspector.getUsage() != null);
        vqlens.ui.inspect.RunHealth health = inspector.getUsage().health();
        assertEquals(16, health.dead(0), "head 0: dead before its restart, on the inspector too");
        assertEquals(16, health.dead(1));
        int thrashing = fixture.vm().usageModels().get(0).thrashing() + fixture.vm().usageModels().get(1).thrashing();
        assertTrue(inspector.getUsage().label().startsWith("dead 16/16 · re-seeded 16/16 (" + thrashing + " thrashing) · EMA usage"),
                inspector.getUsage()::label);
        robot.interact(inspector::stopFollowing);

        Path csv = dir.resolve("metrics.csv");
        robot.interact(() -> fixture.vm().exportMetrics(csv));
        Fixture.until("exported", () -> Files.exists(csv));
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        String[] last = lines.get(lines.size() - 1).split(",", -1);
        assertEquals("16", last[header.indexOf("restarted_0")]);
        assertEquals("16", last[header.indexOf("thrashing_1")]);
        assertEquals("32", last[header.indexOf("restarts")]);

        // the events window lists every restart, filtered by kind
        DashboardController c = fixture.window.dashboardController();
        robot.interact(c::showEvents);
        EventsWindow events = c.eventsWindow();
        try {
            List<vqlens.train.TrainingEvent> all = events.rows();
            assertEquals(fixture.vm().events(), all, "every event of the run");
            robot.interact(() -> events.setKind("restart"));
            List<vqlens.train.TrainingEvent> restarts = events.rows();
            assertTrue(restarts.size() >= 2 * (DashboardViewModelTest.STEPS - 1), "both heads at every step after the first: "
                    + restarts.size());
            assertTrue(restarts.stream().allMatch(e -> e.kind() == vqlens.train.TrainingEvent.Kind.RESTART));
            assertTrue(restarts.get(restarts.size() - 1).message().contains("thrash"), restarts.get(restarts.size() - 1)::message);
        } finally {
            robot.interact(() -> events.stage().close());
        }
    }
}
