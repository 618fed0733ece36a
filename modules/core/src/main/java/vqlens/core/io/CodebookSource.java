package vqlens.core.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a codebook was read from, precisely enough to write an edit back ({@link CodebookFiles#patch}): the
 * file and its format, the key, and how the values are stored (element type, shape, offset and strides into
 * their storage, byte order). A {@link CodebookDocument} carries it; an edit keeps it.
 *
 * @param file          the file read
 * @param format        what the file is
 * @param key           the tensor, member or index part ({@code null} for {@code .npy} and CSV)
 * @param dtype         the stored element type, in the format's words
 * @param shape         the stored shape
 * @param storageOffset elements before the first value in its storage (0 unless a view)
 * @param strides       elements between neighbours along each axis of the stored shape
 * @param byteOrder     {@code little} or {@code big}
 * @param patchRefusal  why an edit cannot be written back into this file, or {@code null} if it can
 */
public record CodebookSource(Path file, SourceFormat format, String key, String dtype, List<Long> shape, long storageOffset,
                             List<Long> strides, String byteOrder, String patchRefusal) {
    public CodebookSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dtype, "dtype");
        shape = List.copyOf(shape);
        strides = List.copyOf(strides);
        Objects.requireNonNull(byteOrder, "byteOrder");
    }

    /** Whether an edited codebook can be written back into (a copy of) this file. */
    public boolean patchable() {
        return patchRefusal == null;
    }

    public Optional<String> whyNotPatchable() {
        return Optional.ofNullable(patchRefusal);
    }
}
