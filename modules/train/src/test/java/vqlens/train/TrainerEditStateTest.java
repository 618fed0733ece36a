package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.train.TrainerEditTest.get;
import static vqlens.train.TrainerEditTest.noRestarts;
import static vqlens.train.TrainerEditTest.stepped;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;
import vqlens.core.edit.CodebookEdit;
import vqlens.core.edit.CodebookEdits;
import vqlens.core.edit.EditSequence;
import vqlens.core.edit.PermuteCodes;
import vqlens.core.edit.SetCodes;
import vqlens.train.data.DataSource;
import vqlens.train.data.SyntheticData;

/** A reordering moves all per-code state with its code; edits survive checkpoints; sampling rows changes nothing. */
class TrainerEditStateTest {
    private static final int CODES = 16;

    @TempDir
    Path dir;

    /** A fixed shuffle of head 1's codes. */
    private static PermuteCodes shuffle() {
        int[] order = new int[CODES];
        for (int i = 0; i < CODES; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(9);
        for (int i = CODES - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return new PermuteCodes(1, order, "shuffle head 1");
    }

    /**
     * Train 6 steps, shuffle head 1, train 6 more == train 12 steps, then shuffle — codebooks and every
     * per-code state. Dead-code restarts are off: they visit dead codes in index order, so a reordering
     * would (rightly) change which batch row each dead code gets. Adam and k-means work per value and are
     * bit-exact; the EMA rule sums the head's usage over the codes (n = Σ N_k), and that sum in another
     * order may differ in its last bit, so EMA agrees to {@link #REORDERED_SUM} relative (with this fixture
     * it happens to be bit-exact as well).
     */
    @ParameterizedTest
    @EnumSource(value = UpdateRule.class, names = {"EMA", "ADAM", "KMEANS"})
    void reorderingCommutesWithTraining(UpdateRule method) {
        PermuteCodes shuffle = shuffle();
        Trainer a = stepped(noRestarts(method), 6);
        get(a.edit(shuffle));
        for (int i = 0; i < 6; i++) {
            a.step();
        }
        Trainer b = stepped(noRestarts(method), 12);
        Codebooks bBefore = b.snapshot().codebooks();
        Checkpoint bState = get(b.checkpoint());
        get(b.edit(shuffle));
        assertNotEquals(bBefore, b.snapshot().codebooks(), "the shuffle moved codes");

        Checkpoint ca = get(a.checkpoint());
        Checkpoint cb = get(b.checkpoint());
        double tolerance = method == UpdateRule.EMA ? REORDERED_SUM : 0;
        assertClose(cb.codebooks().toArray(), ca.codebooks().toArray(), tolerance, "codebooks");
        assertClose(cb.state().usageHidden(), ca.state().usageHidden(), tolerance, "usage EMA");
        assertClose(cb.state().emaSumsHidden(), ca.state().emaSumsHidden(), tolerance, "EMA sums");
        assertClose(cb.state().updateRuleState(), ca.state().updateRuleState(), tolerance, "optimizer moments");
        // The per-code state really moved: head 1's usage EMA is permuted, not left in place.
        double[] before = bState.state().usageHidden();
        double[] after = cb.state().usageHidden();
        int[] order = shuffle.order();
        for (int i = 0; i < CODES; i++) {
            assertEquals(before[CODES + order[i]], after[CODES + i], "usage of code " + i);
        }
    }

    /** Float32 codebooks from double sums taken in another order: a few ulps. */
    private static final double REORDERED_SUM = 1e-6;

    private static void assertClose(float[] expected, float[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * Math.abs(expected[i]), what + " [" + i + "]");
        }
    }

    private static void assertClose(double[] expected, double[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * Math.abs(expected[i]), what + " [" + i + "]");
        }
    }

