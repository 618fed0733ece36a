package vqlens.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link CodebookReport} on hand-made codebooks whose statistics are known exactly. */
class CodebookReportTest {

    private static Codebooks codebooks(int heads, int codes, int dim, float... values) {
        return Codebooks.of(new QuantizerConfig(heads, heads * dim, codes), values, true);
    }

    @Test
    void normsDuplicatesAndNearestPairOfOneHead() {
        // codes: (3,4) norm 5, (0,0) norm 0, (3,4) again, (6,8) norm 10, (-0,0) equals (0,0), (3,5) 1 away from (3,4)
        CodebookReport report = CodebookReport.of(codebooks(1, 6, 2, 3, 4, 0, 0, 3, 4, 6, 8, -0f, 0, 3, 5));
        CodebookReport.Head h = report.heads().get(0);
        assertEquals(0, h.head());
        assertEquals(6, h.finiteCodes());
        assertEquals(0, h.normMin());
        assertEquals((5 + 0 + 5 + 10 + 0 + Math.sqrt(34)) / 6, h.normMean(), 1e-12);
        assertEquals(10, h.normMax());
        assertEquals(2, h.duplicates(), "code 2 repeats code 0, code 4 (-0, 0) repeats code 1");
        assertEquals(Optional.of(new CodebookReport.CodePair(0, 5, 1.0)), h.nearestPair(), "duplicates are not pairs");
        assertFalse(h.nearestPairSkipped());
        assertEquals(0, h.nonFiniteValues());
        assertEquals(Optional.empty(), h.firstNonFinite());
        assertEquals(2, report.duplicates());
    }

    @Test
    void nanAndInfinityAreCountedLocatedAndLeftOut() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        // head 0: clean; head 1: code 1 has NaN at dim 1 and -inf at dim 2, code 2 has +inf at dim 0
        CodebookReport report = CodebookReport.of(codebooks(2, 3, 3,
                1, 0, 0, 0, 2, 0, 0, 0, 4,
                1, 1, 1, nan, nan, -inf, inf, 0, 0));
        CodebookReport.Head clean = report.heads().get(0);
        assertEquals(0, clean.nonFiniteValues());
        assertEquals(Optional.of(new CodebookReport.CodePair(0, 1, Math.sqrt(5))), clean.nearestPair());
        CodebookReport.Head broken = report.heads().get(1);
        assertEquals(4, broken.nonFiniteValues());
        assertEquals(Optional.of(new CodebookReport.Position(1, 1, 0)), broken.firstNonFinite());
        assertEquals(1, broken.finiteCodes());
        assertEquals(Math.sqrt(3), broken.normMin(), 1e-12);
        assertEquals(Math.sqrt(3), broken.normMax(), 1e-12);
        assertEquals(Optional.empty(), broken.nearestPair(), "one finite code: no pair");
        assertEquals(0, broken.duplicates(), "NaN codes are never duplicates");
        assertEquals(4, report.nonFiniteValues());
        assertEquals(Optional.of(new CodebookReport.Position(1, 1, 0)), report.firstNonFinite());

        CodebookReport allNan = CodebookReport.of(codebooks(1, 2, 1, nan, nan));
        assertTrue(Double.isNaN(allNan.heads().get(0).normMean()));
        assertEquals(0, allNan.heads().get(0).finiteCodes());
    }

    @Test
    void nearestPairMatchesABruteForceSearchAndTakesTheFirstOnTies() {
        Random random = new Random(3);
        int codes = 60;
        int dim = 5;
        float[] values = new float[codes * dim];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(7) - 3; // small integers: many exact ties
        }
        Codebooks c = codebooks(1, codes, dim, values);
        double best = Double.POSITIVE_INFINITY;
        int bi = -1;
        int bj = -1;
        for (int i = 0; i < codes; i++) {
            for (int j = i + 1; j < codes; j++) {
                double s = 0;
                boolean equal = true;
                for (int d = 0; d < dim; d++) {
                    double diff = c.value(0, i, d) - c.value(0, j, d);
                    s += diff * diff;
                    equal &= diff == 0;
                }
                if (!equal && s < best && !equalsEarlier(c, i) && !equalsEarlier(c, j)) {
                    best = s;
                    bi = i;
                    bj = j;
                }
            }
        }
        assertEquals(Optional.of(new CodebookReport.CodePair(bi, bj, Math.sqrt(best))), CodebookReport.of(c).heads().get(0).nearestPair());
    }

    private static boolean equalsEarlier(Codebooks c, int k) {
        for (int e = 0; e < k; e++) {
            boolean equal = true;
            for (int d = 0; d < c.config().headDim(); d++) {
                equal &= c.value(0, e, d) == c.value(0, k, d);
            }
            if (equal) {
                return true;
            }
        }
        return false;
    }

    @Test
    void largeHeadsSkipTheNearestPair() {
        Codebooks c = codebooks(1, 5, 1, 1, 2, 3, 4, 6);
        CodebookReport.Head skipped = CodebookReport.of(c, 4).heads().get(0);
        assertTrue(skipped.nearestPairSkipped());
        assertEquals(Optional.empty(), skipped.nearestPair());
        assertEquals(Optional.of(new CodebookReport.CodePair(0, 1, 1.0)), CodebookReport.of(c).heads().get(0).nearestPair());
        assertEquals(4096, CodebookReport.MAX_CODES_FOR_NEAREST_PAIR);
    }

    @Test
    void largestCodebookWithAPairSearchCompletes() {
        float[] values = new float[4 * 4096 * 96];
        Random random = new Random(1);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        CodebookReport report = CodebookReport.of(Codebooks.of(new QuantizerConfig(4, 384, 4096), values, true));
        assertEquals(4, report.heads().size());
        assertTrue(report.heads().get(3).nearestPair().isPresent());
        assertFalse(report.heads().get(3).nearestPairSkipped());
    }
}
