package vqlens.core.io.internal.faiss;

import java.nio.ByteBuffer;

import vqlens.core.Printable;
import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.Origin;

/**
 * Forward reads of a FAISS file (native byte order, little-endian on every machine FAISS ships for): the
 * fixed-size fields of {@code index_write.cpp} and the 8-byte element count before every vector, which is checked
 * against the bytes left before anything is read or allocated for it. Not thread-safe.
 */
final class FaissInput {
    private final Origin origin;
    private final ByteRegion region;
    private long position;

    FaissInput(Origin origin, ByteRegion region) {
        this.origin = origin;
        this.region = region;
    }

    long position() {
        return position;
    }

    long remaining() {
        return region.size() - position;
    }

    ByteRegion region() {
        return region;
    }

    RuntimeException fail(String problem) {
        return origin.fail(problem);
    }

    /** {@code n} bytes at the position, little-endian, and moves past them. */
    ByteBuffer take(int n, String what) {
        if (n > remaining()) {
            throw origin.fail("truncated FAISS file: it ends in " + what + " at byte " + position);
        }
        ByteBuffer b = ByteRegion.read(origin, region, position, n, "read the FAISS file");
        position += n;
        return b;
    }

    int u8(String what) {
        return take(1, what).get(0) & 0xff;
    }

    /** A C++ {@code bool}, written as one byte 0 or 1. */
    boolean bool(String what) {
        int b = u8(what);
        if (b > 1) {
            throw origin.fail("corrupt FAISS file: " + what + " at byte " + (position - 1) + " is " + b + ", not a bool (0 or 1)");
        }
        return b == 1;
    }

    int i32(String what) {
        return take(4, what).getInt(0);
    }

    float f32(String what) {
        return take(4, what).getFloat(0);
    }

    long i64(String what) {
        return take(8, what).getLong(0);
    }

    /** A {@code size_t} no larger than {@code max}. */
    long size(String what, long max) {
        long at = position;
        long v = i64(what);
        if (v < 0 || v > max) {
            throw origin.fail("corrupt FAISS file: " + what + " at byte " + at + " is " + Long.toUnsignedString(v)
                    + " (at most " + max + " is valid)");
        }
        return v;
    }

    /** Four bytes as FAISS's fourcc text (shown printable). */
    String fourcc(String what) {
        ByteBuffer b = take(4, what);
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            sb.append((char) (b.get(i) & 0xff));
        }
        return sb.toString();
    }

    /**
     * A vector's element count ({@code WRITEVECTOR}: an 8-byte count, then the elements), checked against the bytes
     * left; the position is then at its first element.
     */
    long vector(int elementBytes, String what) {
        long at = position;
        long count = i64(what + "'s length");
        if (count < 0 || count > remaining() / elementBytes) {
            throw origin.fail("corrupt or truncated FAISS file: " + what + " at byte " + at + " declares "
                    + Long.toUnsignedString(count) + " elements of " + elementBytes + " bytes but only " + remaining()
                    + " bytes are left");
        }
        return count;
    }

    /** A vector skipped by its length; returns its element count. */
    long skipVector(int elementBytes, String what) {
        long count = vector(elementBytes, what);
        position += count * elementBytes;
        return count;
    }

    /** Moves forward over {@code n} bytes, checked against the bytes left. */
    void skip(long n, String what) {
        if (n < 0 || n > remaining()) {
            throw origin.fail("corrupt or truncated FAISS file: " + what + " at byte " + position + " needs "
                    + Long.toUnsignedString(n) + " bytes but only " + remaining() + " are left");
        }
        position += n;
    }

    static String shown(String fourcc) {
        return Printable.quoted(fourcc);
    }
}
