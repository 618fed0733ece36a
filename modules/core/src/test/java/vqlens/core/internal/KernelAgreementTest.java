package vqlens.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import vqlens.core.QuantizerConfig;
import vqlens.core.testing.GoldenFiles;

/**
 * The portable ND4J-ops kernel (the CUDA path) and the BLAS kernel (the CPU path) agree with the golden
 * indices and with each other's distances, so the backend choice never changes an answer.
 */
class KernelAgreementTest {
    /** Same bound as the golden README's suggested distance check: float32 rounding of either formula order. */
    private static final float DISTANCE_TOLERANCE = 1e-3f;

    @Test
    void bothKernelsReproduceGoldenCase1() {
        INDArray cb = golden("case1_codebooks");
        INDArray z = golden("case1_z");
        long[] expected = golden("case1_indices").data().asLong();
        QuantizerConfig config = QuantizerConfig.ofCodebookShape(4, 256, 96);
        int rows = (int) z.size(0);
        NearestCodeKernel.Rows input = new NearestCodeKernel.Rows(FloatBuffer.wrap(z.data().asFloat()), null, rows, 0);

        long[] fast = new long[rows * 4];
        float[] fastDistances = new float[rows * 4 * 256];
        new NearestCodeKernel(config).search(CodebookTable.of(config, cb, true), input, fast, FloatBuffer.wrap(fastDistances), null);
        long[] portable = new long[rows * 4];
        float[] portableDistances = new float[rows * 4 * 256];
        new PortableNearestCodeKernel(config).search(cb, input, portable, FloatBuffer.wrap(portableDistances), null);

        assertArrayEquals(expected, fast);
        assertArrayEquals(expected, portable);
        assertArrayEquals(fastDistances, portableDistances, DISTANCE_TOLERANCE);
    }

    private static INDArray golden(String name) {
        return Nd4j.createFromNpyFile(GoldenFiles.golden(name + ".npy").toFile());
    }
}
