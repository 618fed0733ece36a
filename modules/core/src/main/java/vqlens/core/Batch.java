package vqlens.core;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import vqlens.core.internal.NativeArrays;
import vqlens.core.internal.NearestCodeKernel;

/** A validated input batch {@code [B, E]} as dense float32, C order (cast or copied only when needed). */
record Batch(INDArray array, int count) {

    static Batch of(INDArray z, QuantizerConfig config) {
        if (z == null) {
            throw new VqException("no input batch");
        }
        if (z.rank() != 2) {
            throw new VqException("input must have shape [B, " + config.embeddingDim() + "], got " + ProductQuantizer.shape(z));
        }
        if (z.size(1) != config.embeddingDim()) {
            throw new VqException("input rows have " + z.size(1) + " values but the codebook expects "
                    + config.embeddingDim() + " (" + config.heads() + " heads x " + config.headDim() + ")");
        }
        if (z.dataType() != DataType.FLOAT && z.dataType() != DataType.DOUBLE) {
            throw new VqException("input must be float32 or float64, got " + z.dataType());
        }
        if (z.size(0) * z.size(1) > Integer.MAX_VALUE - 8) {
            throw new VqException("batch of " + z.size(0) + " rows is too large for one call; stream it in chunks");
        }
        INDArray dense = NativeArrays.isDenseRowMajor(z, DataType.FLOAT) ? z : z.castTo(DataType.FLOAT).dup('c');
        return new Batch(dense, Math.toIntExact(z.size(0)));
    }

    FloatBuffer rows() {
        return NativeArrays.floatView(array);
    }

    NearestCodeKernel.Rows asKernelRows(long firstRow) {
        return new NearestCodeKernel.Rows(rows(), NativeArrays.floatPointer(array), count, firstRow);
    }
}
