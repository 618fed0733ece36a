package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static vqlens.core.testing.TestNpy.assertBitsEqual;
import static vqlens.core.testing.TestNpy.assertFileProblem;
import static vqlens.core.testing.TestNpy.dict;
import static vqlens.core.testing.TestNpy.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vqlens.core.testing.TestNpy;

class NpyRowReaderTest {
    private static final int ROWS = 37;
    private static final int COLS = 11;
    private static final int[] CHUNKS = {1, 3, 7, 5, 13, 2, 100};

    @TempDir
    Path dir;

    /** Reads the whole file in chunks of the sizes above (cycling) and checks position() on the way. */
    private static float[] readAllFloats(Path file) {
        try (NpyRowReader reader = NpyRowReader.open(file)) {
            assertEquals(ROWS, reader.rows());
            assertEquals(COLS, reader.cols());
            float[] all = new float[ROWS * COLS];
            float[] chunk = new float[13 * COLS + 5]; // not a whole number of rows on purpose
            int at = 0;
            for (int i = 0; ; i++) {
                long before = reader.position();
                int n = reader.readFloats(chunk, CHUNKS[i % CHUNKS.length]);
                if (n == 0) {
                    break;
                }
                assertEquals(before + n, reader.position());
                System.arraycopy(chunk, 0, all, at, n * COLS);
                at += n * COLS;
            }
            assertEquals(ROWS, reader.position());
            assertEquals(0, reader.readFloats(chunk, 5), "stays at the end");
            return all;
        }
    }

    @Test
    void streamsFloat32InOddChunks() {
        float[] m = TestNpy.randomFloats(1, ROWS * COLS);
        Path file = TestNpy.write(dir.resolve("f4.npy"), npy(dict("<f4", false, "(37, 11)"), TestNpy.float32(ByteOrder.LITTLE_ENDIAN, m)));
        assertBitsEqual(m, readAllFloats(file));
        try (NpyRowReader reader = NpyRowReader.open(file)) {
            assertEquals(NpyDtype.FLOAT32, reader.dtype());
        }
    }

