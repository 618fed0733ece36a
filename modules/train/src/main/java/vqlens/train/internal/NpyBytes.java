package vqlens.train.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few NPY 1.0 arrays a checkpoint holds, as bytes: little-endian float32 ({@code <f4}), float64
 * ({@code <f8}), uint8 ({@code |u1}) and a 0-d bool ({@code |b1}), C order. Reading accepts exactly what
 * writing produces and checks the sizes, so a damaged member is reported, never misread.
 */
final class NpyBytes {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '([<|][a-z][0-9])', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\}\\s*");

    /** A parsed array: its dtype, shape and data bytes. */
    record Array(String descr, long[] shape, ByteBuffer data) {
        long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private NpyBytes() {
    }

    static byte[] floats(float[] values, long... shape) {
        ByteBuffer b = start("<f4", shape, values.length * 4L);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    static byte[] doubles(double[] values, long... shape) {
        ByteBuffer b = start("<f8", shape, values.length * 8L);
        b.asDoubleBuffer().put(values);
        return b.array();
    }

    static byte[] bytes(byte[] values) {
        ByteBuffer b = start("|u1", new long[] {values.length}, values.length);
        b.put(0, values);
        return b.array();
    }

    static byte[] scalarBool(boolean value) {
        ByteBuffer b = start("|b1", new long[0], 1);
        b.put(0, (byte) (value ? 1 : 0));
        return b.array();
    }

    private static ByteBuffer start(String descr, long[] shape, long dataBytes) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? shape[0] + "," : shape.length == 0 ? "" : dims.substring(0, dims.length() - 2);
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 2 + headerBytes.length + dataBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) headerBytes.length).put(headerBytes);
        return wrapData(b);
    }

    /** The buffer positioned at the data start; its backing array is the whole member. */
    private static ByteBuffer wrapData(ByteBuffer b) {
        return ByteBuffer.wrap(b.array(), b.position(), b.remaining()).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Parses a member written by this class.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Array parse(byte[] member) {
        if (member.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(member, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not an NPY 1.0 array");
        }
        int headerLength = (member[8] & 0xff) | (member[9] & 0xff) << 8;
        if (10 + headerLength > member.length) {
            throw new IllegalArgumentException("NPY header runs past the end");
        }
        String header = new String(member, 10, headerLength, StandardCharsets.US_ASCII);
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            throw new IllegalArgumentException("unexpected NPY header " + header.strip());
        }
        String[] parts = m.group(2).split(",");
        long[] shape = Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        Array a = new Array(m.group(1), shape, ByteBuffer.wrap(member, 10 + headerLength, member.length - 10 - headerLength)
                .slice().order(ByteOrder.LITTLE_ENDIAN));
        long itemSize = a.descr.charAt(2) - '0';
        if (a.size() * itemSize != a.data.remaining()) {
            throw new IllegalArgumentException("NPY data holds " + a.data.remaining() + " bytes, the header says "
                    + a.size() * itemSize);
        }
        return a;
    }

    static float[] toFloats(Array a) {
        require(a, "<f4");
        float[] out = new float[(int) a.size()];
        a.data().asFloatBuffer().get(out);
        return out;
    }

    static double[] toDoubles(Array a) {
        require(a, "<f8");
        double[] out = new double[(int) a.size()];
        a.data().asDoubleBuffer().get(out);
        return out;
    }

    static byte[] toBytes(Array a) {
        require(a, "|u1");
        byte[] out = new byte[(int) a.size()];
        a.data().get(out);
        return out;
    }

    private static void require(Array a, String descr) {
        if (!a.descr().equals(descr)) {
            throw new IllegalArgumentException("dtype " + a.descr() + ", expected " + descr);
        }
    }
}
