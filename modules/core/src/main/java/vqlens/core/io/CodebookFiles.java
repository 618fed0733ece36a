package vqlens.core.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

import vqlens.core.Codebooks;
import vqlens.core.io.internal.CodebookReader;
import vqlens.core.io.internal.CodebookWriter;
import vqlens.core.io.internal.Origin;

/**
 * The one place that turns codebook files into {@link Codebooks} and back; the format follows the file
 * extension. Supported: {@code .npz} (the native format, as {@code numpy.savez} writes it) and
 * {@code .npy}. Every method opens and closes its own file; nothing stays open.
 */
public final class CodebookFiles {
    /** For messages: the extensions {@link #load} and {@link #save} understand. */
    public static final String SUPPORTED_EXTENSIONS = ".npz, .npy";

    private CodebookFiles() {
    }

    /**
     * Loads codebooks.
     * <ul>
     * <li>{@code .npy}: float32 or float64 {@code [heads, codes, dim]}, or {@code [codes, dim]} (= one head),
     * either byte order, C or Fortran order; {@code inited} is true.</li>
     * <li>{@code .npz}: member {@code codebooks} as above, optional {@code inited} (0-d or size-1 bool or
     * integer; absent means true). Stored and deflated members ({@code savez}, {@code savez_compressed}).</li>
     * </ul>
     * NaN and infinite values are returned as they are.
     *
     * @throws CodebookFileException if the file cannot be read, is malformed, or is not a codebook
     */
    public static Codebooks load(Path file) {
        Origin origin = Origin.of(Objects.requireNonNull(file, "file"));
        return switch (format(file)) {
            case "npz" -> CodebookReader.readNpz(origin);
            default -> CodebookReader.readNpy(origin);
        };
    }

    /**
     * Saves codebooks atomically (temp file beside the target, forced to disk, renamed over it).
     * {@code .npz}: members {@code codebooks.npy} (float32 {@code [heads, codes, dim]}) and {@code inited.npy}
     * (0-d bool), STORED; {@code .npy}: float32 {@code [heads, codes, dim]} only (the flag is not kept).
     *
     * @throws CodebookFileException if the file cannot be written; the old file is then untouched
     */
    public static void save(Path file, Codebooks codebooks) {
        Origin origin = Origin.of(Objects.requireNonNull(file, "file"));
        Objects.requireNonNull(codebooks, "codebooks");
        switch (format(file)) {
            case "npz" -> CodebookWriter.writeNpz(origin, codebooks);
            default -> CodebookWriter.writeNpy(origin, codebooks);
        }
    }

    private static String format(Path file) {
        Path name = file.getFileName();
        String text = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        int dot = text.lastIndexOf('.');
        String extension = dot < 0 ? "" : text.substring(dot + 1);
        if (extension.equals("npz") || extension.equals("npy")) {
            return extension;
        }
        throw new CodebookFileException(file, (dot < 0 ? "no file extension" : "unsupported file type '." + extension + "'")
                + "; codebook files must be one of " + SUPPORTED_EXTENSIONS);
    }
}
