package vqlens.app.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The progress bar's ETA: paced by the steps after the first (whose set-up would inflate it), as a clock. */
class TrainReportTest {

    @Test
    void theEtaFollowsThePaceOfTheStepsSinceTheMark() {
        assertEquals("--:--", TrainReport.eta(0, 5.0, 100), "no step since the mark yet: no pace");
        assertEquals("0:50", TrainReport.eta(10, 5.0, 100), "0.5 s per step, 100 steps left");
        assertEquals("1:23:20", TrainReport.eta(1, 1.0, 5000), "hours once it is long");
    }

    @Test
    void clocksRoundToTheSecond() {
        assertEquals("0:00", TrainReport.clock(0.4));
        assertEquals("1:01", TrainReport.clock(60.6));
    }
}
