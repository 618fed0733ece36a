package vqlens.core.io;

import java.nio.file.Path;
import java.util.List;

import vqlens.core.Printable;

/**
 * A file that holds several candidate codebook tensors (e.g. {@code quantizer.codebooks} and
 * {@code vq.codebooks} in one {@code .safetensors}) while no key chose one. The message names every
 * candidate; {@link #candidates()} lists them for a chooser. The command line exits 2 on it.
 */
public final class AmbiguousCodebookException extends CodebookFileException {
    private static final long serialVersionUID = 1L;
    /** Names shown in the one-line message; the full list is in {@link #candidates()}. */
    private static final int SHOWN = 20;

    private final List<String> candidates;

    public AmbiguousCodebookException(Path file, List<String> candidates) {
        super(file, message(candidates));
        this.candidates = List.copyOf(candidates);
    }

    /**
     * The candidate keys, best first (quantizer names, then others, then EMA copies; file order among equals); each
     * can be passed as the key to {@link CodebookFiles#load(Path, String)}.
     */
    public List<String> candidates() {
        return candidates;
    }

    private static String message(List<String> candidates) {
        return candidates.size() + " candidate codebook tensors; choose one with a key: "
                + Printable.list(candidates, SHOWN, "");
    }
}
