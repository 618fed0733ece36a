package vqlens.core.io.internal;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

import vqlens.core.io.NpyDtype;

/**
 * The members of an {@code .npz} being written: each an NPY array (header, then values streamed through
 * an {@link NpyEncoder}) in a STORED ZIP entry, as {@code numpy.savez} lays them out. Used by the
 * codebook writer and by {@link vqlens.core.io.NpzWriter}, so both write the same bytes.
 */
public final class NpzMembers {
    private final Origin origin;
    private final StoredZipWriter zip;

    public NpzMembers(Origin origin, AtomicFile file) {
        this.origin = origin;
        this.zip = new StoredZipWriter(origin, file);
    }

    /** Adds {@code name} ({@code .npy} appended) of the given dtype and shape; {@code body} writes every value. */
    public void array(String name, NpyDtype dtype, long[] shape, Consumer<NpyEncoder> body) {
        ByteSink sink = zip.beginEntry(name + ".npy", NpyEncoder.encodedSize(dtype, shape));
        NpyEncoder encoder = new NpyEncoder(origin.member(name + ".npy"), sink, dtype, shape);
        body.accept(encoder);
        encoder.finish();
        zip.closeEntry();
    }

    /** Adds a member whose NPY bytes are already encoded (e.g. {@link NpyText#encode}). */
    public void encoded(String name, byte[] npyBytes) {
        zip.beginEntry(name + ".npy", npyBytes.length).write(ByteBuffer.wrap(npyBytes));
        zip.closeEntry();
    }

    /** Writes the central directory; the caller then commits the file. */
    public void finish() {
        zip.finish();
    }
}
