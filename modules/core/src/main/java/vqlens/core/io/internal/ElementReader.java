package vqlens.core.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import vqlens.core.io.NpyDtype;

/**
 * Reads runs of consecutive elements (in file order) of an NPY array and converts them: floats to
 * float32, integers and bools widened to long. Uses one bounded buffer, so memory does not grow with
 * the array. Callers check the dtype first; a wrong one here is a programming error. Not thread-safe.
 */
public final class ElementReader {
    private static final int BUFFER_BYTES = 1 << 20;

    private final Origin origin;
    private final ByteRegion region;
    private final NpyHeader header;
    private final int itemSize;
    private final ByteBuffer buffer;

    public ElementReader(Origin origin, ByteRegion region, NpyHeader header) {
        this.origin = origin;
        this.region = region;
        this.header = header;
        this.itemSize = header.dtype().itemSize();
        long bytes = Math.max(itemSize, Math.min(BUFFER_BYTES, header.dataBytes()));
        this.buffer = ByteBuffer.allocate((int) bytes).order(header.order());
    }

    /** Elements {@code [first, first + n)} as float32 into {@code dst[off + i * stride]}. */
    public void readFloats(long first, int n, float[] dst, int off, int stride) {
        NpyDtype dtype = floatDtype();
        eachRun(first, n, (done, k) -> {
            int at = off + done * stride;
            if (dtype == NpyDtype.FLOAT32 && stride == 1) {
                buffer.asFloatBuffer().get(dst, at, k);
            } else if (dtype == NpyDtype.FLOAT32) {
                for (int i = 0; i < k; i++, at += stride) {
                    dst[at] = buffer.getFloat(i * 4);
                }
            } else {
                for (int i = 0; i < k; i++, at += stride) {
                    dst[at] = (float) buffer.getDouble(i * 8);
                }
            }
        });
    }

    /** Elements {@code [first, first + n)} of a float array as float64 (exact for float64 files) into {@code dst[off + i]}. */
    public void readDoubles(long first, int n, double[] dst, int off) {
        NpyDtype dtype = floatDtype();
        eachRun(first, n, (done, k) -> {
            for (int i = 0; i < k; i++) {
                dst[off + done + i] = dtype == NpyDtype.FLOAT32 ? buffer.getFloat(i * 4) : buffer.getDouble(i * 8);
            }
        });
    }

    /** Elements {@code [first, first + n)} of an integer or bool array, widened, into {@code dst[off + i * stride]}. */
    public void readLongs(long first, int n, long[] dst, int off, int stride) {
        NpyDtype dtype = header.dtype();
        if (dtype.isFloat()) {
            throw new IllegalStateException("not an integer array: " + dtype);
        }
        eachRun(first, n, (done, k) -> {
            int at = off + done * stride;
            for (int i = 0; i < k; i++, at += stride) {
                dst[at] = switch (dtype) {
                    case BOOL, UINT8 -> buffer.get(i) & 0xffL;
                    case INT8 -> buffer.get(i);
                    case INT16 -> buffer.getShort(i * 2);
                    case UINT16 -> buffer.getShort(i * 2) & 0xffffL;
                    case INT32 -> buffer.getInt(i * 4);
                    case UINT32 -> buffer.getInt(i * 4) & 0xffffffffL;
                    case INT64 -> buffer.getLong(i * 8);
                    default -> throw new IllegalStateException(dtype.toString());
                };
            }
        });
    }

    private NpyDtype floatDtype() {
        NpyDtype dtype = header.dtype();
        if (!dtype.isFloat()) {
            throw new IllegalStateException("not a float array: " + dtype);
        }
        return dtype;
    }

    /** What a read does with one buffered run: elements {@code done .. done + k} of the request. */
    private interface Run {
        void convert(int done, int k);
    }

    /** Loads elements {@code [first, first + n)} run by run into the buffer and hands each run on. */
    private void eachRun(long first, int n, Run run) {
        for (int done = 0; done < n; ) {
            int k = fill(first + done, n - done);
            run.convert(done, k);
            done += k;
        }
    }

    /** Loads up to {@code max} elements starting at element {@code first}; returns how many. */
    private int fill(long first, int max) {
        if (first < 0 || max < 0 || first > header.count() - max) {
            throw new IndexOutOfBoundsException("elements " + first + " + " + max + " of " + header.count());
        }
        int k = Math.min(max, buffer.capacity() / itemSize);
        buffer.clear().limit(k * itemSize);
        try {
            region.readFully(header.dataOffset() + first * itemSize, buffer);
        } catch (IOException e) {
            throw origin.io("read the data", e);
        }
        buffer.flip();
        return k;
    }
}
