package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shown rate is what arrived, not what was asked for. */
class StepRateTest {
    /** Exact in binary up to the last bits of a division. */
    private static final double RATE_ROUNDING = 1e-12;

    @Test
    void theRateIsStepsOverTheTimeBetweenThemInTheWindow() {
        StepRate r = new StepRate();
        assertTrue(Double.isNaN(r.stepsPerSecond()), "one step is no rate");
        for (int i = 0; i <= 20; i++) {
            r.shown(i + 1, i * 500_000_000L); // asked for 17 steps/s, arriving every 1/2 s
        }
        assertEquals(2.0, r.stepsPerSecond(), RATE_ROUNDING);
        r.shown(22, 10_000_000_000L + 100_000_000L);
        r.shown(23, 10_000_000_000L + 200_000_000L); // faster now: the window forgets the old pace
        assertTrue(r.stepsPerSecond() > 2.0, "follows the recent pace: " + r.stepsPerSecond());
        r.shown(1, 11_000_000_000L);
        assertTrue(Double.isNaN(r.stepsPerSecond()), "a new run starts over");
    }
}
