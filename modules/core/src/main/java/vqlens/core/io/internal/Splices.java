package vqlens.core.io.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A file's bytes with some ranges replaced by others of the same length: what a patch writes. Streams any range of
 * the result, in chunks of 1 MiB, to a {@link ByteSink} (the new file, a CRC-32), without holding the file.
 */
public final class Splices {
    /** {@code bytes} replace the file's bytes from {@code at} on; {@code what} names them in messages. */
    record Splice(long at, byte[] bytes, String what) {
        long end() {
            return at + bytes.length;
        }
    }

    private final Origin origin;
    private final ByteRegion file;
    private final List<Splice> splices = new ArrayList<>();

    public Splices(Origin origin, ByteRegion file) {
        this.origin = origin;
        this.file = file;
    }

    /**
     * Adds a replacement; one that overlaps another is refused (two tensors to write over the same bytes).
     *
     * @throws vqlens.core.io.CodebookFileException if it overlaps one already added or lies outside the file
     */
    public void add(long at, byte[] bytes, String what) {
        if (at < 0 || at > file.size() - bytes.length) {
            throw origin.fail(what + " lies outside the file (corrupt)");
        }
        for (Splice s : splices) {
            if (at < s.end() && s.at() < at + bytes.length) {
                throw origin.fail(what + " and " + s.what() + " are stored in the same bytes; refused (nothing was written)");
            }
        }
        splices.add(new Splice(at, bytes, what));
        splices.sort(Comparator.comparingLong(Splice::at));
    }

    /** Streams the bytes {@code [from, to)} of the patched file to {@code sink}. */
    void stream(long from, long to, ByteSink sink) {
        long pos = from;
        for (Splice s : splices) {
            if (s.end() <= pos || s.at() >= to) {
                continue;
            }
            copy(pos, Math.min(s.at(), to), sink);
            long start = Math.max(pos, s.at());
            long end = Math.min(to, s.end());
            if (end > start) {
                sink.write(ByteBuffer.wrap(s.bytes(), (int) (start - s.at()), (int) (end - start)));
            }
            pos = Math.max(pos, end);
        }
        copy(pos, to, sink);
    }

    private void copy(long from, long to, ByteSink sink) {
        ByteRegion.stream(origin, file, from, to, sink);
    }
}
