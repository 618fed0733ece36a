package vqlens.app.cli.internal;

import java.nio.file.Path;

import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.core.io.NpyDtype;
import vqlens.core.io.NpyRowReader;

/** Checks on the files the commands read, each failing with a one-line message that names the file. */
public final class Inputs {
    private Inputs() {
    }

    /** Z must be float32/float64 rows as wide as the codebook's embedding. */
    public static void requireFloatRows(Path input, NpyRowReader reader, Path codebook, QuantizerConfig config) {
        if (reader.dtype() != NpyDtype.FLOAT32 && reader.dtype() != NpyDtype.FLOAT64) {
            throw new VqException(input + ": dtype " + name(reader.dtype()) + " is not supported; expected float32 or float64");
        }
        if (reader.cols() != config.embeddingDim()) {
            throw new VqException(input + ": rows have " + reader.cols() + " values but " + codebook
                    + " has embedding dimension " + config.embeddingDim());
        }
    }

    /** Indices must be an integer array with one column per head. */
    public static void requireIndexColumns(Path indices, NpyRowReader reader, Path codebook, QuantizerConfig config) {
        if (!reader.dtype().isInteger()) {
            throw new VqException(indices + ": dtype " + name(reader.dtype())
                    + " is not supported; expected integer indices (int64, int32, int16, uint8, …)");
        }
        if (reader.cols() != config.heads()) {
            throw new VqException(indices + ": rows have " + reader.cols() + " indices but " + codebook
                    + " has " + config.heads() + " heads");
        }
    }

    /** Re-words a quantizer error ("row 12: …") so that it names the file the row came from. */
    public static VqException inFile(Path file, VqException e) {
        return new VqException(file + ": " + e.getMessage(), e);
    }

    private static String name(NpyDtype dtype) {
        return dtype.name().toLowerCase(java.util.Locale.ROOT);
    }
}
