package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import vqlens.core.Codebooks;
import vqlens.core.VqException;
import vqlens.core.io.CodebookFileException;
import vqlens.core.io.CodebookFiles;
import vqlens.core.io.NpyDtype;
import vqlens.core.io.NpyWriter;
import vqlens.train.data.DataSource;
import vqlens.train.data.NpyDataSource;
import vqlens.train.data.SyntheticData;

/** Stopping, saving, loading and resuming gives exactly what an uninterrupted run gives. */
class ResumeTest {
    private static final int TOTAL = 20;
    /** 64-row batches over 1000 rows: step 7 ends mid-pass, so the data cursor must be restored exactly. */
    private static final int STOP_AT = 7;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(UpdateRule.class)
    void resumingFromAFileGivesTheSameResultAsNotStopping(UpdateRule method) throws Exception {
        TrainingSettings settings = Runs.settings(method, TOTAL).withInit(Init.KMEANS_PLUS_PLUS);
        Trainer straight = Runs.trained(settings, Runs.mixture());

        Trainer first = Runs.trained(settings.withMaxSteps(STOP_AT), Runs.mixture());
        Checkpoint saved = first.checkpoint().get(60, TimeUnit.SECONDS);
        assertEquals(STOP_AT, saved.state().step());
        Path file = dir.resolve("run.npz");
        saved.save(file);

        Checkpoint loaded = Checkpoint.load(file);
        Trainer second = Trainer.fromCheckpoint(loaded, TOTAL, Runs.mixture(), Runs.SYNC);
        assertEquals(STOP_AT, second.snapshot().step(), "a resumed trainer shows where it starts");
        second.start();

        assertEquals(TrainerState.FINISHED, second.state());
        assertEquals(straight.snapshot().codebooks(), second.snapshot().codebooks(), method + ": bit-identical");
        List<StepMetrics> a = straight.history();
        List<StepMetrics> b = second.history();
        assertEquals(TOTAL, b.size(), "the history travels with the checkpoint");
        for (int i = 0; i < TOTAL; i++) {
            assertTrue(a.get(i).sameValuesAs(b.get(i)), "step " + (i + 1) + ": " + a.get(i) + " vs " + b.get(i));
        }
        assertEquals(straight.snapshot().heads().get(0).nearest().upper(), second.snapshot().heads().get(0).nearest().upper(),
                "histogram edges survive the checkpoint");
    }

    @Test
    void aCheckpointIsANativeCodebookFileToo() throws Exception {
        Trainer t = Runs.trained(Runs.settings(UpdateRule.EMA, 3), Runs.mixture());
        Checkpoint c = t.checkpoint().get(60, TimeUnit.SECONDS);
        Path file = dir.resolve("ckpt.npz");
        c.save(file);
        Codebooks books = CodebookFiles.load(file);
        assertEquals(t.snapshot().codebooks(), books);
        Checkpoint back = Checkpoint.load(file);
        assertEquals(c.settings(), back.settings());
        assertEquals(c.dataDescription(), back.dataDescription());
    }

    @ParameterizedTest
    @EnumSource(UpdateRule.class)
    void aRunCanStartFromAnOpenedCodebookWithoutLosingIt(UpdateRule method) throws Exception {
        Trainer first = Runs.trained(Runs.settings(UpdateRule.KMEANS, 10).withInit(Init.KMEANS_PLUS_PLUS), Runs.mixture());
        Codebooks opened = first.snapshot().codebooks();
        TrainingSettings settings = Runs.settings(method, 1);
        Checkpoint start = Checkpoint.startingFrom(opened, settings, 1000, 8, "mixture");
        Trainer t = Trainer.fromCheckpoint(start, 1, Runs.mixture(), Runs.SYNC);
        assertEquals(opened, t.snapshot().codebooks(), "shown before the first step");
        List<TrainingEvent> events = new java.util.ArrayList<>();
        t.addListener(s -> events.addAll(s.events()), Runnable::run);
        t.start();
        assertTrue(events.stream().noneMatch(e -> e.kind() == TrainingEvent.Kind.INIT), "no initialisation over it");
        assertEquals(first.snapshot().latest().mse(), t.history().get(0).mse(), 0.05 * first.snapshot().latest().mse(),
                "the first step measures the opened codebook (a batch instead of the whole pass)");
        int restarted = events.stream().filter(e -> e.kind() == TrainingEvent.Kind.RESTART).mapToInt(e -> e.codes().length).sum();
        assertTrue(restarted <= 2, "a missing history does not make codes look dead: " + restarted + " restarts");
    }

