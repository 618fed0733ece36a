package vqlens.core.io.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * Random-access bytes of known size: a window of a file (an {@code .npy} file, a stored ZIP member) or
 * an in-memory array (an inflated ZIP member, a fuzzer's input). Every parser reads through this, so
 * the same code checks files and byte arrays. A file region does not own its channel.
 */
public interface ByteRegion {

    long size();

    /** Fills {@code dst} (position to limit) with the bytes starting at {@code pos}. */
    void readFully(long pos, ByteBuffer dst) throws IOException;

    /** The bytes {@code [offset, offset + length)} of this region, without copying. */
    default ByteRegion slice(long offset, long length) {
        if (offset < 0 || length < 0 || offset > size() - length) {
            throw new IndexOutOfBoundsException("slice of " + length + " bytes at " + offset + " in a region of " + size());
        }
        ByteRegion outer = this;
        return new ByteRegion() {
            @Override
            public long size() {
                return length;
            }

            @Override
            public void readFully(long pos, ByteBuffer dst) throws IOException {
                checkBounds(pos, dst.remaining(), length);
                outer.readFully(offset + pos, dst);
            }
        };
    }

    /** Reads {@code length} bytes at {@code pos} into a new little-endian buffer (flipped for reading). */
    static ByteBuffer read(Origin origin, ByteRegion region, long pos, int length, String doing) {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        try {
            region.readFully(pos, buffer);
        } catch (IOException e) {
            throw origin.io(doing, e);
        }
        return buffer.flip();
    }

    /** Streams the bytes {@code [from, to)} of {@code region} to {@code sink} in chunks of at most 1 MiB. */
    static void stream(Origin origin, ByteRegion region, long from, long to, ByteSink sink) {
        if (to <= from) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(1 << 20, to - from));
        for (long pos = from; pos < to; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), to - pos));
            try {
                region.readFully(pos, buffer);
            } catch (IOException e) {
                throw origin.io("read", e);
            }
            buffer.flip();
            pos += buffer.remaining();
            sink.write(buffer);
        }
    }

    static ByteRegion ofFile(FileChannel channel, long offset, long size) {
        return new FileRegion(channel, offset, size);
    }

    static ByteRegion ofArray(byte[] bytes) {
        return new ArrayRegion(bytes);
    }

    /** Positional reads: no shared file position, so regions of one channel do not interfere. */
    final class FileRegion implements ByteRegion {
        private final FileChannel channel;
        private final long offset;
        private final long size;

        FileRegion(FileChannel channel, long offset, long size) {
            this.channel = Objects.requireNonNull(channel);
            if (offset < 0 || size < 0) {
                throw new IllegalArgumentException("offset " + offset + ", size " + size);
            }
            this.offset = offset;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void readFully(long pos, ByteBuffer dst) throws IOException {
            checkBounds(pos, dst.remaining(), size);
            long at = offset + pos;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, at);
                if (n < 0) {
                    throw new EOFException();
                }
                at += n;
            }
        }
    }

    final class ArrayRegion implements ByteRegion {
        private final byte[] bytes;

        ArrayRegion(byte[] bytes) {
            this.bytes = Objects.requireNonNull(bytes);
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void readFully(long pos, ByteBuffer dst) {
            checkBounds(pos, dst.remaining(), bytes.length);
            dst.put(bytes, (int) pos, dst.remaining());
        }
    }

    private static void checkBounds(long pos, int length, long size) {
        if (pos < 0 || pos > size - length) {
            throw new IndexOutOfBoundsException("read of " + length + " bytes at " + pos + " in a region of " + size);
        }
    }
}
