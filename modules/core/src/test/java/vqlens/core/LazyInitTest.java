package vqlens.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The reference module's lazy, data-dependent init from the first batch. */
class LazyInitTest {
    private static final QuantizerConfig CONFIG = new QuantizerConfig(2, 8, 16);

    @Test
    void firstForwardFillsEachHeadWithDistinctRowsOfALargeBatch() {
        INDArray z = batch(40, 1);
        ProductQuantizer pq = ProductQuantizer.uninitialised(CONFIG, 11);
        assertFalse(pq.isInited());

        ForwardResult result = pq.forward(z);

        assertTrue(pq.isInited());
        Codebooks cb = pq.snapshot();
        for (int h = 0; h < CONFIG.heads(); h++) {
            Set<Integer> rows = new HashSet<>();
            for (int k = 0; k < CONFIG.codes(); k++) {
                rows.add(rowHolding(z, h, cb.code(h, k)));
            }
            assertEquals(CONFIG.codes(), rows.size(), "B >= K: distinct rows in head " + h);
        }
        // each code is a row of the batch, so the rows it came from quantize to it exactly
        assertEquals(0f, result.distances().minNumber().floatValue(), 1e-5f);
    }

    @Test
    void smallBatchesAreSampledWithReplacement() {
        INDArray z = batch(5, 2);
        ProductQuantizer pq = ProductQuantizer.uninitialised(CONFIG, 5);
        pq.forward(z);
        Codebooks cb = pq.snapshot();
        for (int h = 0; h < CONFIG.heads(); h++) {
            for (int k = 0; k < CONFIG.codes(); k++) {
                assertTrue(rowHolding(z, h, cb.code(h, k)) >= 0, "code " + k + " is a row of the batch");
            }
        }
    }

    @Test
    void theSeedDecidesTheInit() {
        INDArray z = batch(100, 3);
        ProductQuantizer a = ProductQuantizer.uninitialised(CONFIG, 42);
        ProductQuantizer b = ProductQuantizer.uninitialised(CONFIG, 42);
        ProductQuantizer c = ProductQuantizer.uninitialised(CONFIG, 43);
        a.forward(z);
        b.forward(z);
        c.forward(z);
        assertArrayEquals(a.snapshot().toArray(), b.snapshot().toArray(), 0f);
        assertNotEquals(Arrays.hashCode(a.snapshot().toArray()), Arrays.hashCode(c.snapshot().toArray()));
    }

    @Test
    void onlyTheFirstBatchInitialises() {
        ProductQuantizer pq = ProductQuantizer.uninitialised(CONFIG, 1);
        pq.forward(batch(50, 4));
        float[] after = pq.snapshot().toArray();
        pq.forward(batch(50, 5));
        assertArrayEquals(after, pq.snapshot().toArray(), 0f);
    }

    private static int rowHolding(INDArray z, int head, float[] code) {
        int dim = CONFIG.headDim();
        for (int r = 0; r < z.size(0); r++) {
            boolean same = true;
            for (int d = 0; d < dim && same; d++) {
                same = z.getFloat(r, head * dim + d) == code[d];
            }
            if (same) {
                return r;
            }
        }
        return -1;
    }

    private static INDArray batch(int rows, long seed) {
        return Nd4j.createFromArray(BruteForceReferenceTest.gaussian(new SplittableRandom(seed), rows * CONFIG.embeddingDim()))
                .reshape(rows, CONFIG.embeddingDim());
    }
}
