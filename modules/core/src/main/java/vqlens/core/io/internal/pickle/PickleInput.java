package vqlens.core.io.internal.pickle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.Origin;

/**
 * Forward reads of a pickle from a {@link ByteRegion} through a small buffer. Every length a pickle declares
 * is checked against the bytes left before anything is allocated for it; {@link #position()} says where a
 * problem is. Not thread-safe.
 */
public final class PickleInput {
    private static final int BUFFER = 1 << 16;

    private final Origin origin;
    private final ByteRegion region;
    private final long end;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private long bufferStart;
    private long position;

    /** Reads {@code region} from {@code start} on (several pickles may follow each other, as in legacy torch files). */
    public PickleInput(Origin origin, ByteRegion region, long start) {
        this.origin = origin;
        this.region = region;
        this.end = region.size();
        this.position = start;
        this.bufferStart = start;
        buffer.limit(0);
    }

    public long position() {
        return position;
    }

    public long remaining() {
        return end - position;
    }

    /** Moves forward by {@code n} bytes without reading them (e.g. over raw storage bytes). */
    public void skip(long n, String what) {
        require(n, what);
        position += n;
    }

    int readByte() {
        require(1, "an opcode's argument");
        ensure(1);
        return buffer.get((int) (position++ - bufferStart)) & 0xff;
    }

    /** The next opcode, or -1 at the end of the region. */
    int readOpcode() {
        if (position >= end) {
            return -1;
        }
        return readByte();
    }

    long readLong(int bytes, boolean bigEndian) {
        require(bytes, "an opcode's argument");
        ensure(bytes);
        long value = 0;
        int at = (int) (position - bufferStart);
        for (int i = 0; i < bytes; i++) {
            int b = buffer.get(at + (bigEndian ? i : bytes - 1 - i)) & 0xff;
            value = value << 8 | b;
        }
        position += bytes;
        return value;
    }

    /** {@code n} bytes, checked against the bytes left before the array is allocated. */
    byte[] readBytes(long n, String what) {
        require(n, what);
        byte[] out = new byte[(int) n];
        int done = 0;
        while (done < n) {
            int chunk = (int) Math.min(BUFFER, n - done);
            ensure(chunk);
            buffer.get((int) (position - bufferStart), out, done, chunk);
            position += chunk;
            done += chunk;
        }
        return out;
    }

    /** A text line ending in {@code \n} (without it), at most {@code max} bytes, as GLOBAL's module and name. */
    String readLine(int max, String what) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (remaining() <= 0) {
                throw origin.fail("corrupt pickle: " + what + " at byte " + position + " has no end of line");
            }
            int b = readByte();
            if (b == '\n') {
                return sb.toString();
            }
            if (sb.length() >= max) {
                throw origin.fail("corrupt pickle: " + what + " at byte " + position + " is longer than " + max + " bytes");
            }
            sb.append((char) b); // module and class names are ASCII identifiers; others are shown as they are
        }
    }

    private void require(long n, String what) {
        if (n < 0 || n > remaining()) {
            throw origin.fail("corrupt or truncated pickle: " + what + " at byte " + position + " declares "
                    + Long.toUnsignedString(n) + " bytes but only " + remaining() + " are left");
        }
    }

    /** Makes at least {@code n} (≤ BUFFER) bytes from {@code position} available in the buffer. */
    private void ensure(int n) {
        long have = bufferStart + buffer.limit() - position;
        if (position >= bufferStart && have >= n) {
            return;
        }
        bufferStart = position;
        buffer.clear().limit((int) Math.min(BUFFER, end - position));
        try {
            region.readFully(position, buffer);
        } catch (IOException e) {
            throw origin.io("read the pickle", e);
        }
        buffer.flip();
    }
}
