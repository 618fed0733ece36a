package vqlens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vqlens.app.cli.internal.Inputs;
import vqlens.core.Codebooks;
import vqlens.core.ProductQuantizer;
import vqlens.core.VqException;
import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.CodebookFiles;

/**
 * The codebook a subcommand reads, as a picocli mixin: {@code --codebook FILE} (any format
 * {@link CodebookFiles} reads) and {@code --key K} (which tensor or member, when a file holds several
 * candidates). Used by {@code encode} and {@code decode} ({@code @Mixin CodebookOptions codebook;}); the
 * commands that take the file as a parameter ({@code inspect}, {@code convert}) or as an optional start
 * ({@code train --codebook}) use {@link Key} alone.
 *
 * <p>It lives in {@code vqlens.app.cli}, not {@code .internal}, because picocli sets the fields by
 * reflection and only this package is opened to it.
 */
final class CodebookOptions {
    /** Help text of {@code --codebook}; a constant so that commands with their own wording can reuse it. */
    static final String FILE_DESCRIPTION = "codebook file (" + CodebookFiles.SUPPORTED_EXTENSIONS + "), PyTorch checkpoint ("
            + CodebookFiles.MODEL_EXTENSIONS + ") or FAISS file (" + CodebookFiles.FAISS_EXTENSIONS + ")";

    /** {@code --key K} alone. */
    static final class Key {
        @Option(names = "--key", paramLabel = "K",
                description = "the tensor (safetensors, checkpoint) or array (npz) holding the codebook, for files with several "
                        + "candidates; a checkpoint's nesting levels are joined with '/' ('.' works too where unambiguous); "
                        + "'vqlens inspect FILE' lists them (default: the only candidate)")
        String key;

        /** The key given, or {@code null}: choose automatically. */
        String value() {
            return key;
        }
    }

    @Option(names = "--codebook", required = true, paramLabel = "FILE", description = FILE_DESCRIPTION)
    Path file;

    @Mixin
    Key key;

    /** The file given with {@code --codebook}. */
    Path file() {
        return file;
    }

    /** The key given with {@code --key}, or {@code null}. */
    String key() {
        return key == null ? null : key.value();
    }

    /**
     * The codebooks, refusing one that was never initialised (its codes are random, not learned).
     *
     * @throws vqlens.core.io.AmbiguousCodebookException if the file holds several candidates and no key was given
     * @throws vqlens.core.io.CodebookFileException      if the file is bad
     */
    Codebooks loadInitialised(PrintWriter err) {
        CodebookFileInfo info = CodebookFiles.describe(file, key());
        info.keyWarning().ifPresent(w -> err.println("vqlens: warning: " + w));
        Codebooks codebooks = info.codebooks();
        if (!codebooks.inited()) {
            throw new VqException(file + ": the codebook is not initialised (inited=false); train or initialise it first");
        }
        return codebooks;
    }

    /**
     * Fails (naming the codebook file) if {@code quantizer} cannot search its codes: a NaN or an infinity
     * in them. Asks the core with an empty batch, so the check and its message are the quantizer's own,
     * and a bad codebook is refused before any row is read or an output is started.
     */
    void requireSearchable(ProductQuantizer quantizer) {
        try {
            quantizer.encode(new float[0], 0, 0, new long[0]);
        } catch (VqException e) {
            throw Inputs.inFile(file, e);
        }
    }
}
