package vqlens.core.io;

import java.nio.file.Path;
import java.util.Objects;

import vqlens.core.Printable;
import vqlens.core.VqException;

/**
 * A codebook or array file that VQ Lens cannot read or write, with a one-line message
 * {@code "FILE: problem"}, e.g. {@code "z.npy: truncated: header says 512 x 384 float32 (786432 bytes of
 * data) but the file holds 1000 bytes of data"}. I/O errors (missing file, permission, disk full) are
 * reported this way too, never as a raw {@link java.io.IOException}.
 */
public class CodebookFileException extends VqException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CodebookFileException(Path file, String problem) {
        // Messages quote names read from hostile files; one printable line whatever a caller forgot.
        super(Printable.line(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(problem, "problem")));
        this.file = file;
    }

    /** The file the problem is about (as the caller named it). */
    public Path file() {
        return file;
    }
}
