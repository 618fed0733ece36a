package vqlens.ui.learn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import vqlens.train.data.DigitsData;

/** Lesson 7 without JavaFX: the live run learns, the collapse comparison shows a collapse, the tasks follow. */
class VqVaeLessonModelTest {
    /** The bar for "learns": held-out MSE after 300 steps at most 0.6× step 1's (measured ~0.13×). */
    private static final double LEARNED = VqVaeLessonModel.LEARNED_RATIO;
    /** The bars for the collapse: ≤ 0.5× the fix's perplexity, ≥ 50 % of codes dead (measured 0.26–0.36, 64–76 %). */
    private static final double COLLAPSED_PERPLEXITY = VqVaeLessonModel.COLLAPSE_RATIO;
    private static final double COLLAPSED_UNUSED = 0.5;

    @Test
    void theLiveRunLearnsTheDigitsAndShowsEveryTenSteps() {
        List<DigitsVqVaeFrame> frames = new ArrayList<>();
        DigitsVqVaeFrame last = DigitsVqVaeRun.run(DigitsVqVaeSettings.start(1), 0, frames::add, () -> false);
        assertTrue(last.finished());
        assertEquals(DigitsVqVaeSettings.STEPS, last.step());
        assertEquals(1, frames.get(0).step());
        assertEquals(1 + DigitsVqVaeSettings.STEPS / DigitsVqVaeRun.FRAME_STEPS, frames.size(), "step 1, then every 10");
        assertEquals(DigitsVqVaeSettings.STEPS, last.steps().size(), "every step's metrics");
        assertNotNull(last.pictures());
        assertEquals(DigitsData.SIDE, last.pictures().width());
        assertEquals(DigitsVqVaeSettings.HEADS, last.pictures().heads());
        assertTrue(last.pictures().hasCodeImages());
        DigitsVqVaeFrame reached = frames.stream().filter(f -> f.lastHeldOut() <= LEARNED * f.firstHeldOut()).findFirst()
                .orElse(last);
        String report = String.format(Locale.ROOT, "held-out MSE step 1 %.4f → step %d %.4f (%.2f×) in %.1f s of training;"
                        + " %.1f× first reached at step %d after %.2f s", last.firstHeldOut(), last.step(), last.lastHeldOut(),
                last.lastHeldOut() / last.firstHeldOut(), last.seconds(), LEARNED, reached.step(), reached.seconds());
        System.out.println(report);
        assertTrue(last.lastHeldOut() <= LEARNED * last.firstHeldOut(), report);
    }

    @Test
    void thePaceOnlyDecidesWhenTheRunIsLookedAt() {
        DigitsVqVaeSettings s = DigitsVqVaeSettings.start(2).withCodes(16);
        DigitsVqVaeFrame fast = DigitsVqVaeRun.run(s, 0, f -> { }, () -> false);
        DigitsVqVaeFrame paced = DigitsVqVaeRun.run(s, 2000, f -> { }, () -> false);
        assertEquals(fast.lastHeldOut(), paced.lastHeldOut(), 0, "bit for bit");
        assertEquals(java.util.Arrays.toString(fast.lastUsage().counts()), java.util.Arrays.toString(paced.lastUsage().counts()));
    }

    @Test
    void aCancelledRunStopsAtTheNextFrame() {
        int[] seen = {0};
        DigitsVqVaeFrame last = DigitsVqVaeRun.run(DigitsVqVaeSettings.start(1), 0, f -> seen[0]++, () -> seen[0] >= 2);
        assertFalse(last.finished());
        assertEquals(DigitsVqVaeRun.FRAME_STEPS, last.step());
        assertEquals(2, seen[0]);
    }

    @Test
    void withRestartsOffTheHighRateCollapsesOnThreeSeeds() {
        for (long seed = 1; seed <= 3; seed++) {
            CollapseComparison c = CollapseComparison.run(CollapseComparison.collapseSetUp(seed), p -> { }, () -> false)
                    .orElseThrow();
            String report = String.format(Locale.ROOT, "seed %d: perplexity restarts off %.1f, on %.1f (ratio %.2f);"
                            + " unused off %.0f %%, on %.0f %%", seed, c.collapseUsage().meanPerplexity(),
                    c.fixUsage().meanPerplexity(), c.perplexityRatio(), 100 * c.collapseUnused(),
                    100 * c.fixUsage().unusedFraction());
            System.out.println(report);
            assertFalse(c.collapse().settings().restarts());
            assertTrue(c.fix().settings().restarts());
            assertEquals(c.collapse().settings().withRestarts(true), c.fix().settings(), "one setting differs");
            assertTrue(c.perplexityRatio() <= COLLAPSED_PERPLEXITY, report);
            assertTrue(c.collapseUnused() >= COLLAPSED_UNUSED, report);
        }
    }

    @Test
    void theTasksFollowTheLearnersRuns() {
        VqVaeLessonModel m = new VqVaeLessonModel();
        assertEquals(1, m.seed());
        DigitsVqVaeSettings first = m.beginRun();
        assertTrue(m.isRunning());
        DigitsVqVaeFrame end = DigitsVqVaeRun.run(first, 0, m::accept, () -> false);
        m.runEnded(end);
        assertTrue(m.tasks().get(0).isDone(), "the run learned");
        assertFalse(m.tasks().get(1).isDone(), "one run is no comparison");

        m.setSettings(m.settings().withCodes(16));
        m.runEnded(DigitsVqVaeRun.run(m.beginRun(), 0, m::accept, () -> false));
        assertTrue(m.tasks().get(1).isDone(), "rerun with one setting changed");
        assertEquals(2, m.finishedRuns().size());

        CollapseComparison c = CollapseComparison.run(m.beginComparison(), m::comparisonProgress, () -> false).orElseThrow();
        assertEquals(1.0, m.comparisonProgress(), 1e-9);
        m.comparisonEnded(c);
        assertTrue(m.tasks().get(2).isDone(), "collapse shown");

        m.reset();
        assertTrue(m.tasks().stream().noneMatch(TryThis::isDone));
        assertEquals(null, m.frame());
        assertEquals(null, m.comparison());
    }
}
