package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dead count tells the truth about restarts (issue 12): a re-seeded code was dead before its restart. */
class DeadCountTest {
    @Test
    void aThresholdAboveTheFairShareReseedsCodesThatCountAsDead() {
        TrainingSettings base = Runs.settings(UpdateRule.EMA, 6);
        int codes = base.quantizer().codes();
        double fairShare = TrainingRules.fairShare(base.batch(), codes);
        // every code needs more rows than the whole batch holds: each step re-seeds every code of every head
        TrainingSettings thrashing = base.withHyper(base.hyper().withDeadThreshold(base.batch() + 1.0));
        Trainer t = new Trainer(thrashing, Runs.mixture(), Runs.SYNC);
        List<StepMetrics> steps = new ArrayList<>();
        List<TrainingEvent> events = new ArrayList<>();
        t.addListener(s -> {
            steps.add(s.latest());
            events.addAll(s.events());
        }, Runnable::run);
        t.start();
        steps.removeIf(m -> m == null || m.step() == 0);
        assertTrue(steps.stream().mapToLong(StepMetrics::step).distinct().count() >= 6, "the metrics of every step");
        for (StepMetrics m : steps) {
            int dead = 0;
            for (int h = 0; h < base.quantizer().heads(); h++) {
                assertEquals(codes, m.dead(h), "every code was below the threshold before its restart, step " + m.step());
                dead += m.dead(h);
            }
            assertEquals(dead, m.restarts(), "each dead code is re-seeded, step " + m.step());
        }
        TrainingEvent restart = events.stream().filter(e -> e.kind() == TrainingEvent.Kind.RESTART)
                .findFirst().orElseThrow();
        assertTrue(restart.message().contains(base.batch() + "/" + codes), restart.message());
        assertEquals(4.0, fairShare, 0.0, "64 rows over 16 codes");
    }
}
