package vqlens.core.internal;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.core.runtime.ComputeRuntime;

/**
 * The codebooks as one search call sees them: the native pointer BLAS reads, a buffer view for gathers,
 * and each code's squared norm. Built per call (it costs one pass over {@code H*K*D} values), so it can
 * never go stale when training changes the codebooks in place.
 */
public final class CodebookTable {
    final QuantizerConfig config;
    final FloatPointer base;
    final FloatBuffer values;
    final float[][] squaredNorms;

    private CodebookTable(QuantizerConfig config, FloatPointer base, FloatBuffer values, float[][] squaredNorms) {
        this.config = config;
        this.base = base;
        this.values = values;
        this.squaredNorms = squaredNorms;
    }

    /**
     * @param codebooks float32 {@code [H, K, D]} in C order with default strides (the quantizer's own array)
     * @param requireFinite refuse NaN/Inf values (searching needs finite codes; a gather does not)
     */
    public static CodebookTable of(QuantizerConfig config, INDArray codebooks, boolean requireFinite) {
        boolean host = ComputeRuntime.isCpu();
        // Off the CPU backend the codebooks live on the device: work from a host copy (no BLAS pointer then).
        FloatBuffer values = host ? NativeArrays.floatView(codebooks) : FloatBuffer.wrap(codebooks.dup('c').data().asFloat());
        int heads = config.heads();
        int codes = config.codes();
        int dim = config.headDim();
        float[][] norms = new float[heads][codes];
        float[] row = new float[dim];
        for (int h = 0; h < heads; h++) {
            for (int k = 0; k < codes; k++) {
                values.get((h * codes + k) * dim, row, 0, dim);
                float sum = 0f;
                for (int d = 0; d < dim; d++) {
                    sum += row[d] * row[d];
                }
                if (requireFinite && !Float.isFinite(sum)) {
                    throw new VqException("the codebook holds NaN, Inf or values too large for float32 at head " + h
                            + ", code " + k + "; fix or re-initialise that code first");
                }
                norms[h][k] = sum;
            }
        }
        return new CodebookTable(config, host ? NativeArrays.floatPointer(codebooks) : null, values, norms);
    }
}
