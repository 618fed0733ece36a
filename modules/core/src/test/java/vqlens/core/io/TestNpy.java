package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.function.Executable;

/** Builds raw {@code .npy} bytes (any header text, version, layout) and checks failures for the tests. */
final class TestNpy {
    private TestNpy() {
    }

    /** An NPY file with {@code dict} as header text, padded like numpy, then {@code data}. */
    static byte[] npy(int major, String dict, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int prefix = 8 + lengthBytes;
        byte[] text = dict.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int total = (prefix + text.length + 1 + 63) / 64 * 64;
        ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) (total - prefix));
        } else {
            b.putInt(total - prefix);
        }
        b.put(text);
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n').put(data);
        return b.array();
    }

    static byte[] npy(String dict, byte[] data) {
        return npy(1, dict, data);
    }

    static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    }

    static byte[] float32(ByteOrder order, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(order);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static byte[] float64(ByteOrder order, double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(order);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** A C-order matrix as Fortran-order values (column after column). */
    static float[] toFortran(float[] c, int rows, int cols) {
        float[] f = new float[c.length];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                f[k * rows + r] = c[r * cols + k];
            }
        }
        return f;
    }

    /** Seeded values with a few special ones: NaN, infinities, -0, subnormals. */
    static float[] randomFloats(long seed, int n) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE, 1e-40f};
        for (int i = 0; i < special.length && i * 7 < n; i++) {
            v[i * 7] = special[i];
        }
        return v;
    }

    static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bitwise float comparison (NaN payloads and -0 included). */
    static void assertBitsEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                assertEquals(expected[i], actual[i], "value " + i + " (bits differ)");
                throw new AssertionError("value " + i + ": bits " + Integer.toHexString(Float.floatToRawIntBits(expected[i]))
                        + " != " + Integer.toHexString(Float.floatToRawIntBits(actual[i])));
            }
        }
    }

    /**
     * Runs {@code action}, which must fail with a {@link CodebookFileException} (no other type) about
     * {@code file} whose one-line message names the file and contains {@code problem}.
     */
    static CodebookFileException assertFileProblem(Path file, String problem, Executable action) {
        CodebookFileException e = assertThrows(CodebookFileException.class, action);
        String message = e.getMessage();
        assertEquals(file, e.file());
        assertTrue(message.contains(file.getFileName().toString()), () -> "no file name in: " + message);
        assertTrue(message.contains(problem), () -> "expected '" + problem + "' in: " + message);
        assertFalse(message.contains("\n"), () -> "not one line: " + message);
        return e;
    }
}
