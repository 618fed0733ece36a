package vqlens.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vqlens.core.QuantizerConfig;
import vqlens.train.Hyperparameters;
import vqlens.train.UpdateRule;

/** The update rules on tiny cases worked out by hand. */
class UpdateRulesTest {
    /** One head, one dimension, two codes. */
    private static final QuantizerConfig TINY = new QuantizerConfig(1, 1, 2);
    /** float32 codebooks: hand values agree to float rounding. */
    private static final double FLOAT_TOLERANCE = 1e-6;

    /** Nearest code of each row of a 1-D, 2-code codebook (ties to the first). */
    private static long[] nearest(float[] z, float[] codebook) {
        long[] idx = new long[z.length];
        for (int i = 0; i < z.length; i++) {
            idx[i] = Math.abs(z[i] - codebook[1]) < Math.abs(z[i] - codebook[0]) ? 1 : 0;
        }
        return idx;
    }

    private static BatchStats stats(float[] z, float[] codebook) {
        BatchStats s = new BatchStats(TINY, z.length, 4);
        s.accumulate(z, z.length, nearest(z, codebook), codebook, new double[] {Double.NaN});
        return s;
    }

    @Test
    void emaFollowsSonnetsRuleWithDebiasingAndLaplaceSmoothing() {
        Hyperparameters hyper = new Hyperparameters(0, 0.5, 0.25, 0);
        float[] codebook = {0f, 10f};
        UsageEma usage = new UsageEma(2);
        EmaRule ema = new EmaRule(TINY);

        // step 1: rows 1, 2 → code 0 (count 2, sum 3); row 9 → code 1 (count 1, sum 9)
        BatchStats s1 = stats(new float[] {1, 2, 9}, codebook);
        assertArrayEquals(new long[] {2, 1}, s1.counts);
        usage.update(s1.counts, hyper.decay());
        ema.update(codebook, s1, usage, hyper, 1, 0);
        // hidden N = 0.5·(2, 1) = (1, 0.5); debias 1 − 0.5 → N = (2, 1): the first counts exactly
        assertEquals(2.0, usage.average(0), 1e-12);
        assertEquals(1.0, usage.average(1), 1e-12);
        // n = 3; N'_k = (N_k + ε) / (n + 2ε) · n; c_k = M_k / N'_k with M = (3, 9)
        double eps = 1e-5;
        assertEquals(3 / ((2 + eps) / (3 + 2 * eps) * 3), codebook[0], FLOAT_TOLERANCE);
        assertEquals(9 / ((1 + eps) / (3 + 2 * eps) * 3), codebook[1], FLOAT_TOLERANCE);
        assertEquals(1.5, codebook[0], 1e-4, "≈ the mean of rows 1 and 2");
        assertEquals(9.0, codebook[1], 1e-4);

        // step 2: rows 1, 5 → code 0 (|5 − 1.5| < |5 − 9|), row 9 → code 1: counts (2, 1), sums (6, 9)
        BatchStats s2 = stats(new float[] {1, 5, 9}, codebook);
        assertArrayEquals(new long[] {2, 1}, s2.counts);
        usage.update(s2.counts, hyper.decay());
        ema.update(codebook, s2, usage, hyper, 2, 0);
        // hidden M = 0.5·(1.5, 4.5) + 0.5·(6, 9) = (3.75, 6.75); debias 1 − 0.25 = 0.75 → M = (5, 9)
        assertEquals(5 / ((2 + eps) / (3 + 2 * eps) * 3), codebook[0], FLOAT_TOLERANCE);
        assertEquals(9 / ((1 + eps) / (3 + 2 * eps) * 3), codebook[1], FLOAT_TOLERANCE);
    }

    @Test
    void aNeverUsedCodeGoesToTheOriginAsInSonnet() {
        Hyperparameters hyper = new Hyperparameters(0, 0.9, 0.25, 0);
        float[] codebook = {0f, 100f};
        UsageEma usage = new UsageEma(2);
        BatchStats s = stats(new float[] {1, 2}, codebook);
        usage.update(s.counts, hyper.decay());
        new EmaRule(TINY).update(codebook, s, usage, hyper, 1, 0);
        assertEquals(0f, codebook[1]);
    }

