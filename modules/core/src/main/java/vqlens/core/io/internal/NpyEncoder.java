package vqlens.core.io.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import vqlens.core.io.NpyDtype;

/**
 * Encodes one {@code .npy} array into a {@link ByteSink}: the header on construction, then values in C
 * order, little-endian, through a bounded buffer. {@link #finish} checks that exactly the shape's number
 * of values came. Does not own the sink. Not thread-safe.
 */
public final class NpyEncoder {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Origin origin;
    private final ByteSink sink;
    private final NpyDtype dtype;
    private final long[] shape;
    private final long expected;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long written;

    public NpyEncoder(Origin origin, ByteSink sink, NpyDtype dtype, long[] shape) {
        this.origin = origin;
        this.sink = sink;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.expected = checkedCount(dtype, shape);
        sink.write(ByteBuffer.wrap(NpyHeader.encode(dtype, shape)));
    }

    /** Header plus data bytes of the file this encoder writes. */
    public static long encodedSize(NpyDtype dtype, long[] shape) {
        return NpyHeader.encode(dtype, shape).length + checkedCount(dtype, shape) * dtype.itemSize();
    }

    /** The element count of a shape to write; a negative or overflowing shape is a programming error. */
    private static long checkedCount(NpyDtype dtype, long[] shape) {
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + NpyHeader.shapeText(shape));
            }
        }
        long count = NpyHeader.elementCount(shape);
        if (count < 0 || count > Long.MAX_VALUE / 2 / dtype.itemSize()) {
            throw new IllegalArgumentException("shape " + NpyHeader.shapeText(shape) + " is too large");
        }
        return count;
    }

    public NpyDtype dtype() {
        return dtype;
    }

    public void writeFloats(float[] src, int offset, int count) {
        requireFloat("writeFloats");
        checkRange(src.length, offset, count);
        putInRuns(count, (i, k) -> {
            if (dtype == NpyDtype.FLOAT32) {
                buffer.asFloatBuffer().put(src, offset + i, k);
                buffer.position(buffer.position() + k * 4);
            } else {
                for (int j = 0; j < k; j++) {
                    buffer.putDouble(src[offset + i + j]);
                }
            }
        });
    }

    /** Float values given as float64: exact in a float64 array, rounded to nearest in a float32 one. */
    public void writeDoubles(double[] src, int offset, int count) {
        requireFloat("writeDoubles");
        checkRange(src.length, offset, count);
        putInRuns(count, (i, k) -> {
            for (int j = offset + i; j < offset + i + k; j++) {
                if (dtype == NpyDtype.FLOAT32) {
                    buffer.putFloat((float) src[j]);
                } else {
                    buffer.putDouble(src[j]);
                }
            }
        });
    }

    /** Integer or bool values; each must fit the dtype (bool: 0 or 1). */
    public void writeLongs(long[] src, int offset, int count) {
        if (dtype.isFloat()) {
            throw new IllegalStateException("writeLongs on a " + NpyDescr.numpyName(dtype) + " array; use writeFloats");
        }
        checkRange(src.length, offset, count);
        for (int i = offset; i < offset + count; i++) {
            checkFits(src[i], i);
        }
        putInRuns(count, (i, k) -> {
            for (int j = offset + i; j < offset + i + k; j++) {
                long v = src[j];
                switch (dtype.itemSize()) {
                    case 1 -> buffer.put((byte) v);
                    case 2 -> buffer.putShort((short) v);
                    case 4 -> buffer.putInt((int) v);
                    default -> buffer.putLong(v);
                }
            }
        });
    }

    private void requireFloat(String method) {
        if (!dtype.isFloat()) {
            throw new IllegalStateException(method + " on a " + NpyDescr.numpyName(dtype) + " array; use writeLongs");
        }
    }

    /** What a write puts into the buffer for one run: source values {@code i .. i + k} of the call. */
    private interface Run {
        void put(int i, int k);
    }

    /** Writes {@code count} values in runs that fit the buffer, then counts them. */
    private void putInRuns(int count, Run run) {
        for (int i = 0; i < count; ) {
            int k = Math.min(count - i, room());
            run.put(i, k);
            i += k;
        }
        written += count;
    }

    /** Returns how many values fit the buffer now, flushing it first if full. */
    private int room() {
        if (buffer.remaining() < dtype.itemSize()) {
            flush();
        }
        return buffer.remaining() / dtype.itemSize();
    }

    /** Flushes and checks the count: exactly the shape's number of values must have been written. */
    public void finish() {
        flush();
        if (written != expected) {
            throw origin.fail("only " + written + " of the " + expected + " values of shape "
                    + NpyHeader.shapeText(shape) + " were written");
        }
    }

    /** Bounds of the source and of the shape; nothing is counted or buffered if this throws. */
    private void checkRange(int length, int offset, int count) {
        if (offset < 0 || count < 0 || offset > length - count) {
            throw new IndexOutOfBoundsException("offset " + offset + ", count " + count + ", length " + length);
        }
        if (count > expected - written) {
            throw origin.fail("more values than shape " + NpyHeader.shapeText(shape) + " holds ("
                    + expected + "): " + written + " written, " + count + " more given");
        }
    }

    private void flush() {
        buffer.flip();
        sink.write(buffer);
        buffer.clear();
    }

    private void checkFits(long v, int index) {
        long min;
        long max;
        switch (dtype) {
            case BOOL -> { min = 0; max = 1; }
            case INT8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case UINT8 -> { min = 0; max = 0xff; }
            case INT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case UINT16 -> { min = 0; max = 0xffff; }
            case INT32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            case UINT32 -> { min = 0; max = 0xffffffffL; }
            default -> { min = Long.MIN_VALUE; max = Long.MAX_VALUE; }
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("value " + v + " at index " + index + " does not fit "
                    + NpyDescr.numpyName(dtype));
        }
    }
}
