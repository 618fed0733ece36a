package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import vqlens.core.VqException;
import vqlens.train.data.SyntheticData;
import vqlens.train.internal.vqvae.VqVaeNetwork;

/**
 * {@link VqLosses} against SameDiff's autodiff of the VQ-VAE graph's own loss definitions (means per element, the
 * stop-gradients as placeholders carrying the same values, {@code z_q = sg(q) + (z_e − sg(z_e))}), one loss at a
 * time, so each gradient is checked alone and so is where it does not go.
 */
class VqLossesTest {
    /**
     * The bound, relative to the gradient's length. Both sides are float32: one multiplies the difference
     * by 2/D, SameDiff by 2 and then 1/D, a couple of ulps (~2e-7) apart per component; a wrong factor is O(1).
     */
    private static final double GRADIENT_RELATIVE = 1e-6;
    /** Losses: ours summed in double, SameDiff's in float32 over at most 17 values, a few ulps apart. */
    private static final double LOSS_RELATIVE = 1e-6;

    static Stream<Arguments> inputs() {
        return Stream.of(Arguments.of(2, 0.25, 1L), Arguments.of(1, 0.25, 2L), Arguments.of(3, 0.0, 3L),
                Arguments.of(7, 1.5, 4L), Arguments.of(17, 0.25, 5L), Arguments.of(2, 2.0, 6L));
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void everyGradientIsSameDiffs(int dim, double beta, long seed) {
        float[] values = SyntheticData.standardNormal(3, dim, seed).values();
        float[] zE = java.util.Arrays.copyOfRange(values, 0, dim);
        float[] code = java.util.Arrays.copyOfRange(values, dim, 2 * dim);
        float[] target = java.util.Arrays.copyOfRange(values, 2 * dim, 3 * dim);
        VqLosses.Terms terms = VqLosses.of(zE, code, target, beta);

        Oracle reconstruction = oracle(Loss.RECONSTRUCTION, zE, code, target, beta);
        assertClose(reconstruction.loss, terms.reconstruction(), "reconstruction loss");
        assertGradient(reconstruction.atZe, terms.reconstructionGradient(), "reconstruction, at z_e (straight-through)");
        assertZero(reconstruction.atCode, "reconstruction, at the code");

        Oracle codebook = oracle(Loss.CODEBOOK, zE, code, target, beta);
        assertClose(codebook.loss, terms.codebook(), "codebook loss");
        assertGradient(codebook.atCode, terms.codebookGradient(), "codebook, at the code");
        assertZero(codebook.atZe, "codebook, at z_e");

        Oracle commitment = oracle(Loss.COMMITMENT, zE, code, target, beta);
        assertClose(commitment.loss, terms.weightedCommitment(), "β·commitment loss");
        if (beta > 0) {
            assertGradient(commitment.atZe, terms.commitmentGradient(), "commitment, at z_e");
        } else {
            assertZero(terms.commitmentGradient(), "commitment with β = 0, at z_e");
        }
        assertZero(commitment.atCode, "commitment, at the code");
        assertClose(reconstruction.loss + codebook.loss + commitment.loss, terms.total(), "total");
    }

    @Test
    void theGradientsAreTheStatedFormulas() {
        float[] zE = {1f, 2f};
        float[] code = {0f, 0f};
        float[] target = {3f, -1f};
        VqLosses.Terms t = VqLosses.of(zE, code, target, 0.5);
        // D = 2, so 2/D = 1: 2(e − t)/D = e − t; 2(e − z_e)/D = e − z_e; 2β(z_e − e)/D = β(z_e − e)
        assertArrayEquals(new float[] {-3f, 1f}, t.reconstructionGradient());
        assertArrayEquals(new float[] {-1f, -2f}, t.codebookGradient());
        assertArrayEquals(new float[] {0.5f, 1f}, t.commitmentGradient());
        assertArrayEquals(new float[] {-2.5f, 2f}, t.encoderGradient());
        assertEquals(10.0 / 2, t.reconstruction());
        assertEquals(5.0 / 2, t.codebook());
        assertEquals(5.0 / 2, t.commitment());
        assertEquals(5.0 + 2.5 + 1.25, t.total());
    }

    @Test
    void emaMovesTheCodeByTheDecay() {
        assertArrayEquals(new float[] {0.1f, 1.8f}, VqLosses.emaMove(new float[] {0f, 2f}, new float[] {1f, 0f}, 0.9),
                1e-7f);
        assertThrows(VqException.class, () -> VqLosses.emaMove(new float[] {0f}, new float[] {1f}, 1.0));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(VqException.class, () -> VqLosses.of(new float[2], new float[3], new float[2], 0.25));
        assertThrows(VqException.class, () -> VqLosses.of(new float[0], new float[0], new float[0], 0.25));
        assertThrows(VqException.class, () -> VqLosses.of(new float[2], new float[2], new float[2], -1));
        assertThrows(VqException.class, () -> VqLosses.of(new float[2], new float[2], new float[2], Double.NaN));
    }

    private enum Loss { RECONSTRUCTION, CODEBOOK, COMMITMENT }

    /** SameDiff's loss and its gradients at z_e and at the code ({@code null} when the loss does not reach it). */
    private record Oracle(double loss, float[] atZe, float[] atCode) {
    }

    private static Oracle oracle(Loss which, float[] zE, float[] code, float[] target, double beta) {
        int dim = zE.length;
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z_e", row(zE));
        SDVariable q = sd.var("code", row(code));
        SDVariable zFixed = sd.placeHolder("z_e_fixed", DataType.FLOAT, 1, dim);
        SDVariable qFixed = sd.placeHolder("q_fixed", DataType.FLOAT, 1, dim);
        SDVariable t = sd.placeHolder("target", DataType.FLOAT, 1, dim);
        SDVariable b = sd.placeHolder("beta", DataType.FLOAT);
        SDVariable zQ = qFixed.add(z.sub(zFixed)); // as VqVaeNetwork: value q, identity gradient to z_e
        SDVariable loss = switch (which) {
            case RECONSTRUCTION -> sd.math().squaredDifference(zQ, t).mean("loss");
            case CODEBOOK -> sd.math().squaredDifference(zFixed, q).mean("loss");
            case COMMITMENT -> sd.math().squaredDifference(z, qFixed).mean().mul("loss", b);
        };
        sd.setLossVariables(loss.name());
        Map<String, INDArray> ph = Map.of("z_e_fixed", row(zE), "q_fixed", row(code), "target", row(target),
                "beta", Nd4j.scalar(DataType.FLOAT, (float) beta));
        @SuppressWarnings("unchecked")
        Map<String, INDArray>[] grads = new Map[1];
        VqVaeNetwork.quietly(() -> grads[0] = sd.calculateGradients(ph, "z_e", "code"));
        double value = sd.output(ph, "loss").get("loss").getDouble(0);
        return new Oracle(value, flat(grads[0].get("z_e")), flat(grads[0].get("code")));
    }

    private static INDArray row(float[] v) {
        return Nd4j.createFromArray(v.clone()).reshape(1, v.length);
    }

    private static float[] flat(INDArray a) {
        return a == null ? null : a.dup('c').reshape('c', new long[] {a.length()}).toFloatVector();
    }

    private static void assertGradient(float[] expected, float[] actual, String what) {
        double diff2 = 0;
        double norm2 = 0;
        for (int d = 0; d < expected.length; d++) {
            diff2 += Math.pow(actual[d] - expected[d], 2);
            norm2 += Math.pow(expected[d], 2);
        }
        assertTrue(norm2 > 0, what + ": SameDiff's gradient is zero (the check would be empty)");
        double relative = Math.sqrt(diff2 / norm2);
        assertTrue(relative <= GRADIENT_RELATIVE, what + ": ‖Δ‖/‖g‖ = " + relative);
    }

    private static void assertZero(float[] gradient, String what) {
        if (gradient == null) {
            return; // not on the loss's path at all
        }
        for (float g : gradient) {
            assertEquals(0f, g, what + " gets no gradient");
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= LOSS_RELATIVE * Math.abs(expected) + 1e-12,
                what + ": " + actual + " vs SameDiff " + expected);
    }
}
