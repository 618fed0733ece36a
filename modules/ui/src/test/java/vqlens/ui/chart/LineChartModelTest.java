package vqlens.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Hidden curves, the three x axes and earlier runs kept for comparison. */
class LineChartModelTest {
    /** Interpolated times are sums of a few doubles. */
    private static final double TIME_TOLERANCE = 1e-12;

    private final LineChartModel model = new LineChartModel("Error", "");
    private final CurveSeries mse = model.addSeries("mse");
    private final CurveSeries loss = model.addSeries("loss");

    private void run(int steps, double scale) {
        for (int s = 1; s <= steps; s++) {
            model.times().record(s, s * 0.5);
            mse.append(s, scale / s);
            loss.append(s, 10 * scale / s);
        }
    }

    @Test
    void aHiddenCurveStaysInTheLegendButLeavesTheDrawingAndItsRange() {
        run(10, 1);
        model.setHidden(loss, true);
        assertEquals(List.of(mse, loss), model.legendSeries());
        assertEquals(List.of(mse), model.shownSeries());
        assertEquals(1.0, model.yRange().max(), "the range of what is drawn: the loss (up to 10) is hidden");
        long before = model.version();
        model.setHidden(loss, false);
        assertTrue(model.version() != before, "a toggle redraws");
        assertEquals(10.0, model.yRange().max());
    }

    @Test
    void theXAxisIsTheStepItsLogOrTheWallClock() {
        run(100, 1);
        assertEquals(new Range(1, 100), model.xRange());
        model.setStepAxis(StepAxis.LOG_STEP);
        assertEquals(new Range(0, 2), model.xRange(), "log10 of steps 1 to 100");
        assertEquals(10, model.stepAt(1), TIME_TOLERANCE);
        model.setStepAxis(StepAxis.WALL_TIME);
        assertEquals(new Range(0.5, 50), model.xRange(), "half a second per step");
        assertEquals(20, model.stepAt(10.2), "the last step reached by then");
    }

    @Test
    void stepTimesInterpolateBetweenRecords() {
        StepTimes t = new StepTimes();
        t.record(10, 1.0);
        t.record(20, 3.0);
        t.record(20, 9.0); // a repeated step keeps its first time
        assertEquals(2.0, t.secondsAt(15), TIME_TOLERANCE);
        assertEquals(1.0, t.secondsAt(5), "before the first record: the first time");
        assertEquals(3.0, t.secondsAt(99), "after the last: the last");
        assertEquals(10, t.stepAt(2.9));
    }

    @Test
    void earlierRunsAreKeptToCompareThreeAtMost() {
        for (int r = 1; r <= 4; r++) {
            run(5, r);
            model.keepAsEarlierRun("run " + r);
            assertTrue(mse.isEmpty(), "the next run starts empty");
            assertTrue(model.times().isEmpty());
        }
        List<LineChartModel.EarlierRun> kept = model.earlierRuns();
        assertEquals(List.of("run 2", "run 3", "run 4"), kept.stream().map(LineChartModel.EarlierRun::label).toList());
        CurveSeries oldMse = kept.get(0).series().get(0);
        assertEquals("run 2 · mse", oldMse.name());
        assertEquals(2.0, oldMse.value(0), "the curve as it was");
        assertEquals(List.of(0, 1), kept.get(0).index(), "each copy keeps its curve's colour");
        assertEquals(40.0, model.yRange().max(), "earlier runs count in the range: run 4's loss starts at 40");
        model.setShowEarlierRuns(false);
        assertEquals(List.of(), model.earlierRuns());
        assertEquals(3, model.earlierRunsKept().size(), "hidden, not forgotten");
        model.clearEarlierRuns();
        assertFalse(model.earlierRunsKept().iterator().hasNext());
    }
}
