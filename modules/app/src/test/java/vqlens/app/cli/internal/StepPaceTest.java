package vqlens.app.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ETA's pace on made-up clocks: a slow warm-up must not make the first ETA shown far off. */
class StepPaceTest {
    private static final long MS = 1_000_000L;
    /** The check: the first ETA shown is within this factor of the time really left. */
    private static final double FIRST_ETA_FACTOR = 3;
    /** A steady pace is measured to well within this, whatever the window (the steps are exact on this clock). */
    private static final double STEADY_TOLERANCE = 1e-9;

    /**
     * A run like 4 x 256 codes of 96 on a cold JVM (measured: ~2 s of slow steps): after the first step (the
     * mark), 25 steps of 80 ms while the JIT warms up, then 8 ms a step to 1000; the bar asks every 100 ms.
     */
    @Test
    void theFirstEtaShownAfterAWarmUpIsNearTheTimeLeft() {
        StepPace pace = new StepPace();
        Double firstEta = null;
        double left = Double.NaN;
        for (long t = 0; firstEta == null; t += 100 * MS) {
            long step = stepAt(t);
            StepPace.Pace p = pace.after(t, step);
            if (t < StepPace.SETTLE_NANOS) {
                assertNull(p, "no ETA while the pace is the warm-up's, at " + t / MS + " ms");
            } else if (p != null) {
                firstEta = p.seconds() / p.steps() * (TOTAL - step);
                left = (timeOf(TOTAL) - t) / 1e9;
            }
        }
        assertWithinFactor(firstEta, left);
        // what the bar showed before: the pace since the first step, from the next redraw on (the 0:45)
        double before = 0.100 / (stepAt(100 * MS) - 1) * (TOTAL - stepAt(100 * MS));
        double leftThen = (timeOf(TOTAL) - 100 * MS) / 1e9;
        assertTrue(before > leftThen * FIRST_ETA_FACTOR, "the check tells the old rule apart: " + before + " s vs " + leftThen + " s");
    }

    private static void assertWithinFactor(double eta, double left) {
        assertTrue(eta <= left * FIRST_ETA_FACTOR && eta >= left / FIRST_ETA_FACTOR,
                "first ETA " + eta + " s, really left " + left + " s");
    }

    @Test
    void aSteadyPaceIsMeasuredExactlyAndALongRunFollowsItsLastMinute() {
        StepPace pace = new StepPace();
        long step = 0;
        StepPace.Pace p = null;
        for (long t = 0; t <= 200_000 * MS; t += 100 * MS) { // 200 s: 1 step per 100 ms, then 1 per 50 ms
            step += t <= 100_000 * MS ? 1 : 2;
            p = pace.after(t, step);
            if (t == 90_000 * MS) {
                assertNotNull(p);
                assertEquals(0.1, p.seconds() / p.steps(), STEADY_TOLERANCE);
            }
        }
        assertNotNull(p);
        assertEquals(0.05, p.seconds() / p.steps(), STEADY_TOLERANCE, "the window of the last minute holds the new pace only");
    }

    @Test
    void aRunOfSlowStepsGetsItsEtaFromTheStepsItHas() {
        StepPace pace = new StepPace();
        assertNull(pace.after(0, 1), "the first step is the mark");
        StepPace.Pace p = pace.after(10_000 * MS, 2); // one step of 10 s
        assertNotNull(p);
        assertEquals(10, p.seconds() / p.steps(), STEADY_TOLERANCE);
    }

    private static final long TOTAL = 1000;
    private static final int WARM_STEPS = 25;

    private static long stepAt(long nanos) {
        long warm = WARM_STEPS * 80 * MS;
        return nanos < warm ? 1 + nanos / (80 * MS) : Math.min(TOTAL, 1 + WARM_STEPS + (nanos - warm) / (8 * MS));
    }

    private static long timeOf(long step) {
        return WARM_STEPS * 80 * MS + (step - 1 - WARM_STEPS) * 8 * MS;
    }
}
