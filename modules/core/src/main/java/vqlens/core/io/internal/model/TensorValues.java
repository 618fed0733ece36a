package vqlens.core.io.internal.model;

import java.io.IOException;
import java.nio.ByteBuffer;

import vqlens.core.Printable;
import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.Origin;

/**
 * Reads a stored tensor's values in C order of its view: a contiguous one in chunks of a small buffer, a strided
 * one (a transposed or sliced view) through a window of at most 1 MiB of its storage, moved as the view goes, so
 * memory stays bounded whatever the strides. Only this tensor's storage is opened.
 */
public final class TensorValues {
    private static final int CHUNK = 1 << 20;
    private static final int SPARSE_WINDOW_ELEMENTS = 16;

    private TensorValues() {
    }

    /** Every element as float32, C order of the view. The caller checked the type is a float type and the count fits. */
    public static float[] floats(Origin origin, StoredTensor t) {
        float[] out = new float[(int) t.count()];
        forEach(origin, t, (i, v) -> out[i] = (float) v);
        return out;
    }

    /** The single value of a one-element tensor (a flag). */
    public static double scalar(Origin origin, StoredTensor t) {
        double[] out = new double[1];
        forEach(origin, t, (i, v) -> out[0] = v);
        return out[0];
    }

    interface Sink {
        void accept(int index, double value);
    }

    private static void forEach(Origin origin, StoredTensor t, Sink sink) {
        long count = t.count();
        if (count == 0) {
            return;
        }
        int size = t.type().bytes();
        ByteRegion region = t.storage().bytes().get();
        long needed = (t.lastElement() + 1) * size;
        if (region.size() < needed) {
            throw origin.fail("tensor " + t.describe() + " needs " + needed + " bytes of its storage "
                    + Printable.quoted(t.storage().id()) + ", which holds " + region.size() + " (truncated or corrupt)");
        }
        if (t.isContiguous()) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, count * size)).order(t.order());
            int perChunk = buffer.capacity() / size;
            for (long done = 0; done < count; ) {
                int n = (int) Math.min(perChunk, count - done);
                buffer.clear().limit(n * size);
                read(origin, region, (t.offset() + done) * size, buffer);
                for (int i = 0; i < n; i++) {
                    sink.accept((int) (done + i), ElementCodec.read(buffer, i * size, t.type()));
                }
                done += n;
            }
            return;
        }
        // a strided view (transposed, sliced): elements through a window of the storage, moved as the view goes; a
        // sparse view (its span well beyond its elements) gets a small window, so no element costs a large read
        long spanBytes = (t.lastElement() - t.offset() + 1) * size;
        long windowBytes = spanBytes > 4 * count * size ? SPARSE_WINDOW_ELEMENTS * size : CHUNK;
        ByteBuffer window = ByteBuffer.allocate((int) Math.min(windowBytes, spanBytes)).order(t.order());
        long windowStart = -1;
        Odometer at = new Odometer(t.shape(), t.strides());
        for (int i = 0; i < count; i++) {
            long pos = (t.offset() + at.next()) * size;
            if (windowStart < 0 || pos < windowStart || pos + size > windowStart + window.capacity()) {
                windowStart = Math.min(pos, region.size() - window.capacity());
                window.clear();
                read(origin, region, windowStart, window);
            }
            sink.accept(i, ElementCodec.read(window, (int) (pos - windowStart), t.type()));
        }
    }

    private static void read(Origin origin, ByteRegion region, long pos, ByteBuffer buffer) {
        try {
            region.readFully(pos, buffer);
        } catch (IOException e) {
            throw origin.io("read the tensor data", e);
        }
    }

    /** Walks a view in C order, yielding each element's offset (in elements) from the view's first element. */
    static final class Odometer {
        private final long[] shape;
        private final long[] strides;
        private final long[] index;
        private long at;

        Odometer(long[] shape, long[] strides) {
            this.shape = shape;
            this.strides = strides;
            this.index = new long[shape.length];
        }

        long next() {
            long current = at;
            for (int j = shape.length - 1; j >= 0; j--) {
                at += strides[j];
                if (++index[j] < shape[j]) {
                    break;
                }
                at -= strides[j] * shape[j];
                index[j] = 0;
            }
            return current;
        }
    }
}
