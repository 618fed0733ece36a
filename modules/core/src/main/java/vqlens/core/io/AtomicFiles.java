package vqlens.core.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

import vqlens.core.io.internal.AtomicFile;

/**
 * Whole-file saves (CSV exports, PNG figures, reports) through the atomic writer every VQ Lens file goes
 * through: a hidden temp file beside the target, forced to disk and renamed over it, with the umask's
 * permissions. A failed save is a one-line {@link CodebookFileException} and leaves the old file as it was.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        try (AtomicFile file = AtomicFile.create(Objects.requireNonNull(target, "target"))) {
            file.write(ByteBuffer.wrap(bytes));
            file.commit();
        }
    }

    /** {@code text} as UTF-8. */
    public static void writeText(Path target, CharSequence text) {
        write(target, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
