package vqlens.ui.learn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vqlens.core.Codebooks;
import vqlens.core.DistanceTerms;
import vqlens.core.NearestCodes;
import vqlens.core.QuantizerConfig;

/** Lesson 1's state without JavaFX: the encoder's assignment, the moves, the tasks ticking when done and not before. */
class NearestCodeModelTest {
    /** The expansion is float32 on values of size ~5²: it agrees with the direct distance to ~1e-5 of its terms. */
    private static final double EXPANSION_ROUNDING = 1e-4;

    @Test
    void everyPointGoesToTheEncodersNearestCode() {
        NearestCodeModel m = new NearestCodeModel();
        PlaneScene s = m.scene();
        Codebooks books = Codebooks.of(new QuantizerConfig(1, 2, s.codeCount()), s.codes(), true);
        assertArrayEquals(NearestCodes.ofHead(books, 0, s.points(), s.pointCount()), s.assignment());
        DistanceTerms t = m.termsOf(0);
        assertEquals(t.direct(), t.expansion(), EXPANSION_ROUNDING * (t.rowNormSquared() + t.codeNormSquared()));
        for (int k = 0; k < s.codeCount(); k++) {
            assertFalse(s.cells()[k].isEmpty(), "code " + k + " has a cell");
        }
    }

    @Test
    void draggingACodeAwayMakesADeadCodeAndTicksTheTaskOnlyThen() {
        NearestCodeModel m = new NearestCodeModel();
        assertFalse(m.deadCodeTask().isDone(), "no dead code at the start");
        m.moveCode(0, m.scene().bounds().minX(), m.scene().bounds().minY());
        boolean dead = m.scene().usage()[0] == 0;
        assertEquals(dead, m.deadCodeTask().isDone());
        for (int k = 1; k < m.scene().codeCount() && !m.deadCodeTask().isDone(); k++) {
            m.moveCode(k, m.scene().bounds().maxX(), m.scene().bounds().maxY());
        }
        assertTrue(m.deadCodeTask().isDone(), "codes in the corners hold no point");
        m.reset();
        assertFalse(m.deadCodeTask().isDone(), "reset undoes the task");
        assertEquals(NearestCodeModel.START_CODES, m.scene().codeCount());
    }

    @Test
    void aDuplicateCodeTiesAndTheLowerIndexTakesEveryPoint() {
        NearestCodeModel m = new NearestCodeModel();
        assertFalse(m.tieTask().isDone());
        m.select(2);
        assertTrue(m.duplicateCode(2));
        int copy = m.scene().codeCount() - 1;
        int[] usage = m.scene().usage();
        assertEquals(0, usage[copy], "the copy gets no point: ties go to the first code");
        assertTrue(usage[2] > 0);
        assertTrue(m.scene().cells()[copy].isEmpty(), "the copy's cell is empty");
        assertTrue(m.tieTask().isDone());
    }

    @Test
    void snappedCodesCanSitExactlyOnEachOther() {
        NearestCodeModel m = new NearestCodeModel();
        m.setSnap(true);
        m.moveCode(0, 1.02, 1.01);
        m.moveCode(1, 0.98, 1.1);
        assertEquals(m.scene().codes()[0], m.scene().codes()[2]);
        assertEquals(m.scene().codes()[1], m.scene().codes()[3]);
    }

    @Test
    void addingCodesLowersTheErrorAndTheLimitsHold() {
        NearestCodeModel m = new NearestCodeModel();
        double start = m.mse();
        float[] p = m.scene().points();
        for (int i = 0; i < 40; i++) {
            assertTrue(m.addCode(p[2 * i * 7], p[2 * i * 7 + 1]));
        }
        assertTrue(m.mse() < start / 3, "40 more codes on data points lower the error: " + start + " → " + m.mse());
        assertTrue(m.lowerErrorTask().isDone());
        while (m.scene().codeCount() < NearestCodeModel.MAX_CODES) {
            m.addCode(0, 0);
        }
        assertFalse(m.addCode(0, 0), "at most 64 codes");
        while (m.scene().codeCount() > NearestCodeModel.MIN_CODES) {
            assertTrue(m.deleteCode(0));
        }
        assertFalse(m.deleteCode(0), "at least 2 codes");
        int n = m.scene().pointCount();
        assertTrue(m.addPoint(0.5, 0.5));
        assertTrue(m.deletePoint(0));
        assertEquals(n, m.scene().pointCount());
    }

    @Test
    void everyDatasetGivesItsPointsDeterministically() {
        NearestCodeModel a = new NearestCodeModel();
        NearestCodeModel b = new NearestCodeModel();
        for (PlaneDataset d : PlaneDataset.values()) {
            a.setDataset(d, 2000, 9);
            b.setDataset(d, 2000, 9);
            assertArrayEquals(a.scene().points(), b.scene().points(), d.label());
            assertEquals(2000, a.scene().pointCount());
        }
    }
}
