package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vqlens.core.DeadCodeRule;
import vqlens.core.QuantizerConfig;
import vqlens.train.data.DataSource;
import vqlens.train.data.SyntheticData;

/** The dead count tells the truth about restarts (issue 12): a re-seeded code was dead before its restart. */
class DeadCountTest {
    @Test
    void aThresholdAboveTheFairShareReseedsCodesThatCountAsDead() {
        TrainingSettings base = Runs.settings(UpdateRule.EMA, 6);
        int codes = base.quantizer().codes();
        double fairShare = DeadCodeRule.fairShare(base.batch(), codes);
        // every code needs more rows than the whole batch holds: each step re-seeds every code of every head
        TrainingSettings thrashing = base.withHyper(base.hyper().withDeadThreshold(base.batch() + 1.0));
        Trainer t = new Trainer(thrashing, Runs.mixture(), Runs.SYNC);
        List<StepMetrics> steps = new ArrayList<>();
        List<TrainingEvent> events = new ArrayList<>();
        List<TrainingSnapshot> snapshots = new ArrayList<>();
        t.addListener(s -> {
            steps.add(s.latest());
            events.addAll(s.events());
            snapshots.add(s);
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
            // from the second step on every code was re-seeded one step before: all of them thrash
            int expectedThrashing = m.step() == 1 ? 0 : codes;
            for (int h = 0; h < base.quantizer().heads(); h++) {
                assertEquals(codes, m.restarted()[h], "step " + m.step());
                assertEquals(expectedThrashing, m.thrashing()[h], "step " + m.step());
            }
        }
        for (TrainingSnapshot s : snapshots) {
            if (s.heads().isEmpty() || s.latest() == null || s.latest().step() < 2) {
                continue;
            }
            for (HeadMetrics h : s.heads()) { // one step per window: the window says what the step says
                assertEquals(codes, h.dead(), "re-seeded at the window's step: dead before it");
                assertEquals(codes, h.restarted());
                assertEquals(codes, h.thrashing());
            }
        }
        assertTrue(events.stream().anyMatch(e -> e.kind() == TrainingEvent.Kind.RESTART
                && e.message().contains("thrashing") && e.message().contains("at or above the fair share")),
                "the restart event says why");
        TrainingEvent restart = events.stream().filter(e -> e.kind() == TrainingEvent.Kind.RESTART)
                .findFirst().orElseThrow();
        assertTrue(restart.message().contains(base.batch() + "/" + codes), restart.message());
        assertEquals(4.0, fairShare, 0.0, "64 rows over 16 codes");
    }

    /**
     * The set-up of issue 12, shortened: N(0, 1) rows of 384 values, 4 heads x 256 codes, EMA, batch 1024, the
     * default threshold (1/16 of the fair share of 4 rows per code per step), 400 steps. Restarted codes start
     * at the fair share, so none is re-seeded again within ten steps: no code thrashes, and restarts stay rare
     * (the old rule, threshold 2 and usage reset to it, re-seeded 784 codes at every step of this run).
     */
    @Test
    void theDefaultThresholdDoesNotThrashOnTheDefaultSetUp() {
        QuantizerConfig config = new QuantizerConfig(4, 384, 256);
        TrainingSettings settings = TrainingSettings.of(config, UpdateRule.EMA, 1024, 1, 400);
        assertEquals(0.25, settings.hyper().deadThreshold(), 0.0, "1024 / 256 / 16");
        DataSource data = DataSource.of(SyntheticData.standardNormal(16_384, 384, 1), "N(0, 1)");
        Trainer t = Runs.trained(settings, data);
        List<StepMetrics> history = t.history();
        assertEquals(400, history.get(history.size() - 1).step());
        assertEquals(0, history.stream().mapToInt(StepMetrics::thrashingCodes).sum(), "no code re-seeded twice in 10 steps");
        int restarts = history.stream().mapToInt(StepMetrics::restarts).sum();
        assertTrue(restarts > 0, "codes that win nothing for long are re-seeded");
        assertTrue(restarts < 400 * 1024 / 10, "but rarely: " + restarts + " in 400 steps of 1,024 codes");
    }
}
