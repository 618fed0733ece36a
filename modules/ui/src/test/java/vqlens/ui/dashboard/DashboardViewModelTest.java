package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import vqlens.ui.common.Delayer;
import vqlens.ui.common.UserMessage;
import vqlens.ui.common.ManualExecutor;

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
        // Adam moves each value by about the learning rate per step at most, so a run that starts from the
        // opened codes stays near them, while a fresh initialisation (data rows) would be far away
        double lr = 1e-3;
        next.setup().methodProperty().set(vqlens.train.UpdateRule.ADAM);
        next.setup().field("learningRate").setText(Double.toString(lr));
        next.setup().field("deadThreshold").setText("0"); // no restarts: they would move a code anywhere
        next.setup().field("maxSteps").setText("3");
        next.start();
        fx.runAll();
        fx.runAll();
        assertEquals(RunState.FINISHED, next.getState(), String.valueOf(next.messageProperty().get()));
        assertEquals(3, next.getStep());
        Codebooks after = next.latestSnapshot().codebooks();
        // Adam's bias-corrected step is at most lr per value (|m̂| ≤ √v̂); a factor 2 leaves room for epsilon and rounding
        double allowed = 2 * 3 * lr;
        assertTrue(maxMove(before, after) <= allowed, "started from the opened codes (largest move " + maxMove(before, after) + ")");
        assertTrue(maxMove(before, after) > 0, "and trained them");
    }

    private static double maxMove(Codebooks a, Codebooks b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        assertEquals(x.length, y.length);
        double moved = 0;
        for (int i = 0; i < x.length; i++) {
            moved = Math.max(moved, Math.abs(x[i] - y[i]));
        }
        return moved;
    }

    @Test
    void saveAsWritesEveryFormatAndAnOpenedCodebookSavesToo(@TempDir Path dir) {
        DashboardViewModel vm = synchronous();
        vm.setup().field("maxSteps").setText("4");
        vm.start();
        fx.runAll();
        fx.runAll();
        float[] trained = vm.latestSnapshot().codebooks().toArray();
        for (String name : List.of("cb.npz", "cb.safetensors", "cb.npy", "cb.csv")) {
            Path file = dir.resolve(name);
            vm.save(file);
            fx.runAll();
            assertNull(vm.messageProperty().get(), name);
            Codebooks back = CodebookFiles.load(file);
            assertEquals(vm.latestSnapshot().codebooks().config(), back.config(), name);
            assertArrayEquals(trained, back.toArray(), name + ": float32 values bit for bit");
            assertTrue(back.inited(), name);
        }
        assertEquals("Saved cb.csv (step 4)", vm.noticeProperty().get());

        // no run: what was opened is saved, here a .safetensors into .npy
        DashboardViewModel other = synchronous();
        other.openCodebook(dir.resolve("cb.safetensors"), null);
        fx.runAll();
        Path npy = dir.resolve("again.npy");
        other.save(npy);
        fx.runAll();
        assertNull(other.messageProperty().get());
        assertArrayEquals(trained, CodebookFiles.load(npy).toArray());

        other.save(dir.resolve("cb.txt"));
        fx.runAll();
        assertEquals("Cannot save the codebook", other.messageProperty().get().title(), "an unknown extension is a message");
    }

    @Test
    void usageChartsMarkTheCodesTheTrainerCountsAsDead() {
        DashboardViewModel vm = synchronous();
        vm.setup().field("codes").setText("64"); // 128 rows a step over 64 codes: many get under 1 a step
        vm.setup().field("deadThreshold").setText("0"); // no restarts, which would revive them; dead = under 1 a step
        vm.setup().field("maxSteps").setText("6");
        vm.start();
        fx.runAll();
        fx.runAll();
        int flagged = 0;
        for (vqlens.train.HeadMetrics hm : vm.latestSnapshot().heads()) {
            vqlens.ui.chart.CodeUsageModel m = vm.usageModels().get(hm.head());
            for (int k = 0; k < hm.codes(); k++) {
                assertEquals(hm.dead(k), m.dead(k), "head " + hm.head() + " code " + k);
                flagged += hm.dead(k) ? 1 : 0;
            }
            assertEquals(hm.dead(), m.deadCount());
        }
        assertTrue(flagged > 0, "the run has dead codes to mark");
    }

    @Test
    void slowMotionShowsEveryStepOneAtATimeAtTheChosenSpeed() {
        List<Long> delays = new java.util.ArrayList<>();
        java.util.Deque<Runnable> later = new java.util.ArrayDeque<>();
        DashboardViewModel vm = new DashboardViewModel(new DashboardServices(Runnable::run, Runnable::run, fx,
                (task, nanos) -> {
                    delays.add(nanos);
                    later.add(task); // time passes when the test says so; the order of the hand-offs stays
                }, 0, TrainerFactory.DEFAULT));
        small(vm.setup());
        vm.setup().field("snapshotEvery").setText("50"); // a running trainer would publish rarely: slow motion still shows every step
        vm.setup().field("maxSteps").setText("6");
        vm.speedProperty().set(4);
        List<Boolean> slow = new java.util.ArrayList<>();
        vm.slowMotionProperty().addListener((obs, old, now) -> slow.add(now));
        vm.start();
        fx.runAll();
        while (vm.getStep() < 6) { // the trainer asks for each next step; its time passes here
            later.remove().run();
            fx.runAll();
        }
        assertEquals(6, vm.updates(), "each step shown on its own");
        assertEquals(RunState.RUNNING, vm.getState(), "the last step stays on show for its 1/4 s");
        later.remove().run(); // its time is over: the trainer finds the step limit
        fx.runAll();
        assertTrue(later.isEmpty(), "nothing asked for after the end");
        assertEquals(RunState.FINISHED, vm.getState());
        assertEquals(6, vm.getStep());
        assertEquals(6, vm.errorChart().series().get(0).size(), "every step on the curve");
        assertEquals(List.of(true, false), slow);
        long quarterSecond = 250_000_000L;
        // one step each 1/4 s, counted from each step's start (so the step's own time is part of it)
        assertEquals(6, delays.stream().filter(d -> d >= 0 && d < quarterSecond).count(), "one step each 1/4 s: " + delays);
    }

    @Test
    void trainsOnTheUsersCsvFileAndMarksABadFileAtTheData(@TempDir Path dir) throws IOException {
        DashboardViewModel vm = synchronous();
        Path csv = dir.resolve("rows.csv");
        StringBuilder text = new StringBuilder("a,b,c,d,e,f\n");
        java.util.Random random = new java.util.Random(3);
        for (int r = 0; r < 300; r++) {
            for (int c = 0; c < 6; c++) {
                text.append(c > 0 ? "," : "").append((float) random.nextGaussian());
            }
            text.append('\n');
        }
        Files.writeString(csv, text);
        vm.setup().field("heads").setText("2");
        vm.chooseDataFile(csv);
        fx.runAll();
        SetupForm.FileInfo info = vm.setup().fileInfoProperty().get();
        assertTrue(info.ok(), info.error());
        assertEquals(300, info.rows());
        assertEquals("6", vm.setup().field("dim").getText(), "the dimension is the file's width");
        vm.setup().field("batch").setText("64");
        vm.setup().field("maxSteps").setText("3");
        assertTrue(vm.setup().isValid(), vm.setup().problemProperty().get());
        vm.start();
        fx.runAll();
        fx.runAll();
        assertEquals(RunState.FINISHED, vm.getState(), String.valueOf(vm.messageProperty().get()));
        assertEquals(3, vm.getStep());
        assertEquals(3, vm.latestSnapshot().codebooks().config().headDim(), "6 values over 2 heads");

        vm.reset();
        Path bad = dir.resolve("bad.npy");
        Files.writeString(bad, "not numpy");
        vm.chooseDataFile(bad);
        fx.runAll();
        assertFalse(vm.setup().isValid());
        assertTrue(vm.setup().dataErrorProperty().get().contains("bad.npy"), vm.setup().dataErrorProperty().get());
        assertNull(vm.messageProperty().get(), "marked at the data, not a dialog");
        vm.start();
        assertEquals(RunState.NONE, vm.getState(), "nothing starts");
    }

    @Test
    void trainerPropertyFollowsTheRun() {
        DashboardViewModel vm = synchronous();
        List<Trainer> seen = new java.util.ArrayList<>();
        vm.trainerProperty().addListener((obs, old, now) -> seen.add(now));
        assertNull(vm.trainerProperty().get(), "no run, no trainer");
        vm.setup().field("maxSteps").setText("2");
        vm.start();
        assertNull(vm.trainerProperty().get(), "not before it is made");
        fx.runAll();
        fx.runAll();
        assertNotNull(vm.trainerProperty().get());
        assertTrue(vm.trainerProperty().get() == vm.trainer());
        assertEquals(2, vm.trainerProperty().get().snapshot().step(), "the run's own trainer");
        vm.reset();
        assertNull(vm.trainerProperty().get(), "cleared on reset");
        assertEquals(2, seen.size(), "set once, cleared once: " + seen);
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
                + "samples_per_s,elapsed_s,perplexity_0,used_0,dead_0,restarted_0,thrashing_0,perplexity_1,used_1,dead_1,"
                + "restarted_1,thrashing_1", lines.get(0));
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
        int every = SnapshotCadence.auto(q, vqlens.train.UpdateRule.EMA, 1024, 20000, 15);
        assertTrue(every > 10 && every < 200, "every " + every);
        assertEquals(1, SnapshotCadence.auto(q, vqlens.train.UpdateRule.KMEANS, 1024, 1_000_000, 15), "a k-means pass is long");
    }

}
