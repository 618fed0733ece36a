package vqlens.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookFiles;
import vqlens.train.Checkpoint;
import vqlens.train.UpdateRule;
import vqlens.train.Trainer;
import vqlens.train.TrainingSettings;
import vqlens.train.data.DataSource;
import vqlens.train.data.SyntheticData;

/** A checkpoint is saved by the same atomic writer as a codebook: same permissions, no temp file left. */
class CheckpointFileModeTest {

    @TempDir
    Path dir;

    @Test
    void aCheckpointGetsTheSamePermissionsAsACodebookBesideIt() throws Exception {
        TrainingSettings settings = TrainingSettings.of(new QuantizerConfig(2, 8, 16), UpdateRule.EMA, 64, 3, 0);
        try (Trainer t = new Trainer(settings, DataSource.of(SyntheticData.uniform(512, 8, 3), "uniform"), Runnable::run)) {
            t.step();
            Checkpoint checkpoint = t.checkpoint().get();
            Path codebook = dir.resolve("cb.npz");
            Path saved = dir.resolve("cb.ckpt.npz");
            CodebookFiles.save(codebook, checkpoint.codebooks());
            checkpoint.save(saved);

            assertEquals(Files.getPosixFilePermissions(codebook), Files.getPosixFilePermissions(saved));
            try (var files = Files.list(dir)) {
                assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp file left");
            }
            assertEquals(checkpoint.codebooks(), Checkpoint.load(saved).codebooks(), "and it reads back");
        }
    }
}
