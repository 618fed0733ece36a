package vqlens.app.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny, independent .npy reader/writer for the tests (little-endian, C order, version 1.0), so that
 * the command's outputs are checked by other code than the one that wrote them.
 */
record TestNpy(String descr, long[] shape, ByteBuffer data) {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    static TestNpy read(Path file) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (all.get(0) != (byte) 0x93 || all.get(1) != 'N') {
            throw new IOException(file + ": not an npy file");
        }
        int major = all.get(6);
        int headerLength = major == 1 ? Short.toUnsignedInt(all.getShort(8)) : all.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        String header = new String(all.array(), headerStart, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.contains("'fortran_order': False")) {
            throw new IOException(file + ": expected C order: " + header);
        }
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IOException(file + ": bad header " + header);
        }
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        ByteBuffer data = all.position(headerStart + headerLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new TestNpy(d.group(1), shape, data);
    }

    static void write(Path file, String descr, long[] shape, ByteBuffer data) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long dim : shape) {
            dims.append(dim).append(", ");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims.toString().replaceAll(", $", shape.length == 1 ? "," : "") + "), }";
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        out.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data.duplicate());
        Files.write(file, out.array());
    }

    static void writeFloats(Path file, long[] shape, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        write(file, "<f4", shape, b);
    }

    static void writeDoubles(Path file, long[] shape, double[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        write(file, "<f8", shape, b);
    }

    static void writeLongs(Path file, long[] shape, long[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        write(file, "<i8", shape, b);
    }

    /** Writes integer indices in a narrower numpy type: "|u1", "<i2" or "<i4". */
    static void writeIndices(Path file, String descr, long[] shape, long[] values) throws IOException {
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
        write(file, descr, shape, b.flip());
    }

    float[] floats() {
        if (!descr.equals("<f4")) {
            throw new IllegalStateException("dtype " + descr + ", expected <f4");
        }
        float[] out = new float[data.remaining() / 4];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    long[] longs() {
        if (!descr.equals("<i8")) {
            throw new IllegalStateException("dtype " + descr + ", expected <i8");
        }
        long[] out = new long[data.remaining() / 8];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }
}
