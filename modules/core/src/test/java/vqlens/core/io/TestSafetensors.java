package vqlens.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds {@code .safetensors} bytes for the tests: tensors laid out in the order added, offsets computed,
 * header JSON padded with spaces to a multiple of 8 as the format's writer pads it. Any part can be
 * replaced by a lie (the header text, its declared length, trailing bytes).
 */
final class TestSafetensors {
    private record Tensor(String name, String dtype, long[] shape, byte[] data) {
    }

    private final List<Tensor> tensors = new ArrayList<>();
    private String metadata;
    String rawHeader;       // replaces the generated JSON when set
    Long declaredLength;    // replaces the header length when set
    byte[] trailing = new byte[0];

    TestSafetensors add(String name, String dtype, long[] shape, byte[] data) {
        tensors.add(new Tensor(name, dtype, shape, data));
        return this;
    }

    TestSafetensors f32(String name, long[] shape, float... values) {
        return add(name, "F32", shape, TestNpy.float32(ByteOrder.LITTLE_ENDIAN, values));
    }

    TestSafetensors bool(String name, boolean value) {
        return add(name, "BOOL", new long[0], new byte[] {(byte) (value ? 1 : 0)});
    }

    /** {@code __metadata__} as given, e.g. {@code {"inited":"true"}}. */
    TestSafetensors metadata(String json) {
        metadata = json;
        return this;
    }

    /** The header JSON this builder writes (without padding). */
    String header() {
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

    static String entry(String name, String dtype, long[] shape, long begin, long end) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(","));
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + dims + "],\"data_offsets\":[" + begin + "," + end + "]}";
    }

    /** The length prefix and the header text padded with spaces to a multiple of 8. */
    static byte[] padded(String json) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).put(header);
        while (b.hasRemaining()) {
            b.put((byte) ' ');
        }
        return b.array();
    }

    byte[] build() {
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
}