    @Test
    void streamsFloat64CastToFloat32() {
        Random random = new Random(2);
        double[] m = new double[ROWS * COLS];
        float[] expected = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextGaussian() * 1e3;
            expected[i] = (float) m[i];
        }
        m[5] = Double.NaN;
        expected[5] = Float.NaN;
        m[6] = 1e300; // overflows float32
        expected[6] = Float.POSITIVE_INFINITY;
        Path file = TestNpy.write(dir.resolve("f8.npy"), npy(dict("<f8", false, "(37, 11)"), TestNpy.float64(ByteOrder.LITTLE_ENDIAN, m)));
        assertBitsEqual(expected, readAllFloats(file));
    }

    @Test
    void streamsBigEndian() {
        float[] m = TestNpy.randomFloats(3, ROWS * COLS);
        Path file = TestNpy.write(dir.resolve("be.npy"), npy(dict(">f4", false, "(37, 11)"), TestNpy.float32(ByteOrder.BIG_ENDIAN, m)));
        assertBitsEqual(m, readAllFloats(file));
    }

    @Test
    void streamsFortranOrder() {
        float[] m = TestNpy.randomFloats(4, ROWS * COLS);
        Path file = TestNpy.write(dir.resolve("fortran.npy"),
                npy(dict("<f4", true, "(37, 11)"), TestNpy.float32(ByteOrder.LITTLE_ENDIAN, TestNpy.toFortran(m, ROWS, COLS))));
        assertBitsEqual(m, readAllFloats(file));
    }

    @ParameterizedTest
    @CsvSource({"|u1, 1, 0, 255", "|i1, 1, -128, 127", "<i2, 2, -32768, 32767", ">i2, 2, -32768, 32767",
        "<u2, 2, 0, 65535", "<i4, 4, -2147483648, 2147483647", "<u4, 4, 0, 4294967295",
        "<i8, 8, -9223372036854775808, 9223372036854775807", ">i8, 8, -9223372036854775808, 9223372036854775807"})
    void readIndicesWidensEveryIntegerType(String descr, int size, long min, long max) {
        long[] values = new long[ROWS * 3];
        Random random = new Random(5);
        for (int i = 0; i < values.length; i++) {
            values[i] = size == 8 ? random.nextLong() : min + (long) (random.nextDouble() * (max - min + 1.0));
        }
        values[0] = min;
        values[1] = max;
        values[2] = 0;
        ByteBuffer b = ByteBuffer.allocate(values.length * size)
                .order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (size) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        Path file = TestNpy.write(dir.resolve("idx.npy"), npy(dict(descr, false, "(37, 3)"), b.array()));
        long[] all = new long[values.length];
        try (NpyRowReader reader = NpyRowReader.open(file)) {
            assertEquals(3, reader.cols());
            long[] chunk = new long[4 * 3];
            int at = 0;
            for (int n; (n = reader.readIndices(chunk, 4)) > 0; at += n * 3) {
                System.arraycopy(chunk, 0, all, at, n * 3);
            }
            assertEquals(values.length, at);
        }
        assertArrayEquals(values, all);
    }

    @Test
    void readIndicesFromFortranOrder() {
        long[] c = new long[ROWS * 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = i * 1_000_003L;
        }
        ByteBuffer b = ByteBuffer.allocate(c.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 2; k++) {
            for (int r = 0; r < ROWS; r++) {
                b.putLong(c[r * 2 + k]);
            }
        }
        Path file = TestNpy.write(dir.resolve("fi.npy"), npy(dict("<i8", true, "(37, 2)"), b.array()));
        long[] all = new long[c.length];
        try (NpyRowReader reader = NpyRowReader.open(file)) {
            assertEquals(ROWS, reader.readIndices(all, Integer.MAX_VALUE));
        }
        assertArrayEquals(c, all);
    }

    @Test
    void wrongKindOfDataIsAFileProblem() {
        Path ints = TestNpy.write(dir.resolve("ints.npy"), npy(dict("<i8", false, "(2, 2)"), new byte[32]));
        Path floats = TestNpy.write(dir.resolve("floats.npy"), npy(dict("<f4", false, "(2, 2)"), new byte[16]));
        Path bools = TestNpy.write(dir.resolve("bools.npy"), npy(dict("|b1", false, "(2, 2)"), new byte[4]));
        try (NpyRowReader reader = NpyRowReader.open(ints)) {
            assertFileProblem(ints, "holds int64 values, expected float32 or float64", () -> reader.readFloats(new float[4], 2));
        }
        try (NpyRowReader reader = NpyRowReader.open(floats)) {
            assertFileProblem(floats, "holds float32 values, expected integer indices", () -> reader.readIndices(new long[4], 2));
        }
        try (NpyRowReader reader = NpyRowReader.open(bools)) {
            assertFileProblem(bools, "holds bool values", () -> reader.readIndices(new long[4], 2));
        }
        Path cube = TestNpy.write(dir.resolve("cube.npy"), npy(dict("<f4", false, "(2, 2, 2)"), new byte[32]));
        assertFileProblem(cube, "expected a 2-D array [rows, cols], found shape (2, 2, 2)", () -> NpyRowReader.open(cube));
        Path vector = TestNpy.write(dir.resolve("vector.npy"), npy(dict("<f4", false, "(4,)"), new byte[16]));
        assertFileProblem(vector, "found shape (4,)", () -> NpyRowReader.open(vector));
    }

    @Test
    void emptyArrayAndMisuse() {
        Path empty = TestNpy.write(dir.resolve("empty.npy"), npy(dict("<f4", false, "(0, 8)"), new byte[0]));
        try (NpyRowReader reader = NpyRowReader.open(empty)) {
            assertEquals(0, reader.rows());
            assertEquals(0, reader.readFloats(new float[8], 10));
        }
        Path file = TestNpy.write(dir.resolve("m.npy"), npy(dict("<f4", false, "(3, 4)"), new byte[48]));
        NpyRowReader reader = NpyRowReader.open(file);
        assertThrows(IllegalArgumentException.class, () -> reader.readFloats(new float[3], 1), "buffer smaller than a row");
        assertThrows(IllegalArgumentException.class, () -> reader.readFloats(new float[8], -1));
        float[] two = new float[8];
        assertEquals(2, reader.readFloats(two, 5), "capped by the buffer");
        reader.close();
        reader.close();
        assertThrows(IllegalStateException.class, () -> reader.readFloats(two, 1));
    }
}
