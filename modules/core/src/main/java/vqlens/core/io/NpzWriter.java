package vqlens.core.io;

import java.nio.file.Path;
import java.util.Objects;

import vqlens.core.io.internal.AtomicFile;
import vqlens.core.io.internal.NpyText;
import vqlens.core.io.internal.NpzMembers;
import vqlens.core.io.internal.Origin;

/**
 * Writes an {@code .npz} of named arrays atomically, in the layout {@code numpy.savez} writes (STORED
 * members, little-endian, C order): the same writer and atomic save the codebook files use, so a file
 * written here keeps the umask's permissions and a failed save leaves the old file as it was. Read it back
 * with {@link NpzReader}.
 *
 * <p>Lifecycle: {@link #create}, add members, {@link #commit}; always {@link #close} (try-with-resources):
 * without a commit the temp file is deleted. Not thread-safe.
 */
public final class NpzWriter implements AutoCloseable {
    private final AtomicFile file;
    private final NpzMembers members;

    private NpzWriter(AtomicFile file, NpzMembers members) {
        this.file = file;
        this.members = members;
    }

    /** @throws CodebookFileException if the temp file cannot be created (missing directory, permission) */
    public static NpzWriter create(Path target) {
        Origin origin = Origin.of(Objects.requireNonNull(target, "target"));
        AtomicFile file = AtomicFile.create(target);
        return new NpzWriter(file, new NpzMembers(origin, file));
    }

    /** A float32 array of {@code shape} (its element count must be {@code values.length}). */
    public NpzWriter floats(String name, float[] values, long... shape) {
        members.array(name, NpyDtype.FLOAT32, shape, e -> e.writeFloats(values, 0, values.length));
        return this;
    }

    /** A float64 array of {@code shape}, exact. */
    public NpzWriter doubles(String name, double[] values, long... shape) {
        members.array(name, NpyDtype.FLOAT64, shape, e -> e.writeDoubles(values, 0, values.length));
        return this;
    }

    /** An int64 array of {@code shape}. */
    public NpzWriter longs(String name, long[] values, long... shape) {
        members.array(name, NpyDtype.INT64, shape, e -> e.writeLongs(values, 0, values.length));
        return this;
    }

    /** A 1-D uint8 array holding {@code bytes} (e.g. UTF-8 text). */
    public NpzWriter bytes(String name, byte[] bytes) {
        long[] widened = new long[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            widened[i] = bytes[i] & 0xff;
        }
        members.array(name, NpyDtype.UINT8, new long[] {bytes.length}, e -> e.writeLongs(widened, 0, widened.length));
        return this;
    }

    /** A 0-d unicode array holding {@code text}, as {@code np.save(f, np.array(text))} (e.g. JSON). */
    public NpzWriter text(String name, String text) {
        members.encoded(name, NpyText.encode(text));
        return this;
    }

    /** A 0-d bool array. */
    public NpzWriter bool(String name, boolean value) {
        members.array(name, NpyDtype.BOOL, new long[0], e -> e.writeLongs(new long[] {value ? 1 : 0}, 0, 1));
        return this;
    }

    /** Finishes the archive, forces it to disk and renames it over the target. */
    public void commit() {
        members.finish();
        file.commit();
    }

    /** After a commit nothing; without one the temp file is deleted and the target keeps its old content. */
    @Override
    public void close() {
        file.close();
    }
}
