package vqlens.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import vqlens.core.Codebooks;
import vqlens.core.edit.CodebookEdit;
import vqlens.core.edit.PermuteCodes;
import vqlens.train.HeadMetrics;
import vqlens.train.UpdateRule;
import vqlens.train.SnapshotListener;
import vqlens.train.Subscription;
import vqlens.train.TrainerState;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSettings;
import vqlens.train.TrainingSnapshot;
import vqlens.train.VqVaeView;
import vqlens.ui.common.UserMessage;

/** Following a run without the toolkit: a fake run whose snapshots and edit confirmations the test drives. */
class InspectorFollowTest {

    /** A run the test drives by hand. */
    static final class FakeRun implements LiveTraining {
        SnapshotListener listener;
        boolean closed;
        final List<CodebookEdit> edits = new ArrayList<>();
        final List<CompletableFuture<Codebooks>> pending = new ArrayList<>();

        @Override
        public Subscription listen(SnapshotListener l, Executor executor) {
            listener = l;
            return new Subscription() {
                @Override
                public boolean awaitDelivered(Duration timeout) {
                    return true;
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }

        @Override
        public CompletableFuture<Codebooks> edit(CodebookEdit edit) {
            edits.add(edit);
            CompletableFuture<Codebooks> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        @Override
        public CompletableFuture<float[]> sampleRows(int maxRows) {
            return CompletableFuture.completedFuture(InspectorViewModelTest.data().values());
        }

        @Override
        public int rowDim() {
            return 6;
        }

        @Override
        public String describe() {
            return "a fake run";
        }

        void publish(long step, Codebooks cb, boolean afterEdit) {
            publish(step, cb, afterEdit, null);
        }

        void publish(long step, Codebooks cb, boolean afterEdit, VqVaeView pictures) {
            List<HeadMetrics> heads = new ArrayList<>();
            for (int h = 0; h < 2; h++) {
                double[] ema = new double[6];
                for (int c = 0; c < 6; c++) {
                    ema[c] = 10 * h + c + 0.5;
                }
                heads.add(new HeadMetrics(h, new long[6], ema, 1, 1, 6, null, null, 0, 0, new boolean[6], new int[6], 0));
            }
            publish(step, cb, afterEdit, pictures, heads);
        }

        void publish(long step, Codebooks cb, boolean afterEdit, VqVaeView pictures, List<HeadMetrics> heads) {
            List<TrainingEvent> events = afterEdit
                    ? List.of(TrainingEvent.of(step, TrainingEvent.Kind.EDIT, 0, "edit")) : List.of();
            listener.onSnapshot(new TrainingSnapshot(TrainerState.RUNNING,
                    TrainingSettings.of(cb.config(), UpdateRule.EMA, 64, 1, 0), 0, step, 0, 200, 0, 0, null, heads, cb,
                    List.of(), events, pictures));
        }
    }

    private final InspectorViewModel vm = new InspectorViewModel();
    private final InspectorEditor editor = new InspectorEditor(vm);
    private final FakeRun run = new FakeRun();

    /**
     * A thrashing run: head 0's six codes are re-seeded at every step, so their EMA usage sits AT the threshold
     * (where a restart puts it) though the trainer counts them dead. The inspector says what the trainer says,
     * and Replace dead re-seeds them, instead of recomputing "0 dead" from the EMA after restarts.
     */
    @Test
    void aThrashingRunsDeadAndReseededCodesShowAsTheTrainerCountsThem() {
        Codebooks a = InspectorViewModelTest.codebooks();
        double threshold = TrainingSettings.of(a.config(), UpdateRule.EMA, 64, 1, 0).hyper().deadThreshold();
        boolean[] allDead = new boolean[6];
        java.util.Arrays.fill(allDead, true);
        double[] atThreshold = new double[6];
        java.util.Arrays.fill(atThreshold, threshold);
        int[] reseededEachStep = {3, 3, 3, 3, 3, 3}; // 3 steps in the window: every one re-seeded every step
        double[] busy = {20, 21, 22, 23, 24, 25};
        List<HeadMetrics> heads = List.of(
                new HeadMetrics(0, new long[6], atThreshold, 1, 1, 0, null, null, 0, 0, allDead, reseededEachStep, 12),
                new HeadMetrics(1, new long[6], busy, 1, 1, 6, null, null, 0, 0, new boolean[6], new int[6], 0));
        vm.follow(run);
        run.publish(7, a, false, null, heads);

        RunHealth health = vm.getUsage().health();
        assertNotNull(health, "a followed run's usage carries the trainer's health");
        assertEquals(6, health.dead(0), "dead before the restarts, as the trainer counts");
        assertEquals(0, health.dead(1));
        assertEquals(threshold, vm.getUsage().count(0, 2), "the EMA alone would say: not below the threshold");
        assertEquals("dead 6/0 · re-seeded 6/0 (12 thrashing) · EMA usage (rows per step) at step 7", vm.getUsage().label());

        assertTrue(editor.replaceDead(), "Replace dead finds the codes the run flags dead");
        List<Integer> changed = new ArrayList<>();
        for (CodebookEdit step : run.edits.get(0).primitives()) {
            if (step instanceof vqlens.core.edit.SetCodes set) {
                assertEquals(0, set.head(), "only head 0 has dead codes");
                for (int c : set.codes()) {
                    changed.add(c);
                }
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), changed.stream().sorted().toList(), "every thrashing code of head 0");
        assertNull(vm.getUsage().health(), "after the edit the old health no longer describes the codes");
    }

    @Test
    void snapshotsReplaceTheCodebooksAndEditsGoToTheRun() {
        Codebooks a = InspectorViewModelTest.codebooks();
        vm.follow(run);
        assertTrue(vm.isFollowing());
        run.publish(7, a, false);
        assertEquals(a, vm.getCodebooks());
        assertEquals(7, vm.liveStep());
        assertEquals(12.5, vm.getUsage().count(1, 2), "EMA usage of head 1 code 2");
        assertEquals(TrainingSettings.of(a.config(), UpdateRule.EMA, 64, 1, 0).hyper().deadThreshold(),
                editor.deadThresholdProperty().get(), "Replace dead flags what the run re-seeds: the run's own threshold");
        assertNotNull(vm.getData(), "rows sampled from the run once it has codebooks");
        assertEquals(200, vm.getData().rows());

        vm.selectedCodeProperty().set(1);
        editor.otherCodeProperty().set(4);
        assertTrue(editor.swap());
        Codebooks swapped = vm.getCodebooks();
        assertArrayEquals(a.code(0, 1), swapped.code(0, 4), "shown at once");
        assertEquals(1, run.edits.size());
        assertTrue(run.edits.get(0) instanceof PermuteCodes, "the same edit went to the run");
        assertFalse(vm.isDirty(), "a followed run is not a file with unsaved edits");
        assertEquals(4.5, vm.getUsage().count(0, 1), "usage swapped with the codes");

        run.publish(8, a, false); // taken before the trainer applied the edit
        assertEquals(swapped, vm.getCodebooks(), "a snapshot older than the edit does not undo it on screen");
        float[] moved = swapped.toArray();
        moved[0] += 0.25f; // what a step after the edit might do
        Codebooks trained = Codebooks.of(swapped.config(), moved, true);
        run.pending.get(0).complete(swapped);
        assertEquals(swapped, vm.getCodebooks());
        run.publish(9, trained, true);
        assertEquals(trained, vm.getCodebooks(), "snapshots after the edit show again");

        assertTrue(vm.undo());
        assertEquals(2, run.edits.size(), "undo sends the inverse edit");
        run.pending.get(1).complete(a);

        vm.stopFollowing();
        assertTrue(run.closed);
        assertFalse(vm.isFollowing());
        assertEquals(a, vm.getCodebooks(), "the last codebooks stay");
        assertFalse(vm.canUndoProperty().get(), "the run's history does not apply to the copy");
    }

    @Test
    void aVqVaeRunsPicturesFollowItsSnapshotsAndAFileClearsThem() {
        Codebooks a = InspectorViewModelTest.codebooks();
        int heads = a.config().heads();
        int codes = a.config().codes();
        VqVaeView pictures = new VqVaeView(3, 2, 2, 1, heads, codes, new float[4], new float[4], new int[heads],
                new float[heads * codes * 4]);
        vm.follow(run);
        run.publish(3, a, false, pictures);
        assertEquals(pictures, vm.vqvaeViewProperty().get(), "the pictures of the latest snapshot");
        run.publish(4, a, false, null);
        assertNull(vm.vqvaeViewProperty().get(), "a snapshot without pictures (quantizer mode) clears them");
        run.publish(5, a, false, pictures);
        vm.stopFollowing();
        vm.show(a, null);
        assertNull(vm.vqvaeViewProperty().get(), "codebooks from a file have no decoder");
    }

    @Test
    void anEditTheRunRefusesIsReportedAndLeavesTheHistory() {
        vm.follow(run);
        run.publish(3, InspectorViewModelTest.codebooks(), false);
        vm.selectedCodeProperty().set(0);
        assertTrue(editor.reinitRandom());
        assertTrue(vm.canUndoProperty().get());
        run.pending.get(0).completeExceptionally(new vqlens.core.VqException("the run has stopped"));
        UserMessage m = vm.messageProperty().get();
        assertEquals("The training run did not take the edit", m.title());
        assertEquals("the run has stopped", m.text());
        assertFalse(vm.canUndoProperty().get());
    }
}
