package vqlens.train.internal.vqvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vqlens.core.QuantizerConfig;
import vqlens.train.data.SyntheticData;

/**
 * The written-out CPU step against SameDiff's autodiff of the same graph (the oracle): on the same weights,
 * batch and forced code indices, every gradient tensor and every loss agree, for several shapes including
 * odd sizes, and a hidden unit whose pre-activation is exactly 0 passes no gradient on either path (ReLU′(0) = 0).
 */
class FastPathGradientTest {
    /**
     * The bounds, float32: the two paths sum the same products in different orders (BLAS blocking
     * versus ND4J's ops), which moves a sum of k terms by a few ulps times √k, i.e. ~1e-7 relative for the
     * widths here; 1e-5 leaves room for that and still catches any wrong term (a missing factor or row is O(1)).
     */
    private static final double TENSOR_RELATIVE = 1e-5;
    private static final double ELEMENT_OF_MAX = 1e-5;
    /** Losses are means of squares, accumulated in double on the fast path and in float by SameDiff. */
    private static final double LOSS_RELATIVE = 1e-5;

    static Stream<Arguments> shapes() {
        return Stream.of(
                // the small network, at its batch size
                Arguments.of(256, List.of(256, 128), new QuantizerConfig(4, 32, 64), 64),
                // odd sizes everywhere
                Arguments.of(37, List.of(29, 11), new QuantizerConfig(3, 15, 7), 13),
                // one hidden layer, one head, few rows
                Arguments.of(10, List.of(9), new QuantizerConfig(1, 5, 3), 3),
                // three hidden layers, more rows than the widest layer
                Arguments.of(17, List.of(23, 19, 7), new QuantizerConfig(2, 6, 5), 41));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void everyGradientMatchesSameDiff(int inputDim, List<Integer> hidden, QuantizerConfig config, int rows) {
        VqVaeNetwork net = new VqVaeNetwork(inputDim, hidden, config, true, 1e-3, 3);
        assertTrue(net.fastPath(), "the CPU backend runs the fast path");
        float[] input = SyntheticData.uniform(rows, inputDim, 5).values();
        float[] codebook = SyntheticData.standardNormal(config.heads() * config.codes(), config.headDim(), 7).values();
        long[] indices = randomCodes(rows, config, 11);
        compare(net, input, rows, indices, codebook, 0.25);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void deadReluUnitGetsNoGradientOnEitherPath(int inputDim, List<Integer> hidden, QuantizerConfig config, int rows) {
        VqVaeNetwork net = new VqVaeNetwork(inputDim, hidden, config, true, 1e-3, 4);
        // enc0's weights come first in the state: zero unit 0's column, its bias is 0, so its pre-activation is 0
        float[] state = net.state();
        int fanOut = hidden.get(0);
        for (int i = 0; i < inputDim; i++) {
            state[i * fanOut] = 0f;
        }
        net.restore(state);
        float[] input = SyntheticData.uniform(rows, inputDim, 6).values();
        float[] codebook = SyntheticData.standardNormal(config.heads() * config.codes(), config.headDim(), 8).values();
        long[] indices = randomCodes(rows, config, 12);
        VqVaeNetwork.Gradients[] both = compare(net, input, rows, indices, codebook, 0.25);
        int codebookLength = config.heads() * config.codes() * config.headDim();
        for (VqVaeNetwork.Gradients g : both) {
            for (int i = 0; i < inputDim; i++) {
                assertEquals(0f, g.flat()[codebookLength + i * fanOut], "ReLU'(0) = 0: enc0_w[" + i + ", 0]");
            }
            assertEquals(0f, g.flat()[codebookLength + inputDim * fanOut], "ReLU'(0) = 0: enc0_b[0]");
        }
    }

    /** Both paths' gradients at the net's weights; asserts they agree per tensor and per element, and returns them. */
    private static VqVaeNetwork.Gradients[] compare(VqVaeNetwork net, float[] input, int rows, long[] indices,
                                                    float[] codebook, double beta) {
        VqVaeNetwork.Gradients[] holder = new VqVaeNetwork.Gradients[2];
        holder[0] = net.gradients(true, input, rows, indices, codebook, beta);
        VqVaeNetwork.quietly(() -> holder[1] = net.gradients(false, input, rows, indices, codebook, beta));
        VqVaeNetwork.Gradients fast = holder[0];
        VqVaeNetwork.Gradients oracle = holder[1];
        assertClose(oracle.losses().reconstruction(), fast.losses().reconstruction(), "reconstruction loss");
        assertClose(oracle.losses().codebook(), fast.losses().codebook(), "codebook loss");
        assertClose(oracle.losses().commitment(), fast.losses().commitment(), "commitment loss");
        assertClose(oracle.losses().total(), fast.losses().total(), "total loss");
        List<String> names = net.parameterNames();
        long[] lengths = net.parameterLengths();
        int at = 0;
        for (int t = 0; t < names.size(); t++) {
            int length = (int) lengths[t];
            double diff2 = 0;
            double norm2 = 0;
            double max = 0;
            for (int i = at; i < at + length; i++) {
                max = Math.max(max, Math.abs(oracle.flat()[i]));
            }
            for (int i = at; i < at + length; i++) {
                double d = fast.flat()[i] - oracle.flat()[i];
                diff2 += d * d;
                norm2 += (double) oracle.flat()[i] * oracle.flat()[i];
                assertTrue(Math.abs(d) <= ELEMENT_OF_MAX * max, names.get(t) + "[" + (i - at) + "]: fast "
                        + fast.flat()[i] + " vs SameDiff " + oracle.flat()[i] + " (max |g| " + max + ")");
            }
            assertTrue(norm2 > 0, names.get(t) + ": SameDiff's gradient is all zero (the check would be empty)");
            double relative = Math.sqrt(diff2 / norm2);
            assertTrue(relative <= TENSOR_RELATIVE, names.get(t) + ": ‖Δ‖/‖g‖ = " + relative);
            at += length;
        }
        assertEquals(oracle.flat().length, at, "the tensors cover the flat gradient");
        return holder;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= LOSS_RELATIVE * Math.abs(expected),
                what + ": fast " + actual + " vs SameDiff " + expected);
    }

    private static long[] randomCodes(int rows, QuantizerConfig config, long seed) {
        Random random = new Random(seed);
        long[] out = new long[rows * config.heads()];
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextInt(config.codes());
        }
        return out;
    }
}
