package vqlens.core.io.internal.model;

import java.io.IOException;
import java.nio.ByteBuffer;

import vqlens.core.Printable;
import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.Origin;

/**
 * Reads a stored tensor's values in C order of its view: a contiguous one in chunks of a small buffer, a strided
 * one (a transposed or sliced view) from one read of the bytes it spans. Only this tensor's storage is opened.
 */
public final class TensorValues {
    private static final int CHUNK = 1 << 20;
    /** A strided view is read at once; its span (not the storage) must fit this. */
    private static final long MAX_SPAN = Integer.MAX_VALUE - 64;

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
        long spanBytes = (t.lastElement() - t.offset() + 1) * size;
        if (spanBytes > MAX_SPAN) {
            throw origin.fail("tensor " + t.describe() + " is a strided view spanning " + (spanBytes >> 20)
                    + " MiB of its storage; too large to read");
        }
        ByteBuffer span = ByteBuffer.allocate((int) spanBytes).order(t.order());
        read(origin, region, t.offset() * size, span);
        Odometer at = new Odometer(t.shape(), t.strides());
        for (int i = 0; i < count; i++) {
            sink.accept(i, ElementCodec.read(span, (int) (at.next() * size), t.type()));
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
