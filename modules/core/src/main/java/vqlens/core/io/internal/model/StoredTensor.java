package vqlens.core.io.internal.model;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Collectors;

import vqlens.core.Printable;

/**
 * A tensor as a file stores it: a view ({@code shape}, {@code strides} and {@code offset} in elements) of a
 * {@link Storage}'s bytes, in a byte order. Validated when made: the view lies inside its storage.
 *
 * @param key       its name in the file (a checkpoint's nesting levels joined with {@code /})
 * @param type      the element type
 * @param dtypeName the type in the file's words when it is {@link ElementType#OTHER}, else the type's name
 */
public record StoredTensor(String key, ElementType type, String dtypeName, long[] shape, long[] strides, long offset,
                           ByteOrder order, Storage storage) {

    /** A C-contiguous tensor filling its storage from byte 0 (safetensors, FAISS arrays). */
    public static StoredTensor contiguous(String key, ElementType type, String dtypeName, long[] shape, ByteOrder order,
                                          Storage storage) {
        return new StoredTensor(key, type, dtypeName, shape, contiguousStrides(shape), 0, order, storage);
    }

    public static long[] contiguousStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(1, shape[i]);
        }
        return strides;
    }

    public int rank() {
        return shape.length;
    }

    public long count() {
        long n = 1;
        for (long d : shape) {
            n *= d; // bounded when the reader validated the view
        }
        return n;
    }

    /** The index (in elements) of the last element the view touches; {@code offset - 1} for an empty view. */
    public long lastElement() {
        long last = offset;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                return offset - 1;
            }
            last += (shape[i] - 1) * strides[i];
        }
        return last;
    }

    /** Whether the elements are one C-order run of the storage. */
    public boolean isContiguous() {
        return Arrays.equals(strides, contiguousStrides(shape)) || count() <= 1;
    }

    /** Whether two views of one storage name exactly the same elements in the same layout. */
    public boolean sameView(StoredTensor other) {
        return storage.id().equals(other.storage.id()) && offset == other.offset && type == other.type
                && Arrays.equals(shape, other.shape) && Arrays.equals(strides, other.strides);
    }

    public String dtype() {
        return type == ElementType.OTHER ? dtypeName : type.name();
    }

    public String shapeText() {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    /** E.g. {@code 'vq._codebook.embed' (F32 [1, 512, 64])}. */
    public String describe() {
        return Printable.quoted(key) + " (" + dtype() + " " + shapeText() + ")";
    }

    /** The byte order's name: {@code little} or {@code big}. */
    public String orderName() {
        return order == ByteOrder.BIG_ENDIAN ? "big" : "little";
    }
}
