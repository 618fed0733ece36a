package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static vqlens.core.testing.TestNpy.assertBitsEqual;
import static vqlens.core.testing.TestNpy.assertFileProblem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vqlens.core.testing.TestNpy;

class NpyWriterTest {
    private static final byte[] OLD = "old content".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private long filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void writesInPiecesAndReadsBackExactly() throws IOException {
        Path file = dir.resolve("m.npy");
        float[] m = TestNpy.randomFloats(9, 3 * 5);
        try (NpyWriter writer = NpyWriter.create(file, NpyDtype.FLOAT32, 3, 5)) {
            writer.writeFloats(m, 0, 4);
            writer.writeFloats(m, 4, 0);
            writer.writeFloats(m, 4, 11);
            writer.commit();
        }
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(8);
        assertEquals(0, (10 + headerLength) % 64, "data starts at a multiple of 64");
        assertEquals(10 + headerLength + 60, bytes.length);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 5), }",
                new String(bytes, 10, headerLength, StandardCharsets.US_ASCII).strip());
        float[] back = new float[15];
        try (NpyRowReader reader = NpyRowReader.open(file)) {
            assertEquals(3, reader.readFloats(back, 3));
        }
        assertBitsEqual(m, back);
        assertEquals(1, filesInDir(), "no temp file left");
    }

    @Test
    void integerBoolAndFloat64Files() {
        Path ints = dir.resolve("i.npy");
        long[] values = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, 42};
        try (NpyWriter writer = NpyWriter.create(ints, NpyDtype.INT64, 2, 3)) {
            writer.writeLongs(values, 0, 6);
            writer.commit();
        }
        long[] back = new long[6];
        try (NpyRowReader reader = NpyRowReader.open(ints)) {
            assertEquals(NpyDtype.INT64, reader.dtype());
            assertEquals(2, reader.readIndices(back, 2));
        }
        assertArrayEquals(values, back);

        Path bytes = dir.resolve("u.npy");
        try (NpyWriter writer = NpyWriter.create(bytes, NpyDtype.UINT8, 1, 3)) {
            assertThrows(IllegalArgumentException.class, () -> writer.writeLongs(new long[] {256}, 0, 1));
            assertThrows(IllegalStateException.class, () -> writer.writeFloats(new float[] {1}, 0, 1));
            writer.writeLongs(new long[] {0, 255, 7}, 0, 3);
            writer.commit();
        }
        try (NpyRowReader reader = NpyRowReader.open(bytes)) {
            assertEquals(1, reader.readIndices(back, 1));
        }
        assertArrayEquals(new long[] {0, 255, 7}, Arrays.copyOf(back, 3));

        Path flag = dir.resolve("b.npy");
        try (NpyWriter writer = NpyWriter.create(flag, NpyDtype.BOOL)) {
            assertThrows(IllegalArgumentException.class, () -> writer.writeLongs(new long[] {2}, 0, 1));
            writer.writeLongs(new long[] {1}, 0, 1);
            writer.commit();
        }
        byte[] b = TestNpy.bytes(flag);
        assertEquals(1, b[b.length - 1]);
        assertEquals(0, (b.length - 1) % 64);

        Path doubles = dir.resolve("d.npy");
        try (NpyWriter writer = NpyWriter.create(doubles, NpyDtype.FLOAT64, 1, 2)) {
            assertThrows(IllegalStateException.class, () -> writer.writeLongs(new long[] {1}, 0, 1));
            writer.writeFloats(new float[] {0.1f, Float.NaN}, 0, 2);
            writer.commit();
        }
        float[] f = new float[2];
        try (NpyRowReader reader = NpyRowReader.open(doubles)) {
            assertEquals(NpyDtype.FLOAT64, reader.dtype());
            reader.readFloats(f, 1);
        }
        assertBitsEqual(new float[] {0.1f, Float.NaN}, f);
    }

    @Test
    void closeWithoutCommitLeavesTheOldTarget() throws IOException {
        Path file = Files.write(dir.resolve("keep.npy"), OLD);
        try (NpyWriter writer = NpyWriter.create(file, NpyDtype.FLOAT32, 2, 2)) {
            writer.writeFloats(new float[] {1, 2, 3, 4}, 0, 4);
            assertArrayEquals(OLD, Files.readAllBytes(file), "untouched while writing");
        }
        assertArrayEquals(OLD, Files.readAllBytes(file), "untouched after close without commit");
        assertEquals(1, filesInDir(), "temp file deleted");
    }

    @Test
    void commitWithTooFewValuesFailsAndKeepsTheTarget() throws IOException {
        Path file = Files.write(dir.resolve("few.npy"), OLD);
        try (NpyWriter writer = NpyWriter.create(file, NpyDtype.FLOAT32, 3, 5)) {
            writer.writeFloats(new float[14], 0, 14);
            assertFileProblem(file, "only 14 of the 15 values of shape (3, 5) were written", writer::commit);
        }
        assertArrayEquals(OLD, Files.readAllBytes(file));
        assertEquals(1, filesInDir());
    }

    @Test
    void tooManyValuesFailImmediately() throws IOException {
        Path file = dir.resolve("many.npy");
        try (NpyWriter writer = NpyWriter.create(file, NpyDtype.INT64, 2)) {
            writer.writeLongs(new long[] {1}, 0, 1);
            assertFileProblem(file, "more values than shape (2,) holds (2): 1 written, 2 more given",
                    () -> writer.writeLongs(new long[] {2, 3}, 0, 2));
            writer.writeLongs(new long[] {2}, 0, 1);
            writer.commit();
            assertThrows(IllegalStateException.class, () -> writer.writeLongs(new long[] {2}, 0, 1), "after commit");
        }
        assertEquals(1, filesInDir());
    }

    @Test
    void badShapesAndPlacesAreRefusedUpFront() throws IOException {
        Path file = dir.resolve("x.npy");
        assertThrows(IllegalArgumentException.class, () -> NpyWriter.create(file, NpyDtype.FLOAT32, 2, -1));
        assertThrows(IllegalArgumentException.class, () -> NpyWriter.create(file, NpyDtype.FLOAT64, 1L << 40, 1L << 40));
        assertEquals(0, filesInDir(), "no temp file for a refused shape");
        Path nowhere = dir.resolve("missing").resolve("x.npy");
        assertFileProblem(nowhere, "does not exist", () -> NpyWriter.create(nowhere, NpyDtype.FLOAT32, 1));
        Path folder = Files.createDirectory(dir.resolve("folder.npy"));
        assertFileProblem(folder, "is a directory", () -> NpyWriter.create(folder, NpyDtype.FLOAT32, 1));
    }

    @Test
    void emptyArrayCommits() {
        Path file = dir.resolve("empty.npy");
        try (NpyWriter writer = NpyWriter.create(file, NpyDtype.FLOAT32, 0, 4)) {
            writer.commit();
        }
        try (NpyRowReader reader = NpyRowReader.open(file)) {
            assertEquals(0, reader.rows());
            assertEquals(4, reader.cols());
        }
    }
}
