package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookFiles;
import vqlens.train.StepMetrics;

/** A metrics CSV is saved by the same atomic writer as a codebook: same permissions, nothing left behind. */
class MetricsCsvFileTest {

    @TempDir
    Path dir;

    @Test
    void aCsvExportGetsTheSamePermissionsAsACodebookBesideIt() throws Exception {
        StepMetrics step = new StepMetrics(1, 0.5, 64, 1.25, 1.0, 0.125, 0.125, 0.5, new double[] {3.5},
                new int[] {4}, new int[] {0}, new int[] {0}, new int[] {0}, 1000, 0.01);
        Path codebook = dir.resolve("cb.npz");
        Path csv = dir.resolve("metrics.csv");
        CodebookFiles.save(codebook, Codebooks.of(new QuantizerConfig(1, 2, 2), new float[] {1, 2, 3, 4}, true));
        MetricsCsv.write(csv, List.of(step));

        assertEquals(Files.getPosixFilePermissions(codebook), Files.getPosixFilePermissions(csv));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("cb.npz", "metrics.csv"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(2, lines.size(), "a header and one step");
        assertTrue(lines.get(1).startsWith("1,"), lines.get(1));
    }
}
