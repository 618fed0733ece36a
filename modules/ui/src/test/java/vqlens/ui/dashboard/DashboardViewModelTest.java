package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.Codebooks;
import vqlens.core.io.CodebookFiles;
import vqlens.train.StepMetrics;
import vqlens.train.Trainer;
import vqlens.train.TrainerState;

/**
 * The view model with real training but no toolkit: the "FX thread" is an executor the test drives, so
 * every hand-off is visible. Structural, not timed.
 */
class DashboardViewModelTest {
    static final int STEPS = 40;

    private final ManualExecutor fx = new ManualExecutor();

    /** Training runs synchronously in the caller: start() returns when the run has ended. */
    private DashboardViewModel synchronous() {
        DashboardViewModel vm = new DashboardViewModel(new DashboardServices(Runnable::run, Runnable::run, fx,
                (task, nanos) -> task.run(), 0, TrainerFactory.DEFAULT));
        small(vm.setup());
        return vm;
    }

    /** A quick set-up: 2 heads × 16 codes over 8-D rows. */
    static void small(SetupForm form) {
        form.field("rows").setText("2000");
        form.field("dim").setText("8");
        form.field("heads").setText("2");
        form.field("codes").setText("16");
        form.field("batch").setText("128");
        form.field("maxSteps").setText(Integer.toString(STEPS));
        form.field("snapshotEvery").setText("1");
    }

    @Test
    void aStalledFxThreadDoesNotHoldTrainingBack() {
        DashboardViewModel vm = synchronous();
        vm.start();
        assertEquals(RunState.PREPARING, vm.getState());
        assertEquals(1, fx.pendingCount());
        fx.runNext(); // the trainer is installed and started: all STEPS steps run here, synchronously
        Trainer trainer = vm.trainer();
        assertEquals(TrainerState.FINISHED, trainer.state());
        assertEquals(STEPS, trainer.snapshot().step(), "every step ran while the FX thread ran nothing");
        assertEquals(1, fx.pendingCount(), "and only one update waits for the FX thread");
        assertEquals(0, vm.getStep(), "the view has not changed yet");
        assertTrue(vm.relay().offers() > STEPS, "one snapshot per step (and per state change) was offered");

        fx.runAll();
        assertEquals(STEPS, vm.getStep());
        assertEquals(RunState.FINISHED, vm.getState());
        assertEquals(1, vm.relay().deliveries(), "all of them coalesced into one delivery");
        assertEquals(STEPS, vm.errorChart().series().get(0).size(), "with every step's metrics");
        assertEquals(STEPS, vm.perplexityChart().series().get(1).size());
        assertFalse(vm.usageModels().get(0).isEmpty());
        assertNotNull(vm.histogramModels().get(1).current());
    }

