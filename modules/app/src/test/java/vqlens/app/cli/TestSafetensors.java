package vqlens.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes small {@code .safetensors} files for the command-line tests (independently of the core's writer):
 * an 8-byte little-endian header length, the JSON header padded with spaces to a multiple of 8, then the
 * tensors' bytes in the order added. Enough for state_dicts with several codebooks.
 */
final class TestSafetensors {
    private record Tensor(String name, String dtype, long[] shape, byte[] data) {
    }

    private final List<Tensor> tensors = new ArrayList<>();

    TestSafetensors f32(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        tensors.add(new Tensor(name, "F32", shape, b.array()));
        return this;
    }

    TestSafetensors bool(String name, boolean value) {
        tensors.add(new Tensor(name, "BOOL", new long[0], new byte[] {(byte) (value ? 1 : 0)}));
        return this;
    }

    void write(Path file) throws IOException {
        StringJoiner header = new StringJoiner(",", "{", "}");
        long offset = 0;
        for (Tensor t : tensors) {
            StringJoiner dims = new StringJoiner(",", "[", "]");
            for (long d : t.shape) {
                dims.add(Long.toString(d));
            }
            header.add(quoted(t.name) + ":{\"dtype\":\"" + t.dtype + "\",\"shape\":" + dims + ",\"data_offsets\":["
                    + offset + "," + (offset + t.data.length) + "]}");
            offset += t.data.length;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
        out.write(json);
        out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
        for (Tensor t : tensors) {
            out.write(t.data);
        }
        Files.write(file, out.toByteArray());
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
