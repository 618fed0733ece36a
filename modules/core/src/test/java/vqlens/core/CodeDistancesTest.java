package vqlens.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link CodeDistances}: hand-made heads with known answers, and random heads against a plain double search. */
class CodeDistancesTest {

    /** Distances are kept as float in the matrix: relative float32 rounding. */
    private static final double MATRIX_ROUNDING = 1e-6;

    @Test
    void nearestOtherCodeFirstOnTiesAndTheLargestDistance() {
        // head 1: (0,0), (3,4), (0,5), (3,4) again; code 0 is 5 from codes 1, 2 and 3: the first (1) wins
        Codebooks cb = Codebooks.of(new QuantizerConfig(2, 4, 4),
                new float[] {9, 9, 9, 9, 9, 9, 9, 9, 0, 0, 3, 4, 0, 5, 3, 4}, true);
        CodeDistances d = CodeDistances.of(cb, 1, true);
        assertEquals(4, d.codes());
        assertEquals(1, d.nearest(0));
        assertEquals(5.0, d.nearestDistance(0));
        assertEquals(3, d.nearest(1), "a duplicate is the nearest other code, at 0");
        assertEquals(0.0, d.nearestDistance(1));
        assertEquals(1, d.nearest(3));
        assertEquals(Math.sqrt(10), d.nearestDistance(2), 1e-15);
        assertEquals(5.0, d.maxDistance());
        assertEquals(Optional.of(new CodebookReport.CodePair(1, 3, 0.0)), d.nearestPair());
        assertTrue(d.hasMatrix());
        assertEquals(d.distance(2, 1), d.distance(1, 2));
        assertEquals(0.0, d.distance(2, 2));
        assertFalse(CodeDistances.of(cb, 1, false).hasMatrix());
        assertThrows(IllegalStateException.class, () -> CodeDistances.of(cb, 1, false).distance(0, 1));
    }

    @Test
    void oneCodeHasNoNeighbour() {
        CodeDistances d = CodeDistances.of(Codebooks.of(new QuantizerConfig(1, 2, 1), new float[] {1, 2}, true), 0, true);
        assertEquals(-1, d.nearest(0));
        assertTrue(Double.isNaN(d.nearestDistance(0)));
        assertEquals(0.0, d.maxDistance());
        assertEquals(Optional.empty(), d.nearestPair());
    }

    @Test
    void randomHeadsMatchAPlainDoubleSearch() {
        SplittableRandom random = new SplittableRandom(5);
        int codes = 60;
        int dim = 7;
        QuantizerConfig config = new QuantizerConfig(2, 2 * dim, codes);
        float[] values = new float[config.codebookValues()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        Codebooks cb = Codebooks.of(config, values, true);
        for (int h = 0; h < 2; h++) {
            CodeDistances d = CodeDistances.of(cb, h, true);
            double max = 0;
            double bestPair = Double.POSITIVE_INFINITY;
            for (int a = 0; a < codes; a++) {
                int best = -1;
                double bestD = Double.POSITIVE_INFINITY;
                for (int b = 0; b < codes; b++) {
                    if (b == a) {
                        continue;
                    }
                    double s = 0;
                    for (int j = 0; j < dim; j++) {
                        s += sq((double) cb.value(h, a, j) - cb.value(h, b, j));
                    }
                    double dist = Math.sqrt(s);
                    assertEquals(dist, d.distance(a, b), MATRIX_ROUNDING * dist);
                    max = Math.max(max, dist);
                    if (dist < bestD) {
                        bestD = dist;
                        best = b;
                    }
                }
                assertEquals(best, d.nearest(a), "head " + h + " code " + a);
                assertEquals(bestD, d.nearestDistance(a), 1e-12);
                bestPair = Math.min(bestPair, bestD);
            }
            assertEquals(max, d.maxDistance(), 1e-12);
            assertEquals(bestPair, d.nearestPair().orElseThrow().distance(), 1e-12);
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}
