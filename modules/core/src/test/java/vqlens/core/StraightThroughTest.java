package vqlens.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The straight-through contract: value = the codes, d z_q / d z = I, no gradient into the codes through z_q. */
class StraightThroughTest {
    /** Gradients here are sums of at most two float32 terms: 1e-6 absolute is far above their rounding. */
    private static final double GRADIENT_TOLERANCE = 1e-6;

    @Test
    void gradientPassesToZUnchangedAndSkipsTheCodebook() {
        Codebooks golden = Golden.codebooks("case2");
        ProductQuantizer pq = ProductQuantizer.of(golden);
        INDArray zValue = Golden.load("case2_z");
        INDArray indices = pq.encode(zValue);
        INDArray codes = pq.decode(indices);
        INDArray weights = Nd4j.createFromArray(BruteForceReferenceTest.gaussian(new SplittableRandom(9), 7 * 8)).reshape(7, 8);

        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", zValue.dup());
        SDVariable q = sd.var("q", codes.dup());        // stands for the gathered codes
        SDVariable w = sd.constant("w", weights);
        SDVariable zq = StraightThrough.apply(sd, "zq", z, q);
        zq.mul(w).sum().markAsLoss();

        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), "z", "q");
        INDArray forward = sd.output(Map.of(), "zq").get("zq");

        assertArrayEquals(Golden.load("case2_z_q").data().asFloat(), forward.data().asFloat(), 0f, "value is the codes");
        assertArrayEquals(weights.data().asFloat(), grads.get("z").castTo(DataType.FLOAT).data().asFloat(),
                (float) GRADIENT_TOLERANCE, "dL/dz = dL/dz_q");
        INDArray gq = grads.get("q");
        assertEquals(0.0, gq == null ? 0.0 : gq.amaxNumber().doubleValue(), 0.0, "no gradient into the codes");
    }
}
