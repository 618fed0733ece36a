package vqlens.core.io.internal.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;

import vqlens.core.Printable;
import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.Origin;

/**
 * New values for one stored tensor, as the bytes of its storage they change: the span from the view's first element
 * to its last, read from the file, with every element whose value differs (as float32) from the edited one
 * rewritten in the tensor's own element type and byte order, through its strides. Elements whose value is unchanged
 * keep their bytes exactly (an F64 codebook loses nothing where it was not edited). Float32 values go into F16 and
 * BF16 rounded to nearest, ties to even ({@link ElementCodec}); a finite value too large for F16 is refused.
 */
public final class TensorPatch {
    /** The span of a view is materialised; beyond this (a sparse view of a huge storage) it is refused. */
    static final long MAX_SPAN_BYTES = Integer.MAX_VALUE - 16;

    private TensorPatch() {
    }

    /**
     * What a write changes.
     *
     * @param storageOffset where {@code bytes} start in the tensor's storage
     * @param bytes         the new bytes of the span (unchanged elements and gaps between them as they were)
     * @param changed       elements whose value changed
     * @param rounded       of those, elements whose stored value is not the edited float32 (F16, BF16)
     * @param largestRounding the largest |stored − edited| among them, 0 if none
     */
    public record Result(long storageOffset, byte[] bytes, long changed, long rounded, double largestRounding) {
    }

    /**
     * Writes {@code edited} (C order of the view, {@code t.count()} values) into the bytes of {@code t}.
     *
     * @throws vqlens.core.io.CodebookFileException if the view repeats storage elements, is too sparse to hold in
     *                                              memory, or a value overflows the element type
     */
    public static Result write(Origin origin, StoredTensor t, float[] edited) {
        if (edited.length != t.count()) {
            throw new IllegalArgumentException(edited.length + " values for " + t.describe());
        }
        if (t.count() == 0) {
            return new Result(0, new byte[0], 0, 0, 0);
        }
        ElementType type = t.type();
        int size = type.bytes();
        long spanElements = t.lastElement() - t.offset() + 1; // strides are non-negative: the view spans [offset, last]
        long spanBytes = spanElements * size;
        if (spanBytes > MAX_SPAN_BYTES || spanBytes > Runtime.getRuntime().maxMemory() / 10 * 4) {
            throw origin.fail("tensor " + t.describe() + " spans " + (spanBytes >> 20) + " MiB of its storage, more than VQ Lens"
                    + " holds in memory to write it (start VQ Lens with a larger heap, e.g. VQLENS_JAVA_OPTS=-Xmx8g)");
        }
        ByteRegion region = t.storage().bytes().get();
        long needed = (t.lastElement() + 1) * size;
        if (region.size() < needed) {
            throw origin.fail("tensor " + t.describe() + " needs " + needed + " bytes of its storage "
                    + Printable.quoted(t.storage().id()) + ", which holds " + region.size() + " (truncated or corrupt)");
        }
        byte[] span = new byte[(int) spanBytes];
        try {
            region.readFully(t.offset() * size, ByteBuffer.wrap(span));
        } catch (IOException e) {
            throw origin.io("read the tensor data", e);
        }
        ByteBuffer b = ByteBuffer.wrap(span).order(t.order());
        BitSet seen = t.isContiguous() ? null : new BitSet((int) spanElements);
        TensorValues.Odometer at = new TensorValues.Odometer(t.shape(), t.strides());
        boolean rounds = type == ElementType.F16 || type == ElementType.BF16;
        long changed = 0;
        long rounded = 0;
        double largest = 0;
        for (int i = 0; i < edited.length; i++) {
            long element = at.next();
            if (seen != null) {
                if (seen.get((int) element)) {
                    throw origin.fail("tensor " + t.describe() + " views some storage elements twice (a stride of 0 or strides that"
                            + " overlap), so its values cannot be set one by one; refused");
                }
                seen.set((int) element);
            }
            int pos = (int) (element * size);
            float old = (float) ElementCodec.read(b, pos, type);
            float value = edited[i];
            if (Float.floatToRawIntBits(old) == Float.floatToRawIntBits(value)) {
                continue;
            }
            if (type.isFloat()) {
                float stored = ElementCodec.stored(value, type);
                if (Float.isFinite(value) && !Float.isFinite(stored)) {
                    throw origin.fail("value " + value + " at " + index(t.shape(), i) + " of tensor " + t.describe()
                            + " overflows " + type + " (largest finite " + (type == ElementType.F16 ? "65504" : "3.4e38")
                            + "); refused, nothing was written");
                }
                if (rounds && Float.floatToRawIntBits(stored) != Float.floatToRawIntBits(value)) {
                    rounded++;
                    largest = Math.max(largest, Math.abs((double) stored - value));
                }
            }
            ElementCodec.write(b, pos, type, value);
            changed++;
        }
        return new Result(t.offset() * size, span, changed, rounded, largest);
    }

    /** E.g. {@code [1, 3, 0]}: the index of element {@code flat} (C order) of a view of {@code shape}. */
    static String index(long[] shape, long flat) {
        long[] index = new long[shape.length];
        long rest = flat;
        for (int j = shape.length - 1; j >= 0; j--) {
            index[j] = shape[j] == 0 ? 0 : rest % shape[j];
            rest = shape[j] == 0 ? 0 : rest / shape[j];
        }
        StringBuilder sb = new StringBuilder("[");
        for (int j = 0; j < index.length; j++) {
            sb.append(j == 0 ? "" : ", ").append(index[j]);
        }
        return sb.append(']').toString();
    }
}
