package vqlens.core.io;

import java.nio.file.Path;
import java.util.Objects;

import vqlens.core.io.internal.AtomicFile;
import vqlens.core.io.internal.NpyEncoder;
import vqlens.core.io.internal.Origin;

/**
 * Writes a {@code .npy} file atomically: an NPY 1.0 header (little-endian, C order, padded so the data
 * starts at a multiple of 64, as numpy writes it) and the streamed values go to a temp file beside the
 * target; {@link #commit} forces it to disk and renames it over the target. Any dtype of {@link
 * NpyDtype}: {@link #writeFloats} for float32/float64, {@link #writeLongs} for integers and bool (0/1).
 *
 * <p>Lifecycle: {@link #create} opens the temp file and the writer owns it. Always {@link #close} (use
 * try-with-resources): after a commit that does nothing; without one it deletes the temp file and the
 * target keeps its old content. Not thread-safe.
 */
public final class NpyWriter implements AutoCloseable {
    private final Origin origin;
    private final AtomicFile file;
    private final NpyEncoder encoder;
    private boolean finished;

    private NpyWriter(Origin origin, AtomicFile file, NpyEncoder encoder) {
        this.origin = origin;
        this.file = file;
        this.encoder = encoder;
    }

    /**
     * Starts writing {@code target}.
     *
     * @throws CodebookFileException    if the temp file cannot be created (missing directory, permission)
     * @throws IllegalArgumentException for a negative or overflowing shape
     */
    public static NpyWriter create(Path target, NpyDtype dtype, long... shape) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Origin origin = Origin.of(target);
        NpyEncoder.encodedSize(dtype, shape); // validates the shape before a temp file exists
        AtomicFile file = AtomicFile.create(target);
        try {
            return new NpyWriter(origin, file, new NpyEncoder(origin, file, dtype, shape));
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Appends float values (float32 or float64 files); more than the shape holds fails. */
    public void writeFloats(float[] src, int offset, int count) {
        checkOpen();
        encoder.writeFloats(src, offset, count);
    }

    /** Appends integer or bool values, each must fit the dtype; more than the shape holds fails. */
    public void writeLongs(long[] src, int offset, int count) {
        checkOpen();
        encoder.writeLongs(src, offset, count);
    }

    /**
     * Checks that exactly {@code product(shape)} values were written, forces the file to disk and renames
     * it over the target (atomic replace).
     *
     * @throws CodebookFileException naming the target if values are missing or writing fails; the target
     *                               is then untouched and the writer should be closed
     */
    public void commit() {
        checkOpen();
        encoder.finish();
        file.commit();
        finished = true;
    }

    /** Deletes the temp file unless committed; the target is then untouched. Idempotent. */
    @Override
    public void close() {
        file.close();
        finished = true;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("NpyWriter for " + origin.file() + " is already committed or closed");
        }
    }
}
