package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vqlens.core.DeadCodeRule;
import vqlens.core.Codebooks;
import vqlens.core.VqException;
import vqlens.core.edit.CodebookEdit;
import vqlens.core.edit.EditSequence;
import vqlens.core.edit.PermuteCodes;
import vqlens.core.edit.SetCodes;
import vqlens.train.data.DataSource;

/** Edits of a running trainer's codebooks: applied between steps, published, and not undone by training. */
class TrainerEditTest {
    /** Runs.SMALL: 2 heads x 16 codes x 4 dims. */
    private static final int CODES = 16;
    private static final int DIM = 4;
    private static final int VALUES = 2 * CODES * DIM;

    static <T> T get(CompletableFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static TrainingSettings noRestarts(UpdateRule method) {
        TrainingSettings s = Runs.settings(method, 0);
        return s.withHyper(s.hyper().withDeadThreshold(0));
    }

    static Trainer stepped(TrainingSettings settings, int steps) {
        Trainer t = new Trainer(settings, Runs.mixture(), Runs.SYNC);
        for (int i = 0; i < steps; i++) {
            assertTrue(t.step());
        }
        return t;
    }

    private static float[] far(float value) {
        float[] v = new float[DIM];
        java.util.Arrays.fill(v, value);
        return v;
    }

    @Test
    void anEditBeforeTheFirstStepFailsClearly() {
        Trainer t = new Trainer(Runs.settings(UpdateRule.EMA, 0), Runs.mixture(), Runs.SYNC);
        VqException e = assertThrows(VqException.class, () -> get(t.edit(PermuteCodes.swap(0, CODES, 1, 2))));
        assertTrue(e.getMessage().contains("no codebooks to edit yet"), e.getMessage());
        assertEquals(TrainerState.IDLE, t.state());
        assertTrue(t.step(), "the trainer still works");
    }

    @Test
    void anEditThatDoesNotFitChangesNothing() {
        Trainer t = stepped(Runs.settings(UpdateRule.ADAM, 0), 3);
        Codebooks before = t.snapshot().codebooks();
        Checkpoint stateBefore = get(t.checkpoint());
        VqException e = assertThrows(VqException.class,
                () -> get(t.edit(SetCodes.one(1, CODES + 3, far(1), "out of range"))));
        assertTrue(e.getMessage().contains("code " + (CODES + 3)), e.getMessage());
        // A sequence whose second part fails leaves the first part undone too.
        CodebookEdit half = new EditSequence(List.of(SetCodes.one(0, 1, far(7), "fits"),
                new PermuteCodes(0, new int[] {1, 0}, "two codes only")), "half fits");
        assertThrows(VqException.class, () -> get(t.edit(half)));
        assertEquals(before, t.snapshot().codebooks());
        Checkpoint stateAfter = get(t.checkpoint());
        assertArrayEquals(stateBefore.state().updateRuleState(), stateAfter.state().updateRuleState());
        assertArrayEquals(stateBefore.state().usageHidden(), stateAfter.state().usageHidden());
    }

    @Test
    void anEditAppliesBetweenStepsOfARunningTrainerAndIsPublishedAtOnce() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Trainer t = new Trainer(Runs.settings(UpdateRule.EMA, 0), Runs.mixture(), executor);
            List<TrainingSnapshot> seen = Collections.synchronizedList(new ArrayList<>());
            t.addListener(seen::add, Runnable::run); // on the training thread: every snapshot, in order
            t.start();
            Runs.awaitStep(t, 5);
            CodebookEdit edit = new EditSequence(List.of(SetCodes.one(0, 3, far(2.5f), "move"),
                    PermuteCodes.swap(1, CODES, 0, 5)), "move and swap");
            Codebooks edited = get(t.edit(edit));
            long editedAt = stepOfEdit(seen); // published before the future completed
            assertTrue(editedAt >= 5);
            Runs.awaitStep(t, editedAt + 10);
            t.stop();
            Runs.awaitIdle(t);

            List<TrainingSnapshot> all = new ArrayList<>(seen);
            int at = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).events().stream().anyMatch(e -> e.kind() == TrainingEvent.Kind.EDIT)) {
                    at = i;
                }
            }
            assertTrue(at > 0, "an EDIT event was published");
            TrainingSnapshot afterEdit = all.get(at);
            TrainingSnapshot beforeEdit = all.get(at - 1);
            assertEquals(edited, afterEdit.codebooks(), "the snapshot right after the event holds the edit");
            assertEquals(beforeEdit.step(), afterEdit.step(), "no step between the last snapshot and the edit");
            assertEquals(edit.apply(beforeEdit.codebooks()), edited, "the edit applied to a whole step's codebooks");
            TrainingSnapshot next = all.get(at + 1);
            assertEquals(afterEdit.step() + 1, next.step(), "training went on with the next whole step");
            TrainingEvent event = afterEdit.events().stream().filter(e -> e.kind() == TrainingEvent.Kind.EDIT)
                    .findFirst().orElseThrow();
            assertEquals("move and swap", event.message());
            assertEquals(-1, event.head(), "two heads");
            assertEquals(afterEdit.step(), event.step());
            // Steps before and after are whole: the history has every step once, in order.
            List<StepMetrics> history = t.history();
            for (int i = 0; i < history.size(); i++) {
                assertEquals(i + 1, history.get(i).step());
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static long stepOfEdit(List<TrainingSnapshot> seen) {
        synchronized (seen) {
            for (TrainingSnapshot s : seen) {
                if (s.events().stream().anyMatch(e -> e.kind() == TrainingEvent.Kind.EDIT)) {
                    return s.step();
                }
            }
        }
        return 0;
    }

    /**
     * Laplace smoothing (ε = 1e-5) scales an unused EMA code by {@code N(n + Kε) / ((N + ε) n)} per update;
     * with the reset usage N = 4 (the fair share), n = 64 rows and K = 16 the factor is within 2ε of 1.
     */
    private static final double LAPLACE_SMOOTHING = 2e-5;

    @Test
    void emaTrainingDoesNotUndoAMovedCode() {
        Trainer t = stepped(noRestarts(UpdateRule.EMA), 5);
        float[] old = t.snapshot().codebooks().code(0, 3);
        float[] put = far(40f); // far from every data row: code 3 wins none
        get(t.edit(SetCodes.one(0, 3, put, "move code 3")));
        Checkpoint c = get(t.checkpoint());
        double debias = 1 - c.state().decayProduct();
        int index = 3; // head 0, code 3
        assertEquals(DeadCodeRule.fairShare(64, 16), c.state().usageHidden()[index] / debias, 1e-12,
                "usage EMA reset as a restart does: to the fair share, 64 rows over 16 codes");
        for (int d = 0; d < DIM; d++) {
            assertEquals(put[d] * c.state().usageHidden()[index], c.state().emaSumsHidden()[index * DIM + d], 1e-9,
                    "EMA sums agree with the new value");
        }
        t.step();
        float[] now = t.snapshot().codebooks().code(0, 3);
        assertEquals(0, t.snapshot().heads().get(0).usage(3), "the code won no rows in that step");
        for (int d = 0; d < DIM; d++) {
            assertEquals(put[d], now[d], LAPLACE_SMOOTHING * Math.abs(put[d]), "dim " + d);
            assertTrue(Math.abs(now[d] - old[d]) > 30, "nowhere near the old value");
        }
    }

    @Test
    void adamMomentsOfEditedCodesAreClearedAndTheCodeStaysExactly() {
        Trainer t = stepped(noRestarts(UpdateRule.ADAM), 5);
        float[] momentsBefore = get(t.checkpoint()).state().updateRuleState();
        int code = 2;
        int from = (CODES + code) * DIM; // head 1
        assertTrue(nonZero(momentsBefore, from, DIM) || nonZero(momentsBefore, VALUES + from, DIM),
                "the code had moments to clear");
        float[] put = far(-30f);
        get(t.edit(SetCodes.one(1, code, put, "move")));
        float[] moments = get(t.checkpoint()).state().updateRuleState();
        assertEquals(2 * VALUES, moments.length, "Adam: m then v");
        for (int block = 0; block < 2; block++) {
            for (int d = 0; d < DIM; d++) {
                assertEquals(0f, moments[block * VALUES + from + d], "block " + block + " dim " + d);
            }
        }
        assertTrue(nonZero(moments, 0, VALUES), "other codes keep their moments");
        t.step();
        assertArrayEquals(put, t.snapshot().codebooks().code(1, code),
                "zero moments and no rows: Adam's update of the code is exactly 0");
    }

    private static boolean nonZero(float[] a, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (a[i] != 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theUsageEmaOfAChangedCodeIsResetToTheFairShare() {
        TrainingSettings settings = Runs.settings(UpdateRule.EMA, 0);
        Trainer t = stepped(settings, 4);
        get(t.edit(SetCodes.one(1, 7, far(0.5f), "set")));
        TrainingSnapshot s = t.snapshot();
        // as a re-seeded code: it starts with the fair share (above the default threshold, fair share / 16)
        double fairShare = DeadCodeRule.fairShare(settings.batch(), settings.quantizer().codes());
        assertEquals(fairShare, s.heads().get(1).usageEma(7), 1e-12);
        assertFalse(s.heads().get(1).dead(7), "above the threshold: not dead");
    }

    /**
     * In VQ-VAE mode codes can be set and reordered while training: train 3 steps, swap two codes of head 0,
     * train 3 more == train 6 steps, then swap. The decoder sees code vectors, not indices, and the codes'
     * Adam moments move with them, so the two runs agree bit for bit (restarts off: they visit dead codes in
     * index order).
     */
    @Test
    void inVqVaeModeCodesCanBeSetAndReordered() {
        TrainingSettings settings = new TrainingSettings(new vqlens.core.QuantizerConfig(4, 16, 32), UpdateRule.ADAM,
                Init.LAZY, 64, 42, 0, Hyperparameters.defaults(UpdateRule.ADAM, 64, 32).withLearningRate(2e-3).withDeadThreshold(0), 1,
                new VqVaeShape(vqlens.train.data.ShapesData.DIM, List.of(32)));
        PermuteCodes swap = PermuteCodes.swap(0, 32, 1, 2);
        try (Trainer a = new Trainer(settings, shapes(), Runs.SYNC);
             Trainer b = new Trainer(settings, shapes(), Runs.SYNC)) {
            for (int i = 0; i < 3; i++) {
                assertTrue(a.step());
            }
            get(a.edit(swap));
            for (int i = 0; i < 6; i++) {
                assertTrue(b.step());
                if (i < 3) {
                    assertTrue(a.step());
                }
            }
            Codebooks unswapped = b.snapshot().codebooks();
            get(b.edit(swap));
            assertNotEquals(unswapped, b.snapshot().codebooks(), "the swap moved codes");
            assertEquals(b.snapshot().codebooks(), a.snapshot().codebooks(), "codebooks");
            assertArrayEquals(get(b.checkpoint()).state().updateRuleState(), get(a.checkpoint()).state().updateRuleState(),
                    "network weights and optimizer moments");

            float[] value = {0.5f, -0.5f, 0.25f, 1f};
            Codebooks edited = get(a.edit(SetCodes.one(2, 5, value, "set")));
            assertArrayEquals(value, edited.code(2, 5));
            assertTrue(a.step(), "training goes on from the edited codebooks");
            assertEquals(7, a.snapshot().step());
        }
    }

    private static DataSource shapes() {
        return DataSource.of(vqlens.train.data.ShapesData.generate(256, 9), "shapes");
    }
}