    @Test
    void sgdStepsAlongTheClosedFormGradientOfTheMeanCodebookLoss() {
        float[] codebook = {0f, 10f};
        float[] z = {1, 2, 9};
        BatchStats s = stats(z, codebook);
        double lr = 0.3;
        new GradientRule(TINY, UpdateRule.SGD, lr).update(codebook, s, new UsageEma(2),
                new Hyperparameters(lr, 0.99, 0.25, 0), 1, 0);
        // L = mean over B·E = 3 values of (z − q)²; ∂L/∂c0 = 2·((0 − 1) + (0 − 2)) / 3 = −2, ∂L/∂c1 = 2·(10 − 9) / 3
        assertEquals(0 - lr * -2.0, codebook[0], FLOAT_TOLERANCE);
        assertEquals(10 - lr * 2.0 / 3, codebook[1], FLOAT_TOLERANCE);
    }

    @Test
    void adamsFirstStepMovesEachUsedCodeByTheLearningRate() {
        float[] codebook = {0f, 10f, };
        BatchStats s = stats(new float[] {1, 2, 9}, codebook);
        double lr = 0.01;
        new GradientRule(TINY, UpdateRule.ADAM, lr).update(codebook, s, new UsageEma(2),
                new Hyperparameters(lr, 0.99, 0.25, 0), 1, 0);
        // bias-corrected m̂ = g, v̂ = g², so the step is lr·g/(|g| + ε): lr against the gradient's sign
        assertEquals(0 + lr, codebook[0], 1e-6);
        assertEquals(10 - lr, codebook[1], 1e-6);
    }

    @Test
    void kMeansMovesCodesToTheirMeansAndLeavesEmptyOnesAlone() {
        QuantizerConfig three = new QuantizerConfig(1, 1, 3);
        float[] codebook = {0f, 10f, 100f};
        float[] z = {1, 2, 9, 12};
        long[] idx = {0, 0, 1, 1};
        BatchStats s = new BatchStats(three, 4, 4);
        s.accumulate(z, 4, idx, codebook, new double[] {Double.NaN});
        new KMeansRule(1).update(codebook, s, new UsageEma(3), new Hyperparameters(0, 0.99, 0.25, 0), 1, 0);
        assertArrayEquals(new float[] {1.5f, 10.5f, 100f}, codebook);
        assertEquals(1 + 4 + 1 + 4, s.squaredError(), 1e-12, "(1−0)² + (2−0)² + (9−10)² + (12−10)²");
    }

    @Test
    void batchErrorIsTheSquaredDistanceToTheChosenCode() {
        float[] codebook = {0f, 10f};
        BatchStats s = stats(new float[] {1, 2, 9}, codebook);
        assertEquals(1 + 4 + 1, s.squaredError(), 1e-12);
        assertArrayEquals(new double[] {3, 9}, s.sums, 1e-12);
    }

    @Test
    void deadCodesAreReseededFromBatchRowsAndGetTheThresholdAsUsageWhenItIsAboveTheFairShare() {
        QuantizerConfig config = new QuantizerConfig(1, 2, 3);
        float[] codebook = {0, 0, 5, 5, 50, 50};
        UsageEma usage = new UsageEma(3);
        usage.update(new long[] {4, 3, 0}, 0.5);
        float[] batch = {1, 1, 2, 2, 3, 3, 4, 4};
        // threshold 2 is above the fair share 4 rows / 3 codes
        var restarts = new DeadCodes(config).restart(codebook, batch, 4, 4, usage, new KMeansRule(2), 2.0,
                new SplitMix64(1), 7);
        var events = restarts.events();
        assertArrayEquals(new int[] {1}, restarts.restarted());
        assertEquals(1, events.size());
        assertArrayEquals(new int[] {2}, events.get(0).codes());
        assertEquals(7, events.get(0).step());
        assertEquals(2.0, usage.average(2), 1e-12);
        assertEquals(codebook[4], codebook[5], "a whole batch row was copied");
        assertEquals(true, codebook[4] >= 1 && codebook[4] <= 4);
        assertArrayEquals(new float[] {0, 0, 5, 5}, java.util.Arrays.copyOf(codebook, 4), "live codes untouched");
    }

