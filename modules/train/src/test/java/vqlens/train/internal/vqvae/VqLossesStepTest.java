package vqlens.train.internal.vqvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vqlens.core.QuantizerConfig;
import vqlens.train.VqLosses;
import vqlens.train.data.SyntheticData;

/**
 * {@link VqLosses} is the VQ-VAE step's gradient: a network whose encoder is {@code x + b} (identity weights
 * through one ReLU layer, last bias {@code z_e − t}, input {@code t}) and whose decoder is the identity has exactly the
 * lesson's set-up, and both of the step's paths (written out and SameDiff) give the encoder bias, i.e. z_e, the
 * gradient {@code reconstruction + commitment} and the chosen code the codebook gradient (the others none).
 */
class VqLossesStepTest {
    /**
     * Relative to the gradient's length. The network's z_e is {@code t + (z_e − t)} in float32, an ulp off z_e
     * at most, and its sums run in other orders: differences of ~1e-7 of values of order 1; a wrong term is O(1).
     */
    private static final double GRADIENT_RELATIVE = 1e-6;

    @ParameterizedTest
    @CsvSource({"2, 4, 0.25, 1", "3, 5, 0.0, 2", "7, 3, 1.5, 3", "1, 2, 0.25, 4"})
    void theStepGivesTheSameGradients(int dim, int codes, double beta, long seed) {
        float[] v = SyntheticData.standardNormal(2 + codes, dim, seed).values();
        float[] zE = Arrays.copyOfRange(v, 0, dim);
        float[] target = Arrays.copyOfRange(v, dim, 2 * dim);
        float[] codebook = Arrays.copyOfRange(v, 2 * dim, v.length);
        int chosen = codes - 1;
        float[] code = Arrays.copyOfRange(codebook, chosen * dim, (chosen + 1) * dim);
        VqLosses.Terms terms = VqLosses.of(zE, code, target, beta);

        VqVaeNetwork net = new VqVaeNetwork(dim, List.of(2 * dim), new QuantizerConfig(1, dim, codes), false, 0.1,
                seed);
        net.restore(identityWeights(net.state().length, zE, target));
        int codebookLength = codes * dim;
        // the same row twice: each row's share of the means is half, and the two halves add up to one row's gradient
        // (a batch of one row fails on the SameDiff path: a NullPointerException in BaseReduceOp, ND4J 1.0.0-M2.1)
        float[] rows = new float[2 * dim];
        System.arraycopy(target, 0, rows, 0, dim);
        System.arraycopy(target, 0, rows, dim, dim);
        for (boolean fast : new boolean[] {true, false}) {
            VqVaeNetwork.Gradients[] g = new VqVaeNetwork.Gradients[1];
            VqVaeNetwork.quietly(() -> g[0] = net.gradients(fast, rows, 2, new long[] {chosen, chosen}, codebook, beta));
            String path = fast ? "written-out step" : "SameDiff step";
            float[] flat = g[0].flat();
            int zBias = codebookLength + 2 * (2 * dim * dim) + 2 * dim; // after enc0_w, enc0_b, enc1_w
            assertClose(terms.encoderGradient(), Arrays.copyOfRange(flat, zBias, zBias + dim),
                    path + ": z_e (the encoder's last bias)");
            assertClose(terms.codebookGradient(), Arrays.copyOfRange(flat, chosen * dim, (chosen + 1) * dim),
                    path + ": the chosen code");
            for (int i = 0; i < chosen * dim; i++) {
                assertEquals(0f, flat[i], path + ": codes not chosen get no gradient");
            }
            assertEquals(terms.reconstruction(), g[0].losses().reconstruction(), 1e-6 * terms.reconstruction(),
                    path + ": reconstruction loss");
            assertEquals(terms.total(), g[0].losses().total(), 1e-6 * terms.total(), path + ": total loss");
        }
    }

    /**
     * Weights {@code [enc0_w, enc0_b, enc1_w, enc1_b, dec0_w, dec0_b, dec1_w, dec1_b]} making each MLP the identity
     * through its ReLU layer ({@code relu(u) − relu(−u) = u}, exact in float), the encoder's last bias
     * {@code z_e − t}: so {@code enc(t) = z_e} and dL/d(enc1_b) = dL/dz_e.
     */
    private static float[] identityWeights(int length, float[] zE, float[] target) {
        int dim = zE.length;
        float[] w = new float[length];
        int at = 0;
        for (int mlp = 0; mlp < 2; mlp++) {
            for (int d = 0; d < dim; d++) { // W0 = [I, −I]
                w[at + d * 2 * dim + d] = 1f;
                w[at + d * 2 * dim + dim + d] = -1f;
            }
            at += 2 * dim * dim + 2 * dim; // and b0 = 0
            for (int d = 0; d < dim; d++) { // W1 = [I; −I]
                w[at + d * dim + d] = 1f;
                w[at + (dim + d) * dim + d] = -1f;
            }
            at += 2 * dim * dim;
            for (int d = 0; d < dim; d++) {
                w[at + d] = mlp == 0 ? zE[d] - target[d] : 0f;
            }
            at += dim;
        }
        assertEquals(length, at, "SGD's state is the weights alone, in this layout");
        return w;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        double diff2 = 0;
        double norm2 = 0;
        for (int d = 0; d < expected.length; d++) {
            diff2 += Math.pow(actual[d] - expected[d], 2);
            norm2 += Math.pow(expected[d], 2);
        }
        assertTrue(norm2 > 0, what + ": zero gradient (the check would be empty)");
        assertTrue(Math.sqrt(diff2 / norm2) <= GRADIENT_RELATIVE, what + ": ‖Δ‖/‖g‖ = " + Math.sqrt(diff2 / norm2)
                + ", expected " + Arrays.toString(expected) + ", got " + Arrays.toString(actual));
    }
}
