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

    /** Reads up to {@code max} rows into the caller's buffer; returns how many it read (0 or less at the end). */
    @FunctionalInterface
    public interface ChunkReader {
        int read(int max);
    }

    /** Works on the {@code n} rows just read, the first of which is row {@code done} of the file. */
    @FunctionalInterface
    public interface ChunkWork {
        void accept(int n, long done);
    }

    /**
     * Streams {@code rows} rows of {@code file} in chunks of at most {@code step}: a file that ends early is
     * a one-line error, a {@link VqException} of {@code work} (a NaN row, an index out of range) names
     * the file, and {@code write} then stores the chunk's results (its failures name the output).
     */
    public static void inChunks(Path file, long rows, int step, ChunkReader reader, ChunkWork work, ChunkWork write) {
        long done = 0;
        while (done < rows) {
            int n = reader.read((int) Math.min(step, rows - done));
            if (n <= 0) {
                throw new VqException(file + ": ended after " + done + " of " + rows + " rows");
            }
            try {
                work.accept(n, done);
            } catch (VqException e) {
                throw inFile(file, e);
            }
            write.accept(n, done);
            done += n;
        }
    }

    private static String name(NpyDtype dtype) {
        return dtype.name().toLowerCase(java.util.Locale.ROOT);
    }
}