    @Test
    void aReseededCodeStartsAtTheFairShareAndOneReseededAgainSoonIsThrashing() {
        QuantizerConfig config = new QuantizerConfig(1, 2, 4);
        float[] codebook = {0, 0, 5, 5, 50, 50, 60, 60};
        UsageEma usage = new UsageEma(4);
        usage.update(new long[] {8, 8, 0, 0}, 0.5);
        float[] batch = new float[16 * 2];
        DeadCodes dead = new DeadCodes(config);
        var first = dead.restart(codebook, batch, 16, 16, usage, new KMeansRule(2), 1.0, new SplitMix64(1), 3);
        assertArrayEquals(new int[] {2}, first.restarted());
        assertArrayEquals(new int[] {0}, first.thrashing(), "first restarts");
        assertEquals(16 / 4.0, usage.average(2), 1e-12, "the fair share, 16 rows over 4 codes, above the threshold 1");
        usage.update(new long[] {16, 0, 0, 0}, 0.01); // codes 1-3 earn nothing and fall far below the threshold
        var again = dead.restart(codebook, batch, 16, 16, usage, new KMeansRule(2), 1.0, new SplitMix64(1),
                3 + DeadCodes.THRASH_STEPS);
        assertArrayEquals(new int[] {3}, again.restarted());
        assertArrayEquals(new int[] {2}, again.thrashing(), "codes 2 and 3 were re-seeded within the last 10 steps");
        assertTrue(again.events().get(0).message().contains("thrashing"), again.events().get(0).message());
        usage.update(new long[] {16, 0, 0, 0}, 0.01);
        var later = dead.restart(codebook, batch, 16, 16, usage, new KMeansRule(2), 1.0, new SplitMix64(1), 100);
        assertArrayEquals(new int[] {3}, later.restarted());
        assertArrayEquals(new int[] {0}, later.thrashing(), "restarts far apart are not thrashing");
    }

    @Test
    void aCodeUsedExactlyThresholdTimesEveryStepIsNotDead() {
        UsageEma usage = new UsageEma(2);
        for (int step = 0; step < 500; step++) {
            usage.update(new long[] {1, 0}, 0.99);
            org.junit.jupiter.api.Assertions.assertFalse(usage.isBelow(0, 1.0), "step " + step + ": " + usage.average(0));
        }
        org.junit.jupiter.api.Assertions.assertTrue(usage.isBelow(1, 1.0));
    }

    @Test
    void perplexityIsTheExponentialOfTheNaturalLogEntropy() {
        assertEquals(4.0, Perplexity.of(new long[] {5, 5, 5, 5}, 0, 4), 1e-12);
        assertEquals(1.0, Perplexity.of(new long[] {0, 9, 0, 0}, 0, 4), 1e-12);
        double p = 0.25;
        double expected = Math.exp(-(p * Math.log(p) + (1 - p) * Math.log(1 - p)));
        assertEquals(expected, Perplexity.of(new long[] {1, 3}, 0, 2), 1e-12);
        assertEquals(0.0, Perplexity.of(new long[] {0, 0}, 0, 2));
    }

    @Test
    void splitMixIsReproducibleAndUniformEnough() {
        SplitMix64 a = new SplitMix64(3);
        SplitMix64 b = new SplitMix64(3);
        int[] buckets = new int[10];
        for (int i = 0; i < 100_000; i++) {
            int v = a.nextInt(10);
            assertEquals(v, b.nextInt(10));
            buckets[v]++;
        }
        for (int n : buckets) {
            // 10,000 expected per bucket, sd ≈ 95: 6 sd is a safe bound
            assertEquals(10_000, n, 600);
        }
    }
}
