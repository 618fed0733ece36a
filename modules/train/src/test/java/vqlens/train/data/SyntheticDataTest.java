package vqlens.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vqlens.core.Codebooks;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;

class SyntheticDataTest {
    /** Sample mean/variance of 200k N(0,1) values: 5 standard errors (sd 0.0022 and 0.0032) is a safe bound. */
    private static final double MOMENT_TOLERANCE = 0.02;

    @Test
    void standardNormalHasUnitMomentsAndIsReproducible() {
        SyntheticData.Dataset a = SyntheticData.standardNormal(2000, 100, 7);
        double sum = 0;
        double sq = 0;
        for (float v : a.values()) {
            sum += v;
            sq += v * v;
        }
        int n = a.values().length;
        assertEquals(0.0, sum / n, MOMENT_TOLERANCE);
        assertEquals(1.0, sq / n - (sum / n) * (sum / n), MOMENT_TOLERANCE);
        assertArrayEquals(a.values(), SyntheticData.standardNormal(2000, 100, 7).values(), 0f);
    }

    @Test
    void aQuantizerHoldingTheTrueCentresRecoversEveryLabel() {
        // tight clusters: the nearest true centre of each row is its own (purity 1)
        SyntheticData.Dataset data = SyntheticData.gaussianMixture(3000, 8, 16, 0.05, 11);
        QuantizerConfig config = new QuantizerConfig(1, 8, 16);
        ProductQuantizer pq = ProductQuantizer.of(Codebooks.of(config, data.centres(), true));
        long[] indices = new long[3000];
        pq.encode(data.values(), 3000, 0, indices);
        for (int r = 0; r < 3000; r++) {
            assertEquals(data.labels()[r], indices[r], "row " + r);
        }
    }

    @Test
    void absurdRequestsAreRefused() {
        assertThrows(VqException.class, () -> SyntheticData.standardNormal(1 << 20, 1 << 10, 1));
        assertThrows(VqException.class, () -> SyntheticData.gaussianMixture(10, 2, 11, 0.1, 1));
        assertThrows(VqException.class, () -> SyntheticData.gaussianMixture(10, 2, 3, Double.NaN, 1));
        assertTrue(SyntheticData.gaussianMixture(10, 2, 3, 0, 1).rows() == 10);
    }
}
