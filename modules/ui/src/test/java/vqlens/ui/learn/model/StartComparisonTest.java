package vqlens.ui.learn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vqlens.core.VqException;

/** Lesson 2's comparison of the starts: a bad start leaves dead codes, restarts revive them; it can be cancelled. */
class StartComparisonTest {

    @Test
    void aCornerStartEndsWorseUnlessRestartsReviveItsCodes() {
        LearningModel lesson = new LearningModel();
        double[] last = {-1};
        List<StartComparison.Outcome> out = StartComparison.run(lesson, p -> {
            assertTrue(p >= last[0], "progress only grows");
            last[0] = p;
        }, () -> false);
        assertEquals(6, out.size());
        assertEquals(1.0, last[0]);
        StartComparison.Outcome plusPlus = find(out, StartCodes.KMEANS_PLUS_PLUS, false);
        StartComparison.Outcome corner = find(out, StartCodes.CORNER, false);
        StartComparison.Outcome cornerRestarted = find(out, StartCodes.CORNER, true);
        assertTrue(corner.deadCodes() > plusPlus.deadCodes(), "the corner leaves dead codes: " + corner + " vs " + plusPlus);
        assertTrue(corner.mse() > plusPlus.mse());
        assertTrue(cornerRestarted.deadCodes() < corner.deadCodes(), "restarts revive them: " + cornerRestarted);
        assertEquals(0, lesson.state().move(), "the lesson's own run is untouched");
    }

    private static StartComparison.Outcome find(List<StartComparison.Outcome> out, StartCodes start, boolean restarts) {
        return out.stream().filter(o -> o.start() == start && o.restarts() == restarts).findFirst().orElseThrow();
    }

    @Test
    void cancellingStopsTheComparison() {
        AtomicInteger polls = new AtomicInteger();
        assertThrows(VqException.class, () -> StartComparison.run(new LearningModel(), p -> { },
                () -> polls.incrementAndGet() > 20));
    }
}
