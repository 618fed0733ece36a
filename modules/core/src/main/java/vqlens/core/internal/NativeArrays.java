package vqlens.core.internal;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Zero-copy views of ND4J arrays held in host memory. Only for arrays that own their whole buffer in C
 * order: ND4J views disagree about offsets (a view's {@code addressPointer()} is already offset while its
 * {@code asNioFloat()} starts at the parent), so callers copy views first.
 */
public final class NativeArrays {
    private NativeArrays() {
    }

    /** True if {@code a} has the type, is C order with default strides and owns its whole buffer from 0. */
    public static boolean isDenseRowMajor(INDArray a, DataType type) {
        if (a.dataType() != type || a.ordering() != 'c' || a.offset() != 0 || a.data().offset() != 0
                || a.data().length() != a.length()) {
            return false;
        }
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** A buffer over the array's elements, index 0 being element 0. */
    public static FloatBuffer floatView(INDArray a) {
        requireDense(a, DataType.FLOAT);
        return a.data().asNioFloat().slice(0, Math.toIntExact(a.length()));
    }

    public static LongBuffer longView(INDArray a) {
        requireDense(a, DataType.LONG);
        return a.data().asNioLong().slice(0, Math.toIntExact(a.length()));
    }

    /** A pointer to the array's first element, for BLAS. */
    public static FloatPointer floatPointer(INDArray a) {
        requireDense(a, DataType.FLOAT);
        return new FloatPointer(a.data().addressPointer());
    }

    private static void requireDense(INDArray a, DataType type) {
        if (!isDenseRowMajor(a, type)) {
            throw new IllegalArgumentException("expected a dense C-order " + type + " array, got " + a.shapeInfoToString());
        }
    }
}
