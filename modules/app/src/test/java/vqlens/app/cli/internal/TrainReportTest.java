package vqlens.app.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import vqlens.train.StepMetrics;

/**
 * The progress bar: its line at the usual terminal widths, and its ETA (paced by the steps after the first,
 * whose set-up would inflate it) as a clock.
 */
class TrainReportTest {
    /** Step 4,500 of 10,000 of 4 heads x 256 codes, with restarts: the longest line the bar draws for this shape. */
    private static final StepMetrics STEP = new StepMetrics(4500, 92.16, 1024, 0.0151, Double.NaN, 0.0121, 0.0121,
            0.0121, new double[] {201.3, 187.9, 222.4, 199.0}, new int[] {240, 231, 250, 238}, new int[] {3, 0, 12, 1},
            new int[] {3, 0, 12, 1}, new int[] {0, 0, 2, 0}, 2_345_678, 3.4);

    private static String barAt(int columns) {
        TrainReport report = new TrainReport(new PrintWriter(new StringWriter()), TrainReport.Style.BAR, 0, 10_000, 1000,
                null, new TerminalWidth(String.valueOf(columns), OptionalInt::empty));
        return report.bar(STEP, 0);
    }

    @Test
    void theBarFitsFortyEightyOneTwentyAndTwoHundredColumns() {
        for (int columns : List.of(40, 80, 120, 200)) {
            String line = barAt(columns);
            assertTrue(ProgressLine.columns(line) < columns, columns + " columns: '" + line + "'");
            assertTrue(line.contains("45% step 4500/10000 ETA --:--"), "percent, step/total and ETA stay: " + line);
        }
        assertEquals("[###########.............]  45% step 4500/10000 ETA --:-- | mse 0.01210 ppl 201.3/187.9/222.4/199.0"
                + " used 240/231/250/238 dead 3/0/12/1 restarted 3/0/12/1 (2 thrashing) | 2.35M rows/s", barAt(200),
                "everything at 200 columns");
        assertEquals("[###########.............]  45% step 4500/10000 ETA --:-- | mse 0.01210"
                + " dead 3/0/12/1 restarted 3/0/12/1 (2 thrashing)", barAt(120), "rows/s, the codes used, then perplexity go first");
        assertEquals("[###########.............]  45% step 4500/10000 ETA --:-- | mse 0.01210", barAt(80),
                "then the dead and restarted codes");
        assertEquals("45% step 4500/10000 ETA --:--", barAt(40), "the bar went before the mse, then the mse");
    }

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
