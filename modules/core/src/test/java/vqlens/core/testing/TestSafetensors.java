package vqlens.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds {@code .safetensors} files for the tests, independently of the core's writer: an 8-byte
 * little-endian header length, the header JSON (names escaped) padded with spaces to a multiple of 8 as the
 * format's writer pads it, then the tensors' bytes in the order added, offsets computed. Any part can be
 * replaced by a lie: the header text, its declared length, trailing bytes.
 */
public final class TestSafetensors {
    private record Tensor(String name, String dtype, long[] shape, byte[] data) {
    }

    private final List<Tensor> tensors = new ArrayList<>();
    private String metadata;
    private String rawHeader;
    private Long declaredLength;
    private byte[] trailing = new byte[0];

    public TestSafetensors add(String name, String dtype, long[] shape, byte[] data) {
        tensors.add(new Tensor(name, dtype, shape, data));
        return this;
    }

    public TestSafetensors f32(String name, long[] shape, float... values) {
        return add(name, "F32", shape, TestNpy.float32(ByteOrder.LITTLE_ENDIAN, values));
    }

    /** A 0-d BOOL tensor, as a PyTorch buffer such as {@code inited} is saved. */
    public TestSafetensors bool(String name, boolean value) {
        return add(name, "BOOL", new long[0], new byte[] {(byte) (value ? 1 : 0)});
    }

    /** {@code __metadata__} as given, e.g. {@code {"inited":"true"}}. */
    public TestSafetensors metadata(String json) {
        metadata = json;
        return this;
    }

    /** A lie: this text replaces the generated header JSON. */
    public TestSafetensors rawHeader(String json) {
        rawHeader = json;
        return this;
    }

    /** A lie: this value replaces the header length. */
    public TestSafetensors declaredLength(long length) {
        declaredLength = length;
        return this;
    }

    /** Bytes after the last tensor's data. */
    public TestSafetensors trailing(byte[] bytes) {
        trailing = bytes.clone();
        return this;
    }

    /** The header JSON this builder writes (without padding). */
    public String header() {
        if (rawHeader != null) {
            return rawHeader;
        }
        StringBuilder sb = new StringBuilder("{");
        if (metadata != null) {
            sb.append("\"__metadata__\":").append(metadata);
        }
        long offset = 0;
        for (Tensor t : tensors) {
            sb.append(sb.length() > 1 ? "," : "").append(entry(t.name, t.dtype, t.shape, offset, offset + t.data.length));
            offset += t.data.length;
        }
        return sb.append('}').toString();
    }

    /** One tensor's header entry. */
    public static String entry(String name, String dtype, long[] shape, long begin, long end) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
        return entry(name, dtype, dims, begin, end);
    }

    /** One tensor's header entry with the shape as JSON text, which may be anything (e.g. {@code "[-1,1]"}). */
    public static String entry(String name, String dtype, String shape, long begin, long end) {
        return quoted(name) + ":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    /** The length prefix and the header text padded with spaces to a multiple of 8. */
    public static byte[] padded(String json) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).put(header);
        while (b.hasRemaining()) {
            b.put((byte) ' ');
        }
        return b.array();
    }

    public byte[] build() {
        byte[] start = padded(header());
        if (declaredLength != null) {
            ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN).putLong(0, declaredLength);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(start);
        for (Tensor t : tensors) {
            out.writeBytes(t.data);
        }
        out.writeBytes(trailing);
        return out.toByteArray();
    }

    public Path write(Path file) {
        return TestNpy.write(file, build());
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
