package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import vqlens.ui.chart.CurveSeries;
import vqlens.ui.chart.LineChartModel;
import vqlens.ui.chart.StepAxis;
import vqlens.ui.plot.LineChartView;

/**
 * Watching learning (issue 12): a run's curves stay beside the next run's to compare, a legend click hides a
 * head's perplexity (so overlapping heads can be told apart), and the x axis can be the wall clock.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardCurvesTest {

    @RegisterExtension
    final Fixture fixture = Fixture.smallRun();

    @Test
    void runsAreComparedHeadsToggledAndTheWallClockIsAnAxis(FxRobot robot) {
        robot.interact(() -> fixture.vm().start());
        Fixture.until("finished", () -> fixture.vm().getState() == RunState.FINISHED);
        fixture.settle();
        double firstLastMse = lastValue(fixture.vm().errorChart().series().get(0));

        // reset (the unsaved run asks first) and train again with another seed
        fixture.resetConfirmed(robot);
        robot.interact(() -> fixture.vm().setup().field("seed").setText("2"));
        robot.interact(() -> fixture.vm().start());
        Fixture.until("finished again", () -> fixture.vm().getState() == RunState.FINISHED);
        fixture.settle();

        LineChartModel error = fixture.vm().errorChart();
        List<LineChartModel.EarlierRun> earlier = error.earlierRuns();
        assertEquals(1, earlier.size());
        assertEquals("run 1", earlier.get(0).label());
        assertEquals(firstLastMse, lastValue(earlier.get(0).series().get(0)), "the first run's curve as it ended");
        LineChartView errorView = (LineChartView) fixture.window.dashboardController().charts().get("error");
        List<String> hover = hoverMiddle(robot, errorView);
        assertTrue(hover.stream().anyMatch(l -> l.startsWith("run 1 · quantisation MSE: ")), hover::toString);

        // a click on head 1's legend entry hides its curve; a double click shows head 0 alone
        LineChartView perplexity = (LineChartView) fixture.window.dashboardController().charts().get("perplexity");
        Map<String, double[]> entries = legend(robot, perplexity);
        robot.interact(() -> perplexity.clickLegend(entries.get("head 1")[0], entries.get("head 1")[1], false));
        assertEquals(List.of("head 0"), names(perplexity.model().shownSeries()));
        assertEquals(List.of("head 0", "head 1"), names(perplexity.model().legendSeries()), "still listed, to show again");
        robot.interact(() -> perplexity.clickLegend(entries.get("head 1")[0], entries.get("head 1")[1], false));
        robot.interact(() -> perplexity.clickLegend(entries.get("head 0")[0], entries.get("head 0")[1], true));
        assertEquals(List.of("head 0"), names(perplexity.model().shownSeries()), "alone");

        // the wall clock as the x axis: the hover names the time
        @SuppressWarnings("unchecked")
        ComboBox<StepAxis> axis = robot.lookup("#stepAxisChoice").queryAs(ComboBox.class);
        robot.interact(() -> axis.setValue(StepAxis.WALL_TIME));
        assertEquals(StepAxis.WALL_TIME, error.stepAxis());
        fixture.settle();
        List<String> wall = hoverMiddle(robot, errorView);
        assertTrue(wall.get(1).matches("at [0-9.]+ s of wall time"), wall::toString);
        assertTrue(error.times().last() > 0, "the steps were timed as they arrived");
    }

    private static Map<String, double[]> legend(FxRobot robot, LineChartView chart) {
        AtomicReference<Map<String, double[]>> out = new AtomicReference<>();
        robot.interact(() -> {
            chart.redraw();
            out.set(chart.legendCentres());
        });
        assertFalse(out.get().isEmpty());
        return out.get();
    }

    private static List<String> hoverMiddle(FxRobot robot, LineChartView chart) {
        AtomicReference<List<String>> out = new AtomicReference<>();
        robot.interact(() -> {
            chart.redraw();
            out.set(chart.hoverAt(chart.getWidth() * 0.6, chart.getHeight() * 0.5));
        });
        assertNotNull(out.get(), "a hover box in the middle of the plot");
        return out.get();
    }

    private static double lastValue(CurveSeries s) {
        return s.value(s.size() - 1);
    }

    private static List<String> names(List<CurveSeries> series) {
        return series.stream().map(CurveSeries::name).toList();
    }
}
