package vqlens.train.internal.vqvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import vqlens.core.QuantizerConfig;
import vqlens.train.data.ShapesData;
import vqlens.train.data.SyntheticData;

/**
 * The straight-through estimator in the VQ-VAE graph, checked numerically with SameDiff's own gradients:
 * the gradient that reaches the encoder output {@code z_e} is the one at the decoder input {@code z_q}
 * (plus, when β > 0, exactly the commitment term's {@code 2β(z_e − q)/(B·E)}; nothing from the codebook term).
 */
class StraightThroughGradientTest {
    /**
     * Both sides are float32 sums of the same few terms, computed by different ops (an identity add versus a
     * direct gradient); float32 rounding of values of order 1e-3 leaves differences near 1e-9, so 1e-7 is
     * far above rounding yet far below any real gradient component (order 1e-4 to 1e-3 here).
     */
    private static final double FLOAT_GRADIENT_TOLERANCE = 1e-7;

    private static final QuantizerConfig CONFIG = new QuantizerConfig(2, 8, 16);
    private static final int ROWS = 32;

    private Map<String, INDArray> gradients(VqVaeNetwork net, float[] input, long[] indices, double beta) {
        return net.graph().calculateGradients(net.placeholders(input, ROWS, indices, beta),
                List.of(VqVaeNetwork.Z_E, VqVaeNetwork.Z_Q));
    }

    private static long[] randomIndices(long seed) {
        java.util.Random r = new java.util.Random(seed);
        long[] idx = new long[ROWS * CONFIG.heads()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = r.nextInt(CONFIG.codes());
        }
        return idx;
    }

    private static VqVaeNetwork network() {
        VqVaeNetwork net = new VqVaeNetwork(ShapesData.DIM, List.of(32, 16), CONFIG, true, 1e-3, 7);
        float[] codebook = SyntheticData.standardNormal(CONFIG.heads() * CONFIG.codes(), CONFIG.headDim(), 3).values();
        net.setCodebook(codebook);
        return net;
    }

    @Test
    void gradientAtEncoderOutputEqualsGradientAtDecoderInputWithoutCommitment() {
        VqVaeNetwork net = network();
        float[] input = ShapesData.generate(ROWS, 11).values();
        Map<String, INDArray>[] holder = new Map[1];
        VqVaeNetwork.quietly(() -> holder[0] = gradients(net, input, randomIndices(5), 0.0));
        INDArray atZe = holder[0].get(VqVaeNetwork.Z_E);
        INDArray atZq = holder[0].get(VqVaeNetwork.Z_Q);
        assertTrue(atZq.norm2Number().doubleValue() > 1e-4, "the decoder must pass a real gradient back");
        double maxDiff = atZe.sub(atZq).amaxNumber().doubleValue();
        assertEquals(0.0, maxDiff, FLOAT_GRADIENT_TOLERANCE, "straight-through: dL/dz_e == dL/dz_q");
    }

    @Test
    void commitmentAddsExactlyItsOwnTermAtTheEncoderOutput() {
        VqVaeNetwork net = network();
        float[] input = ShapesData.generate(ROWS, 12).values();
        long[] indices = randomIndices(6);
        double beta = 0.25;
        Map<String, INDArray>[] holder = new Map[1];
        VqVaeNetwork.quietly(() -> holder[0] = gradients(net, input, indices, beta));
        Map<String, INDArray> values = net.graph().output(net.placeholders(input, ROWS, indices, beta),
                VqVaeNetwork.Z_E, VqVaeNetwork.Q);
        INDArray commitment = values.get(VqVaeNetwork.Z_E).sub(values.get(VqVaeNetwork.Q))
                .muli(2 * beta / ((double) ROWS * CONFIG.embeddingDim()));
        INDArray expected = holder[0].get(VqVaeNetwork.Z_Q).add(commitment);
        double maxDiff = holder[0].get(VqVaeNetwork.Z_E).sub(expected).amaxNumber().doubleValue();
        assertEquals(0.0, maxDiff, FLOAT_GRADIENT_TOLERANCE,
                "dL/dz_e == dL/dz_q + 2β(z_e − q)/(B·E): no codebook-loss gradient reaches the encoder");
    }
}