    @Test
    void aHandBuiltStateWithUnsetHistogramEdgesStillTrains() {
        Trainer first = Runs.trained(Runs.settings(UpdateRule.KMEANS, 3), Runs.mixture());
        TrainingSettings settings = Runs.settings(UpdateRule.EMA, 2);
        ResumeState state = new ResumeState(0, 0, settings.seed(), 1.0, new double[32], new double[Runs.SMALL.codebookValues()],
                new float[0], new double[2], new double[] {Double.NaN, -1}, 0, 1); // 0 and -1: "not fixed yet"
        Trainer t = Trainer.fromCheckpoint(new Checkpoint(settings, first.snapshot().codebooks(), state, List.of(), 1000, 8, "m"),
                2, Runs.mixture(), Runs.SYNC);
        t.start();
        assertEquals(TrainerState.FINISHED, t.state());
        assertTrue(t.snapshot().heads().get(0).nearest().upper() > 0);
    }

    @Test
    void aPlainCodebookIsNotACheckpoint() {
        Trainer t = Runs.trained(Runs.settings(UpdateRule.EMA, 1), Runs.mixture());
        Path file = dir.resolve("plain.npz");
        CodebookFiles.save(file, t.snapshot().codebooks());
        CodebookFileException e = assertThrows(CodebookFileException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().contains("not a training checkpoint"), e.getMessage());
        assertThrows(CodebookFileException.class, () -> Checkpoint.load(dir.resolve("run.ckpt")));
    }

    @Test
    void resumingOnOtherDataIsRefused() throws Exception {
        Trainer t = Runs.trained(Runs.settings(UpdateRule.EMA, 2), Runs.mixture());
        Checkpoint c = t.checkpoint().get(60, TimeUnit.SECONDS);
        DataSource fewer = DataSource.of(SyntheticData.gaussianMixture(999, 8, 16, 0.1, 5), "999 rows");
        VqException e = assertThrows(VqException.class, () -> Trainer.fromCheckpoint(c, 10, fewer, Runs.SYNC));
        assertTrue(e.getMessage().contains("resume on the same data"), e.getMessage());
    }

    @Test
    void aStreamedFileResumesAtItsDataCursor() throws Exception {
        SyntheticData.Dataset d = SyntheticData.gaussianMixture(1000, 8, 16, 0.1, 5);
        Path npy = dir.resolve("z.npy");
        try (NpyWriter w = NpyWriter.create(npy, NpyDtype.FLOAT64, 1000, 8)) {
            w.writeFloats(d.values(), 0, d.values().length);
            w.commit();
        }
        TrainingSettings settings = Runs.settings(UpdateRule.ADAM, TOTAL);
        Trainer straight = Runs.trained(settings, NpyDataSource.open(npy));
        Trainer inMemory = Runs.trained(settings, Runs.mixture());
        assertEquals(inMemory.snapshot().codebooks(), straight.snapshot().codebooks(), "the file holds the same rows");

        Trainer first = Runs.trained(settings.withMaxSteps(STOP_AT), NpyDataSource.open(npy));
        Path file = dir.resolve("npy-run.npz");
        first.checkpoint().get(60, TimeUnit.SECONDS).save(file);
        first.close();
        Trainer second = Trainer.fromCheckpoint(Checkpoint.load(file), TOTAL, NpyDataSource.open(npy), Runs.SYNC);
        second.start();
        assertEquals(straight.snapshot().codebooks(), second.snapshot().codebooks());
        second.close();
        straight.close();
    }
}
