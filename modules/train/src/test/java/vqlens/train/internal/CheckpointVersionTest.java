package vqlens.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookFileException;
import vqlens.core.io.CodebookFiles;
import vqlens.core.io.NpzReader;
import vqlens.core.io.NpzWriter;
import vqlens.train.Checkpoint;
import vqlens.train.Hyperparameters;
import vqlens.train.Init;
import vqlens.train.UpdateRule;
import vqlens.train.VqVaeShape;
import vqlens.train.Trainer;
import vqlens.train.TrainingSettings;
import vqlens.train.data.DataSource;
import vqlens.train.data.ShapesData;
import vqlens.train.data.SyntheticData;

/** Checkpoints of format 1 (before the VQ-VAE optimizer state was laid out anew): which still resume. */
class CheckpointVersionTest {

    @TempDir
    Path dir;

    @Test
    void aQuantizerCheckpointOfFormat1StillResumes() throws Exception {
        TrainingSettings settings = TrainingSettings.of(new QuantizerConfig(2, 8, 16), UpdateRule.ADAM, 64, 3, 0);
        Path file = checkpoint(settings, DataSource.of(SyntheticData.uniform(512, 8, 3), "uniform"), "q.npz");
        Checkpoint current = Checkpoint.load(file);
        Path old = asFormat1(file);
        Checkpoint back = Checkpoint.load(old);
        assertEquals(current.codebooks(), back.codebooks());
        assertEquals(current.state().step(), back.state().step());
    }

    @Test
    void aVqVaeCheckpointOfFormat1IsRefusedInOneLineButOpensAsACodebook() throws Exception {
        TrainingSettings settings = new TrainingSettings(new QuantizerConfig(4, 16, 32), UpdateRule.ADAM, Init.LAZY, 64, 42,
                0, Hyperparameters.defaults(UpdateRule.ADAM, 64, 32), 1, new VqVaeShape(ShapesData.DIM, List.of(32)));
        Path file = checkpoint(settings, DataSource.of(ShapesData.generate(256, 9), "shapes"), "vae.npz");
        Checkpoint.load(file); // the current format resumes
        Path old = asFormat1(file);
        CodebookFileException e = assertThrows(CodebookFileException.class, () -> Checkpoint.load(old));
        assertTrue(e.getMessage().contains("cannot be resumed"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
        assertEquals(Checkpoint.load(file).codebooks(), CodebookFiles.load(old), "its codebooks still open");
    }

    private Path checkpoint(TrainingSettings settings, DataSource data, String name) throws Exception {
        try (Trainer t = new Trainer(settings, data, Runnable::run)) {
            for (int i = 0; i < 3; i++) {
                t.step();
            }
            Path file = dir.resolve(name);
            t.checkpoint().get().save(file);
            return file;
        }
    }

    /** The same checkpoint with its state saying format 1, rewritten by java.util.zip (deflated, data descriptors). */
    private Path asFormat1(Path file) throws IOException {
        String text;
        try (NpzReader reader = NpzReader.open(file)) {
            text = new String(reader.bytes("state"), StandardCharsets.UTF_8);
        }
        String changed = text.replace(CheckpointCodec.FORMAT + "=" + CheckpointCodec.VERSION, CheckpointCodec.FORMAT + "=1");
        assertTrue(!changed.equals(text), "the version line was found");
        Path state = dir.resolve("state-only.npz");
        try (NpzWriter w = NpzWriter.create(state)) {
            w.bytes("state", changed.getBytes(StandardCharsets.UTF_8));
            w.commit();
        }
        Path old = dir.resolve("old-" + file.getFileName());
        try (ZipFile zip = new ZipFile(file.toFile()); ZipFile stateZip = new ZipFile(state.toFile());
             OutputStream out = Files.newOutputStream(old); ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                ZipFile from = e.getName().equals("state.npy") ? stateZip : zip;
                byte[] bytes = from.getInputStream(from.getEntry(e.getName())).readAllBytes();
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(bytes);
                z.closeEntry();
            }
        }
        return old;
    }
}
