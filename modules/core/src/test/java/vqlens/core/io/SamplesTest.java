package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.GoldenFiles.golden;
import static vqlens.core.testing.TestNpy.assertBitsEqual;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.testing.TestNpy;

/** The sample codebooks shipped in the top-level {@code resources/codebooks/} (see resources/README.md). */
class SamplesTest {
    /** Surefire runs in {@code modules/core}. */
    static final Path SAMPLES = Path.of("..", "..", "resources", "codebooks");

    @TempDir
    Path dir;

    @Test
    void seedShapedSamplesAreTheGoldenPyTorchExport() {
        for (String extension : new String[] {"npz", "safetensors"}) {
            Path sample = SAMPLES.resolve("reference-4x256x96." + extension);
            assertArrayEquals(TestNpy.bytes(golden("codebook_export." + extension)), TestNpy.bytes(sample), extension);
            Codebooks c = CodebookFiles.load(sample);
            assertEquals(QuantizerConfig.seedDefault(), c.config());
            assertTrue(c.inited());
        }
    }

    @Test
    void teachingCodebookIsWhatItsGeneratorMakes() {
        CodebookDocument expected = TeachingCodebook.generate();
        Path npz = SAMPLES.resolve(TeachingCodebook.NAME + ".npz");
        Path csv = SAMPLES.resolve(TeachingCodebook.NAME + ".csv");
        assertEquals(expected, CodebookFiles.loadDocument(npz));
        assertBitsEqual(expected.codebooks().toArray(), CodebookFiles.load(csv).toArray());
        // The same bytes as a fresh save: the files are reproducible.
        CodebookFiles.save(dir.resolve("t.npz"), expected);
        CodebookFiles.save(dir.resolve("t.csv"), expected);
        assertArrayEquals(TestNpy.bytes(dir.resolve("t.npz")), TestNpy.bytes(npz));
        assertArrayEquals(TestNpy.bytes(dir.resolve("t.csv")), TestNpy.bytes(csv));
        // and the rows it was made from, shipped beside it
        TeachingCodebook.writeRows(dir.resolve("t.rows.npy"));
        assertArrayEquals(TestNpy.bytes(dir.resolve("t.rows.npy")),
                TestNpy.bytes(SAMPLES.resolve(TeachingCodebook.NAME + ".rows.npy")));
    }

    @Test
    void teachingCodesSitOnTheirBlobs() {
        Codebooks c = TeachingCodebook.generate().codebooks();
        long[] usage = TeachingCodebook.generate().usage().orElseThrow();
        assertEquals(new QuantizerConfig(1, 2, 16), c.config());
        long points = 0;
        for (int k = 0; k < 16; k++) {
            double x = TeachingCodebook.GRID[k % 4];
            double y = TeachingCodebook.GRID[k / 4];
            double distance = Math.hypot(c.value(0, k, 0) - x, c.value(0, k, 1) - y);
            assertTrue(distance < 0.3, "code " + k + " is " + distance + " from its blob centre (" + x + ", " + y + ")");
            assertTrue(Math.abs(usage[k] - TeachingCodebook.POINTS_PER_BLOB) <= 4, "code " + k + " has " + usage[k] + " points");
            points += usage[k];
        }
        assertEquals(16 * TeachingCodebook.POINTS_PER_BLOB, points);
    }
}
