package vqlens.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.function.Executable;

import vqlens.core.io.CodebookFileException;

/**
 * A tiny, independent {@code .npy} reader and writer for the tests (the record: little-endian, C order),
 * so that what the product wrote is checked by other code than the one that wrote it; and builders of raw
 * {@code .npy} bytes (any header text, version, layout) plus the assertions the file tests share.
 */
public record TestNpy(String descr, long[] shape, ByteBuffer data) {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** Reads a C-order {@code .npy} file of any version; the data stays in the file's bytes. */
    public static TestNpy read(Path file) {
        ByteBuffer all = ByteBuffer.wrap(bytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (all.get(0) != (byte) 0x93 || all.get(1) != 'N') {
            throw new IllegalArgumentException(file + ": not an npy file");
        }
        int major = all.get(6);
        int headerLength = major == 1 ? Short.toUnsignedInt(all.getShort(8)) : all.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        String header = new String(all.array(), headerStart, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.contains("'fortran_order': False")) {
            throw new IllegalArgumentException(file + ": expected C order: " + header);
        }
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IllegalArgumentException(file + ": bad header " + header);
        }
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        ByteBuffer data = all.position(headerStart + headerLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new TestNpy(d.group(1), shape, data);
    }

    /** The values of a {@code <f4} array. */
    public float[] floats() {
        FloatBuffer values = data("<f4").asFloatBuffer();
        float[] out = new float[values.remaining()];
        values.get(out);
        return out;
    }

    /** The values of a {@code <i8} array. */
    public long[] longs() {
        LongBuffer values = data("<i8").asLongBuffer();
        long[] out = new long[values.remaining()];
        values.get(out);
        return out;
    }

    /** A little-endian view of the data, after checking the array's dtype is {@code expected}. */
    private ByteBuffer data(String expected) {
        if (!descr.equals(expected)) {
            throw new IllegalStateException("dtype " + descr + ", expected " + expected);
        }
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a version 1.0, C-order file of little-endian {@code data}. */
    public static Path write(Path file, String descr, long[] shape, ByteBuffer data) {
        StringBuilder dims = new StringBuilder("(");
        for (long dim : shape) {
            dims.append(dim).append(", ");
        }
        String tuple = dims.toString().replaceAll(", $", shape.length == 1 ? "," : "") + ")";
        byte[] values = new byte[data.remaining()];
        data.duplicate().get(values);
        return write(file, npy(dict(descr, false, tuple), values));
    }

    public static Path writeFloats(Path file, long[] shape, float[] values) {
        return write(file, "<f4", shape, ByteBuffer.wrap(float32(ByteOrder.LITTLE_ENDIAN, values)));
    }

    public static Path writeDoubles(Path file, long[] shape, double[] values) {
        return write(file, "<f8", shape, ByteBuffer.wrap(float64(ByteOrder.LITTLE_ENDIAN, values)));
    }

    public static Path writeLongs(Path file, long[] shape, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return write(file, "<i8", shape, b);
    }

    /** Writes integer indices in a narrower numpy type: "|u1", "<i2" or "<i4". */
    public static Path writeIndices(Path file, String descr, long[] shape, long[] values) {
        int size = Integer.parseInt(descr.substring(2));
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (size) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> throw new IllegalArgumentException(descr);
            }
        }
        return write(file, descr, shape, b.flip());
    }

    /** An NPY file with {@code dict} as header text, padded like numpy, then {@code data}. */
    public static byte[] npy(int major, String dict, byte[] data) {
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

    public static byte[] npy(String dict, byte[] data) {
        return npy(1, dict, data);
    }

    /** Header text as numpy writes it; {@code shape} is the tuple's text, e.g. {@code "(2, 3)"}. */
    public static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    }

    public static byte[] float32(ByteOrder order, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(order);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    public static byte[] float64(ByteOrder order, double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(order);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** A C-order matrix as Fortran-order values (column after column). */
    public static float[] toFortran(float[] c, int rows, int cols) {
        float[] f = new float[c.length];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                f[k * rows + r] = c[r * cols + k];
            }
        }
        return f;
    }

    /** Seeded values with a few special ones: NaN, infinities, -0, subnormals. */
    public static float[] randomFloats(long seed, int n) {
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

    public static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole file. */
    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bitwise float comparison (NaN payloads and -0 included). */
    public static void assertBitsEqual(float[] expected, float[] actual) {
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
    public static CodebookFileException assertFileProblem(Path file, String problem, Executable action) {
        CodebookFileException e = assertThrows(CodebookFileException.class, action);
        String message = e.getMessage();
        assertEquals(file, e.file());
        assertTrue(message.contains(file.getFileName().toString()), () -> "no file name in: " + message);
        assertTrue(message.contains(problem), () -> "expected '" + problem + "' in: " + message);
        assertFalse(message.contains("\n"), () -> "not one line: " + message);
        return e;
    }
}