    @Test
    void theSnapshotAfterAReorderingShowsTheLastWindowInTheNewOrder() {
        Trainer t = stepped(noRestarts(UpdateRule.EMA), 4);
        HeadMetrics before = t.snapshot().heads().get(1);
        PermuteCodes shuffle = shuffle();
        get(t.edit(shuffle));
        HeadMetrics after = t.snapshot().heads().get(1);
        int[] order = shuffle.order();
        for (int i = 0; i < CODES; i++) {
            assertEquals(before.usage(order[i]), after.usage(i), "window usage of code " + i);
            assertEquals(before.usageEma(order[i]), after.usageEma(i), "usage EMA of code " + i);
            assertEquals(before.dead(order[i]), after.dead(i));
        }
        assertEquals(0.0, after.drift(), "a reordering moves no code");
        assertEquals(before.perplexity(), after.perplexity(), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(value = UpdateRule.class, names = {"EMA", "ADAM"})
    void aCheckpointTakenAfterAnEditResumesBitIdentically(UpdateRule method) throws Exception {
        TrainingSettings settings = Runs.settings(method, 0);
        Trainer straight = stepped(settings, 5);
        CodebookEdit edit = edit(straight.snapshot().codebooks());
        get(straight.edit(edit));
        for (int i = 0; i < 2; i++) {
            straight.step();
        }
        Checkpoint c = get(straight.checkpoint());
        Path file = dir.resolve("edited.npz");
        c.save(file);
        for (int i = 0; i < 5; i++) {
            straight.step();
        }

        Trainer resumed = Trainer.fromCheckpoint(Checkpoint.load(file), 12, Runs.mixture(), Runs.SYNC);
        resumed.start();
        assertEquals(12, resumed.snapshot().step());
        assertEquals(straight.snapshot().codebooks(), resumed.snapshot().codebooks(), method + ": bit-identical");
        assertArrayEquals(get(straight.checkpoint()).state().usageHidden(), get(resumed.checkpoint()).state().usageHidden());
    }

    @Test
    void aResumedTrainerCanBeEditedBeforeItsFirstStep() throws Exception {
        Trainer first = stepped(Runs.settings(UpdateRule.EMA, 0), 3);
        Checkpoint c = get(first.checkpoint());
        Trainer resumed = Trainer.fromCheckpoint(c, 0, Runs.mixture(), Runs.SYNC);
        CodebookEdit edit = CodebookEdits.swap(c.codebooks(), 0, 2, 9);
        assertEquals(edit.apply(c.codebooks()), get(resumed.edit(edit)));
        assertEquals(edit.apply(c.codebooks()), resumed.snapshot().codebooks());
    }

    /** A split (rows from the trainer), then a swap: both primitives. */
    private static CodebookEdit edit(Codebooks books) {
        float[] rows = SyntheticData.gaussianMixture(1000, 8, 16, 0.1, 5).values();
        int busy = NearestCodes.ofHead(books, 0, rows, 1000)[0];
        EditSequence split = CodebookEdits.split(books, 0, busy, (busy + 1) % CODES, rows, 1000, 3);
        return new EditSequence(List.of(split, CodebookEdits.swap(books, 1, 4, 11)), "split and swap");
    }

    @Test
    void sampleRowsReturnsTheFirstRowsAndLeavesTrainingUnchanged() {
        // 512 rows in batches of 64: after 8 steps the cursor sits exactly at the end of the data.
        SyntheticData.Dataset data = SyntheticData.gaussianMixture(512, 8, 16, 0.1, 5);
        TrainingSettings settings = Runs.settings(UpdateRule.EMA, 0);
        Trainer plain = new Trainer(settings, DataSource.of(data, "mixture"), Runs.SYNC);
        Trainer sampled = new Trainer(settings, DataSource.of(data, "mixture"), Runs.SYNC);
        float[] early = get(sampled.sampleRows(10)); // before the first step
        assertArrayEquals(Arrays.copyOf(data.values(), 10 * 8), early);
        for (int i = 1; i <= 12; i++) {
            plain.step();
            sampled.step();
            if (i == 3 || i == 8) { // mid-pass, and at the very end of a pass
                float[] rows = get(sampled.sampleRows(i == 3 ? 100 : 10_000));
                assertArrayEquals(Arrays.copyOf(data.values(), (i == 3 ? 100 : 512) * 8), rows);
            }
        }
        assertEquals(plain.snapshot().codebooks(), sampled.snapshot().codebooks());
        List<StepMetrics> a = plain.history();
        List<StepMetrics> b = sampled.history();
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.get(i).sameValuesAs(b.get(i)), "step " + (i + 1));
        }
    }

    @Test
    void deadFlagsMarkTheCodesBelowTheThreshold() {
        // 64 codes per head for 16 clusters, restarts off: many codes stay dead (EMA usage below 1).
        TrainingSettings settings = TrainingSettings.of(new vqlens.core.QuantizerConfig(2, 8, 64), UpdateRule.EMA, 64, 42, 0);
        Trainer t = stepped(settings.withHyper(settings.hyper().withDeadThreshold(0)), 30);
        int deadSeen = 0;
        for (HeadMetrics h : t.snapshot().heads()) {
            int count = 0;
            for (int k = 0; k < h.codes(); k++) {
                assertEquals(h.usageEma(k) < 1.0 * (1 - 1e-9), h.dead(k), "head " + h.head() + " code " + k);
                count += h.dead(k) ? 1 : 0;
            }
            assertEquals(h.dead(), count);
            deadSeen += count;
        }
        assertTrue(deadSeen > 0 && deadSeen < 128, "some codes dead, some alive: " + deadSeen);
    }

    @Test
    void theSnapshotIntervalCanChangeWhileTraining() {
        Trainer t = new Trainer(Runs.settings(UpdateRule.KMEANS, 12), Runs.mixture(), Runs.SYNC);
        List<Long> steps = new ArrayList<>();
        t.addListener(s -> {
            if (s.state() == TrainerState.RUNNING) {
                steps.add(s.step());
                if (s.step() == 2) {
                    t.setSnapshotEvery(5);
                }
            }
        }, Runnable::run);
        t.start();
        assertEquals(List.of(1L, 2L, 5L, 10L), steps);
        assertEquals(5, t.settings().snapshotEvery());
    }

    @Test
    void aSetCodesEventNamesItsHeadAndCodes() {
        Trainer t = stepped(Runs.settings(UpdateRule.KMEANS, 0), 2);
        List<TrainingEvent> events = new ArrayList<>();
        t.addListener(s -> events.addAll(s.events()), Runnable::run);
        get(t.edit(new SetCodes(1, new int[] {9, 4}, new float[][] {new float[4], new float[4]}, "zero two codes")));
        TrainingEvent e = events.stream().filter(x -> x.kind() == TrainingEvent.Kind.EDIT).findFirst().orElseThrow();
        assertEquals(1, e.head());
        assertArrayEquals(new int[] {4, 9}, e.codes());
        assertEquals("zero two codes", e.message());
        assertEquals(2, e.step());
    }
}
