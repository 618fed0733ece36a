package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.testing.TestPython;

/**
 * The public named-array {@code .npz} API that checkpoints use: what it writes numpy reads exactly, what
 * numpy writes (savez and savez_compressed) it reads back, and a save is atomic like a codebook's.
 */
class NpzWriterReaderTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryKindOfMember() {
        Path file = dir.resolve("state.npz");
        try (NpzWriter w = NpzWriter.create(file)) {
            w.floats("w", new float[] {1.5f, -2f, Float.MIN_VALUE, 7f, 8f, 9f}, 2, 3)
                    .doubles("m", new double[] {Math.PI, -0.0}, 2)
                    .longs("step", new long[] {Long.MAX_VALUE}, 1)
                    .bytes("meta", "{\"a\":1}".getBytes(StandardCharsets.UTF_8))
                    .bool("inited", true);
            w.commit();
        }
        try (NpzReader r = NpzReader.open(file)) {
            assertEquals(List.of("w", "m", "step", "meta", "inited"), r.names());
            assertArrayEquals(new long[] {2, 3}, r.shape("w"));
            assertArrayEquals(new float[] {1.5f, -2f, Float.MIN_VALUE, 7f, 8f, 9f}, r.floats("w"));
            assertArrayEquals(new double[] {Math.PI, -0.0}, r.doubles("m"));
            assertArrayEquals(new long[] {Long.MAX_VALUE}, r.longs("step"));
            assertEquals("{\"a\":1}", new String(r.bytes("meta"), StandardCharsets.UTF_8));
            assertTrue(r.has("inited"));
            assertFalse(r.has("absent"));
            CodebookFileException e = assertThrows(CodebookFileException.class, () -> r.floats("absent"));
            assertTrue(e.getMessage().contains("absent"), e.getMessage());
        }
    }

    @Test
    void uncommittedWriterLeavesNothingBehind() throws IOException {
        Path file = dir.resolve("half.npz");
        try (NpzWriter w = NpzWriter.create(file)) {
            w.floats("w", new float[] {1f}, 1);
        }
        assertFalse(Files.exists(file));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(), listing.toList(), "no temporary file remains");
        }
    }

    @Test
    void numpyReadsWhatItWritesAndTheReverse() throws Exception {
        Path ours = dir.resolve("ours.npz");
        try (NpzWriter w = NpzWriter.create(ours)) {
            w.floats("w", new float[] {1f, 2f, 3f, 4f}, 2, 2).longs("n", new long[] {5, 6}, 2);
            w.commit();
        }
        Path theirs = dir.resolve("theirs.npz");
        Path compressed = dir.resolve("compressed.npz");
        String out = TestPython.run("""
                import sys, numpy as np
                with np.load(sys.argv[1]) as z:
                    print(z['w'].dtype.str, z['w'].shape, z['w'].tolist(), z['n'].dtype.str, z['n'].tolist())
                np.savez(sys.argv[2], d=np.array([0.25, -1.0]), l=np.arange(3, dtype='<i8'))
                np.savez_compressed(sys.argv[3], f=np.arange(6, dtype='<f4').reshape(3, 2))
                """, ours.toString(), theirs.toString(), compressed.toString());
        assertEquals("<f4 (2, 2) [[1.0, 2.0], [3.0, 4.0]] <i8 [5, 6]", out);
        try (NpzReader r = NpzReader.open(theirs)) {
            assertArrayEquals(new double[] {0.25, -1.0}, r.doubles("d"));
            assertArrayEquals(new long[] {0, 1, 2}, r.longs("l"));
        }
        try (NpzReader r = NpzReader.open(compressed)) {
            assertArrayEquals(new long[] {3, 2}, r.shape("f"));
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, r.floats("f"));
        }
    }

}