    @Test
    void aListenerBlockedOnALatchDoesNotHoldTrainingBack() throws Exception {
        // a real "FX thread" that the test blocks on a latch, and a real training thread
        ThreadPoolExecutor fxThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        ThreadPoolExecutor training = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try {
            DashboardViewModel[] vm = new DashboardViewModel[1];
            fxThread.submit(() -> {
                vm[0] = new DashboardViewModel(new DashboardServices(training, Runnable::run, fxThread,
                        Delayer.system(), 15, TrainerFactory.DEFAULT));
                small(vm[0].setup());
                vm[0].setup().field("maxSteps").setText("200");
                vm[0].start();
            }).get(30, TimeUnit.SECONDS);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // once the run is installed, the FX thread blocks until released
            fxThread.submit(() -> {
                entered.countDown();
                await(release);
            });
            assertTrue(entered.await(60, TimeUnit.SECONDS));
            Trainer trainer = vm[0].trainer();
            assertNotNull(trainer, "installed before the block");
            assertTrue(trainer.awaitIdle(Duration.ofSeconds(120)), "training ran to its end while the FX thread was blocked");
            assertEquals(200, trainer.snapshot().step());
            assertTrue(fxThread.getQueue().size() <= 1, "at most one update waits: " + fxThread.getQueue().size());

            release.countDown();
            long[] shown = new long[1];
            for (int i = 0; i < 600 && shown[0] < 200; i++) { // each round is one task on the FX thread
                shown[0] = fxThread.submit(() -> vm[0].getStep()).get(30, TimeUnit.SECONDS);
                if (shown[0] < 200) {
                    TimeUnit.MILLISECONDS.sleep(20); // the throttled delivery is on its way; poll, not an assertion
                }
            }
            assertEquals(200, shown[0]);
            int points = fxThread.submit(() -> vm[0].errorChart().series().get(0).size()).get();
            assertEquals(200, points, "no step's metrics lost");
        } finally {
            fxThread.shutdownNow();
            training.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void stepFromNoRunRunsExactlyOneStep() {
        DashboardViewModel vm = synchronous();
        vm.step();
        fx.runAll();
        assertEquals(RunState.PAUSED, vm.getState());
        assertEquals(1, vm.getStep());
        assertEquals(1, vm.trainer().history().size());
        vm.step();
        fx.runAll();
        assertEquals(2, vm.getStep());
        assertEquals(2, vm.errorChart().series().get(0).size());
    }

    @Test
    void anInvalidSetupStartsNothing() {
        DashboardViewModel vm = synchronous();
        vm.setup().field("codes").setText("-3");
        assertFalse(vm.canStartProperty().get());
        assertFalse(vm.canStepProperty().get());
        vm.start();
        vm.step();
        vm.pauseOrResume();
        fx.runAll();
        assertEquals(RunState.NONE, vm.getState());
        assertNull(vm.trainer());
        assertEquals("must be at least 1", vm.setup().field("codes").getError());
    }

    @Test
    void aCorruptFileIsAMessageAndNothingElseChanges(@TempDir Path dir) throws IOException {
        DashboardViewModel vm = synchronous();
        Path bad = dir.resolve("broken.npz");
        Files.write(bad, "PK\u0003\u0004 this is not a zip archive".getBytes(StandardCharsets.ISO_8859_1));
        vm.openCodebook(bad, null);
        fx.runAll();
        UserMessage m = vm.messageProperty().get();
        assertNotNull(m);
        assertEquals(UserMessage.Kind.ERROR, m.kind());
        assertEquals("Cannot open the codebook", m.title());
        assertTrue(m.text().contains("broken.npz"), m.text());
        assertFalse(m.text().contains("\n"), "one line");
        assertEquals("", vm.openedCodebookProperty().get());
        assertTrue(vm.canStartProperty().get(), "still ready to train");
    }

    @Test
    void savedNpzReopensAsACheckpointAndContinuesExactly(@TempDir Path dir) {
        DashboardViewModel vm = synchronous();
        vm.setup().field("maxSteps").setText("20");
        vm.start();
        fx.runAll();
        fx.runAll();
        assertEquals(20, vm.getStep());
        Path file = dir.resolve("run.npz");
        vm.save(file);
        fx.runAll();
        assertNull(vm.messageProperty().get());
        assertTrue(Files.exists(file));
        assertEquals(file, vm.codebookFileProperty().get());
        Codebooks saved = CodebookFiles.load(file);
        assertEquals(2, saved.config().heads(), "a native codebook any reader opens");

        // the same run straight to 30 steps, for comparison
        DashboardViewModel straight = synchronous();
        straight.setup().field("maxSteps").setText("30");
        straight.start();
        fx.runAll();
        fx.runAll();
        Codebooks expected = straight.latestSnapshot().codebooks();

        DashboardViewModel reopened = synchronous();
        reopened.openCodebook(file, null);
        fx.runAll();
        assertTrue(reopened.openedCodebookProperty().get().contains("checkpoint at step 20"),
                reopened.openedCodebookProperty().get());
        assertEquals("mixture", reopened.setup().datasetProperty().get().label(), "the data set comes back from the checkpoint");
        reopened.setup().field("maxSteps").setText("30");
        reopened.start();
        fx.runAll();
        fx.runAll();
        assertEquals(30, reopened.getStep());
        assertEquals(expected, reopened.latestSnapshot().codebooks(), "continued bit for bit");
        assertEquals(30, reopened.errorChart().series().get(0).size(), "the curves start with the checkpoint's history");
    }

    @Test
    void aPlainCodebookIsContinuedFrom(@TempDir Path dir) {
        DashboardViewModel vm = synchronous();
        vm.setup().field("maxSteps").setText("10");
        vm.start();
        fx.runAll();
        fx.runAll();
        Path csv = dir.resolve("codebook.csv");
        vm.save(csv);
        fx.runAll();
        Codebooks before = CodebookFiles.load(csv);

        DashboardViewModel next = synchronous();
        next.openCodebook(csv, null);
        fx.runAll();
        assertTrue(next.openedCodebookProperty().get().contains("codebook 2 × 16 × 4"), next.openedCodebookProperty().get());
        assertTrue(next.setup().field("heads").lockedProperty().get(), "the shape is the codebook's");
        next.setup().field("maxSteps").setText("3");
        next.start();
        fx.runAll();
        fx.runAll();
        assertEquals(RunState.FINISHED, next.getState(), String.valueOf(next.messageProperty().get()));
        assertEquals(3, next.getStep());
        Codebooks after = next.latestSnapshot().codebooks();
        double moved = 0;
        for (int h = 0; h < 2; h++) {
            for (int k = 0; k < 16; k++) {
                for (int d = 0; d < 4; d++) {
                    moved = Math.max(moved, Math.abs(after.value(h, k, d) - before.value(h, k, d)));
                }
            }
        }
        assertTrue(moved < 1.0, "started from the opened codes, not from scratch (largest move " + moved + ")");
    }

    @Test
    void metricsExportAsCsvWithTheJsonFieldNames(@TempDir Path dir) throws IOException {
        DashboardViewModel vm = synchronous();
        vm.setup().field("maxSteps").setText("5");
        vm.start();
        fx.runAll();
        fx.runAll();
        Path csv = dir.resolve("metrics.csv");
        vm.exportMetrics(csv);
        fx.runAll();
        List<String> lines = Files.readAllLines(csv);
        assertEquals(6, lines.size());
        assertEquals("step,epoch,rows,loss_total,loss_reconstruction,loss_codebook,loss_commitment,mse,restarts,"
                + "samples_per_s,elapsed_s,perplexity_0,used_0,dead_0,perplexity_1,used_1,dead_1", lines.get(0));
        String[] first = lines.get(1).split(",", -1);
        assertEquals("1", first[0]);
        assertEquals("", first[4], "no reconstruction loss without a decoder: empty, as JSON writes null");
        StepMetrics m = vm.trainer().history().get(0);
        assertEquals(m.mse(), Double.parseDouble(first[7]), 0);
    }

    @Test
    void resetDiscardsTheRunAndUnlocksTheSetup() {
        DashboardViewModel vm = synchronous();
        vm.setup().field("maxSteps").setText("3");
        vm.start();
        fx.runAll();
        fx.runAll();
        assertTrue(vm.setup().field("heads").lockedProperty().get());
        assertFalse(vm.setup().field("decay").lockedProperty().get(), "live settings stay editable");
        vm.reset();
        assertEquals(RunState.NONE, vm.getState());
        assertEquals(0, vm.getStep());
        assertEquals(0, vm.errorChart().series().get(0).size());
        assertTrue(vm.usageModels().isEmpty());
        assertFalse(vm.setup().field("heads").lockedProperty().get());
        fx.runAll(); // a late update of the discarded run is ignored
        assertEquals(0, vm.getStep());
    }

    @Test
    void autoSnapshotIntervalKeepsSnapshotsCheap() {
        var q = new vqlens.core.QuantizerConfig(4, 32, 256);
        int every = SnapshotCadence.auto(q, vqlens.train.Method.EMA, 1024, 20000, 15);
        assertTrue(every > 10 && every < 200, "every " + every);
        assertEquals(1, SnapshotCadence.auto(q, vqlens.train.Method.KMEANS, 1024, 1_000_000, 15), "a k-means pass is long");
    }

}
