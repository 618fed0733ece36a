package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vqlens.core.Codebooks;
import vqlens.train.data.DataSource;
import vqlens.train.data.SyntheticData;

class SnapshotMetricsTest {
    /** Float sums of a few thousand values against double references. */
    private static final double SUM_TOLERANCE = 1e-9;

    private static List<TrainingSnapshot> collect(Trainer t) {
        List<TrainingSnapshot> all = new ArrayList<>();
        t.addListener(all::add, Runnable::run);
        return all;
    }

    private static int latestRestarts(TrainingSnapshot s, int head) {
        return s.latest().restarted()[head];
    }

    @Test
    void headMetricsDescribeTheWindow() {
        Trainer t = new Trainer(Runs.settings(UpdateRule.EMA, 4), Runs.mixture(), Runs.SYNC);
        List<TrainingSnapshot> snaps = collect(t);
        t.start();
        TrainingSnapshot s = t.snapshot();
        assertEquals(2, s.heads().size());
        for (HeadMetrics h : s.heads()) {
            long total = 0;
            int used = 0;
            for (long u : h.usage()) {
                total += u;
                used += u > 0 ? 1 : 0;
            }
            assertEquals(64, total, "one step of 64 rows per snapshot");
            assertEquals(used, h.used());
            assertTrue(h.perplexity() >= 1 && h.perplexity() <= used + SUM_TOLERANCE, "1 <= perplexity <= used codes");
            assertEquals(64, h.nearest().total(), "one nearest distance per row");
            assertEquals(Math.min(HeadMetrics.SAMPLED_ROWS, 64) * 16, h.allCodes().total(), "sampled rows x all codes");
            assertEquals(HeadMetrics.HISTOGRAM_BINS, h.nearest().bins());
            assertEquals(16, h.codes());
            int dead = 0;
            double threshold = s.settings().hyper().deadThreshold();
            for (int k = 0; k < h.codes(); k++) {
                // rounding-tolerant, as the trainer; a code re-seeded at the window's one step was dead before it
                dead += h.usageEma(k) < threshold * (1 - 1e-9) || h.restarts(k) > 0 ? 1 : 0;
            }
            assertEquals(dead, h.dead());
            assertEquals(latestRestarts(s, h.head()), h.restarted(), "one step per window: the step's restarts");
        }
        StepMetrics latest = s.latest();
        assertEquals(4, latest.step());
        assertArrayEquals(new double[] {s.heads().get(0).perplexity(), s.heads().get(1).perplexity()}, latest.perplexity(),
                SUM_TOLERANCE, "with one step per snapshot, step and window agree");
        assertEquals(latest.lossCodebook() * (1 + 0.25), latest.lossTotal(), SUM_TOLERANCE, "codebook + β·commitment");
        assertTrue(Double.isNaN(latest.lossReconstruction()), "no decoder in quantizer mode");
        assertTrue(snaps.size() >= 5, "idle, then a snapshot per step");
    }

    @Test
    void histogramEdgesStayFixedAndDriftIsMeasuredBetweenSnapshots() {
        Trainer t = new Trainer(Runs.settings(UpdateRule.ADAM, 6), Runs.mixture(), Runs.SYNC);
        List<TrainingSnapshot> snaps = collect(t);
        t.start();
        List<TrainingSnapshot> withHeads = snaps.stream().filter(s -> !s.heads().isEmpty()).toList();
        assertTrue(withHeads.size() >= 6);
        Set<Double> nearestUppers = new HashSet<>();
        Set<Double> allUppers = new HashSet<>();
        for (TrainingSnapshot s : withHeads) {
            nearestUppers.add(s.heads().get(1).nearest().upper());
            allUppers.add(s.heads().get(1).allCodes().upper());
        }
        assertEquals(1, nearestUppers.size(), "stable bin edges");
        assertEquals(1, allUppers.size(), "stable bin edges");
        assertEquals(0.0, withHeads.get(0).heads().get(0).drift(), "nothing to compare the first snapshot with");
        TrainingSnapshot a = withHeads.get(2);
        TrainingSnapshot b = withHeads.get(3);
        double expected = meanCodeMove(a.codebooks(), b.codebooks(), 0);
        assertEquals(expected, b.heads().get(0).drift(), 1e-6);
        assertTrue(b.heads().get(0).maxDrift() >= b.heads().get(0).drift());
    }

    private static double meanCodeMove(Codebooks a, Codebooks b, int head) {
        double sum = 0;
        int codes = a.config().codes();
        for (int k = 0; k < codes; k++) {
            float[] x = a.code(head, k);
            float[] y = b.code(head, k);
            double s = 0;
            for (int d = 0; d < x.length; d++) {
                s += (double) (x[d] - y[d]) * (x[d] - y[d]);
            }
            sum += Math.sqrt(s);
        }
        return sum / codes;
    }

    @Test
    void theWindowSpansEveryStepSinceThePreviousSnapshot() {
        Trainer t = Runs.trained(Runs.settings(UpdateRule.EMA, 9).withSnapshotEvery(3), Runs.mixture());
        long total = 0;
        for (long u : t.snapshot().heads().get(0).usage()) {
            total += u;
        }
        assertEquals(3 * 64, total);
        assertEquals(3 * 64, t.snapshot().heads().get(0).nearest().total());
    }

    @Test
    void mseMatchesTheCodebookOfTheStepItWasMeasuredWith() {
        SyntheticData.Dataset d = SyntheticData.gaussianMixture(64, 8, 4, 0.1, 9);
        Trainer t = new Trainer(Runs.settings(UpdateRule.EMA, 0), DataSource.of(d, "one batch"), Runs.SYNC);
        t.step();
        t.step();
        Codebooks before = t.history().isEmpty() ? null : t.snapshot().codebooks();
        t.step();
        StepMetrics m = t.snapshot().latest();
        // recompute the MSE of step 3 from the codebooks after step 2, by brute force
        double sum = 0;
        for (int r = 0; r < 64; r++) {
            for (int h = 0; h < 2; h++) {
                double best = Double.POSITIVE_INFINITY;
                for (int k = 0; k < 16; k++) {
                    double s = 0;
                    for (int e = 0; e < 4; e++) {
                        double diff = d.values()[r * 8 + h * 4 + e] - before.value(h, k, e);
                        s += diff * diff;
                    }
                    best = Math.min(best, s);
                }
                sum += best;
            }
        }
        assertEquals(sum / (64 * 8), m.mse(), 1e-6);
    }

    @Test
    void snapshotsHoldNoNd4jTypes() {
        Set<Type> seen = new HashSet<>();
        check(TrainingSnapshot.class, seen);
        assertFalse(seen.isEmpty());
    }

    private static void check(Type type, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType p) {
            check(p.getRawType(), seen);
            for (Type a : p.getActualTypeArguments()) {
                check(a, seen);
            }
            return;
        }
        if (!(type instanceof Class<?> c)) {
            return;
        }
        if (c.isArray()) {
            check(c.getComponentType(), seen);
            return;
        }
        String name = c.getName();
        assertFalse(name.startsWith("org.nd4j") || name.startsWith("org.bytedeco"), "ND4J type in a snapshot: " + name);
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                check(rc.getGenericType(), seen);
            }
        }
    }
}
