package vqlens.ui.inspect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test files: the sample codebooks shipped in {@code resources/codebooks}, and a safetensors with two codebooks. */
final class Samples {

    private Samples() {
    }

    /** {@code resources/codebooks} of the repository (tests run in a module folder). */
    static Path codebooks() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null) {
            Path candidate = at.resolve("resources/codebooks");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            at = at.getParent();
        }
        throw new IllegalStateException("resources/codebooks not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * A PyTorch-style state_dict with two codebooks, {@code quantizer.codebooks} F32 [1,4,2] holding 0..7 and
     * {@code vq.codebooks} F32 [1,4,2] holding 10..17, and a weight tensor that is not a codebook.
     */
    static Path twoCandidates(Path file) throws IOException {
        String header = "{\"quantizer.codebooks\":{\"dtype\":\"F32\",\"shape\":[1,4,2],\"data_offsets\":[0,32]},"
                + "\"vq.codebooks\":{\"dtype\":\"F32\",\"shape\":[1,4,2],\"data_offsets\":[32,64]},"
                + "\"decoder.weight\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[64,72]}}";
        while (header.length() % 8 != 0) {
            header += " ";
        }
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + 72).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length);
        b.put(json);
        for (int i = 0; i < 8; i++) {
            b.putFloat(i);
        }
        for (int i = 0; i < 8; i++) {
            b.putFloat(10 + i);
        }
        b.putFloat(1).putFloat(2);
        Files.write(file, b.array());
        return file;
    }
}
