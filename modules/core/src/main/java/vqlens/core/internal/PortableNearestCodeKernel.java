package vqlens.core.internal;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;

/**
 * Nearest-code search with ND4J operations only, so it runs on any backend (the CUDA one included, where
 * arrays live in device memory and {@link NearestCodeKernel}'s host BLAS calls cannot reach them). Same
 * formula and tie rule; slower on the CPU, where it serves as an independent check of the fast kernel.
 */
public final class PortableNearestCodeKernel {
    private static final int CHUNK_ROWS = 8192;
    private final QuantizerConfig config;

    public PortableNearestCodeKernel(QuantizerConfig config) {
        this.config = config;
    }

    /** As {@link NearestCodeKernel#search}; outputs are host buffers. */
    public void search(INDArray codebooks, NearestCodeKernel.Rows rows, long[] indices, FloatBuffer distances,
                       FloatBuffer quantized) {
        int heads = config.heads();
        int codes = config.codes();
        int dim = config.headDim();
        int width = config.embeddingDim();
        float[] cbValues = codebooks.dup('c').data().asFloat();
        for (int from = 0; from < rows.count(); from += CHUNK_ROWS) {
            int n = Math.min(CHUNK_ROWS, rows.count() - from);
            float[] chunk = new float[n * width];
            rows.values().get(from * width, chunk, 0, n * width);
            INDArray z = Nd4j.createFromArray(chunk).reshape(n, width);
            for (int h = 0; h < heads; h++) {
                INDArray zh = z.get(NDArrayIndex.all(), NDArrayIndex.interval(h * dim, (h + 1) * dim));
                INDArray cb = codebooks.get(NDArrayIndex.point(h), NDArrayIndex.all(), NDArrayIndex.all());
                INDArray zsq = zh.mul(zh).sum(1).reshape(n, 1);
                INDArray norms = cb.mul(cb).sum(1).reshape(1, codes);
                INDArray d = zh.mmul(cb.transpose()).muli(-2).addiRowVector(norms).addiColumnVector(zsq);
                float[] dist = d.dup('c').data().asFloat();
                for (int i = 0; i < n; i++) {
                    float best = Float.POSITIVE_INFINITY;
                    int bestK = -1;
                    for (int k = 0; k < codes; k++) {
                        float v = dist[i * codes + k];
                        if (v < best) {
                            best = v;
                            bestK = k;
                        }
                    }
                    if (bestK < 0 || !Float.isFinite(best)) {
                        throw new VqException("row " + (rows.firstRow() + from + i) + " of the input holds NaN or Inf, "
                                + "or overflows float32 distances");
                    }
                    indices[(from + i) * heads + h] = bestK;
                    if (distances != null) {
                        distances.put(((from + i) * heads + h) * codes, dist, i * codes, codes);
                    }
                    if (quantized != null) {
                        int zOff = i * width + h * dim;
                        int cOff = (h * codes + bestK) * dim;
                        for (int e = 0; e < dim; e++) {
                            float zv = chunk[zOff + e];
                            quantized.put((from + i) * width + h * dim + e, zv + (cbValues[cOff + e] - zv));
                        }
                    }
                }
            }
        }
    }

}
