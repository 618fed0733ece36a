package vqlens.train.internal.vqvae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import vqlens.core.internal.NativeArrays;

/**
 * The Java step against ND4J's own updater (Adam and SGD) on the same values, gradients and state, over several
 * iterations: values and moments agree bit for bit, in the updater's state
 * layout. Sizes cross the block size and the parallel threshold.
 */
class FlatUpdaterTest {
    /**
     * Bit for bit: the same float32 operations in the same order (measured here: 0 ulps over 6 iterations), so a
     * run continued from an updater-written checkpoint goes on as the updater would have.
     */
    private static final int MAX_ULPS = 0;

    @ParameterizedTest
    @CsvSource({"true, 10007", "true, 300001", "false, 10007", "false, 300001"})
    void matchesNd4jsUpdater(boolean adam, int length) {
        double lr = 2e-3;
        IUpdater config = adam ? new Adam(lr) : new Sgd(lr);
        long stateSize = config.stateSize(length);
        INDArray oracleState = stateSize == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, stateSize);
        GradientUpdater<?> oracle = config.instantiate(oracleState, true);
        Random random = new Random(length);
        float[] start = new float[length];
        for (int i = 0; i < length; i++) {
            start[i] = (float) random.nextGaussian();
        }
        INDArray oracleValues = Nd4j.createFromArray(start).reshape(1, length);
        INDArray values = Nd4j.createFromArray(start).reshape(1, length);
        INDArray gradient = Nd4j.zeros(DataType.FLOAT, 1, length);
        INDArray state = stateSize == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, stateSize);
        FlatUpdater updater = new FlatUpdater(NativeArrays.floatView(values), NativeArrays.floatView(gradient),
                state == null ? null : NativeArrays.floatView(state));
        for (int iteration = 0; iteration < 6; iteration++) {
            float[] g = new float[length];
            for (int i = 0; i < length; i++) {
                g[i] = (float) (random.nextGaussian() * Math.pow(10, -random.nextInt(6)));
            }
            INDArray oracleGradient = Nd4j.createFromArray(g).reshape(1, length);
            oracle.applyUpdater(oracleGradient, iteration, 0);
            oracleValues.subi(oracleGradient);
            NativeArrays.floatView(gradient).put(0, g);
            updater.apply(lr, iteration);
        }
        assertWithinUlps(oracleValues, values, "values");
        if (state != null) {
            assertWithinUlps(oracleState, state, "moments [m, v]");
        }
    }

    private static void assertWithinUlps(INDArray expected, INDArray actual, String what) {
        FloatBuffer e = NativeArrays.floatView(expected);
        FloatBuffer a = NativeArrays.floatView(actual);
        int worst = 0;
        int at = -1;
        for (int i = 0; i < e.limit(); i++) {
            int ulps = Math.abs(Float.floatToIntBits(e.get(i)) - Float.floatToIntBits(a.get(i)));
            if (ulps > worst) {
                worst = ulps;
                at = i;
            }
        }
        assertTrue(worst <= MAX_ULPS, what + ": " + worst + " ulps apart at " + at + " (ND4J "
                + (at < 0 ? "" : e.get(at)) + ", Java " + (at < 0 ? "" : a.get(at)) + ")");
    }
}
