package vqlens.ui.learn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vqlens.core.VqException;
import vqlens.train.VqLosses;

/** Lesson 6's state without JavaFX: the arrows are the training module's gradients, the steps, the three tasks. */
class StraightThroughModelTest {
    /** The bound: an arrow equals the train API's gradient to 1e-6 of the arrow's length. */
    private static final double ARROW_RELATIVE = 1e-6;

    @Test
    void theArrowsAreTheTrainingModulesGradientsAtEveryStep() {
        StraightThroughModel m = new StraightThroughModel();
        for (int i = 0; i < 25; i++) {
            VqLosses.Terms t = VqLosses.of(m.zE(), m.code(), m.target(), m.beta());
            StraightThroughModel.Forces f = m.forces();
            assertArrow(t.reconstructionGradient(), f.reconstruction(), "reconstruction, step " + i);
            assertArrow(t.commitmentGradient(), f.commitment(), "commitment, step " + i);
            assertArrow(t.codebookGradient(), f.codebook(), "codebook, step " + i);
            m.step();
        }
    }

    @Test
    void aStepMovesZeAndTheCodeByTheirGradients() {
        StraightThroughModel m = new StraightThroughModel();
        float[] zE = m.zE();
        float[] e = m.code();
        int k = m.nearest();
        VqLosses.Terms t = VqLosses.of(zE, e, m.target(), m.beta());
        m.step();
        float[] g = t.encoderGradient();
        float[] c = t.codebookGradient();
        assertArrayEquals(new float[] {(float) (zE[0] - m.encoderRate() * g[0]), (float) (zE[1] - m.encoderRate() * g[1])},
                m.zE());
        float[] codes = m.codes();
        assertArrayEquals(new float[] {(float) (e[0] - m.codebookRate() * c[0]), (float) (e[1] - m.codebookRate() * c[1])},
                new float[] {codes[2 * k], codes[2 * k + 1]});
    }

    @Test
    void stepBackUndoesStepsExactly() {
        StraightThroughModel m = new StraightThroughModel();
        float[] start = m.zE();
        for (int i = 0; i < 5; i++) {
            m.step();
        }
        float[] at5 = m.zE();
        float[] codes5 = m.codes();
        while (m.canStepBack()) {
            m.stepBack();
        }
        assertEquals(0, m.steps());
        assertArrayEquals(start, m.zE());
        for (int i = 0; i < 5; i++) {
            m.step();
        }
        assertArrayEquals(at5, m.zE());
        assertArrayEquals(codes5, m.codes());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void withoutCommitmentAndASlowCodebookZeRunsAway(long seed) {
        StraightThroughModel m = new StraightThroughModel();
        m.setSeed(seed);
        m.setBeta(0);
        m.setCodebookRate(StraightThroughModel.SLOW_CODEBOOK * m.encoderRate());
        assertTrue(m.distance() <= StraightThroughModel.DRIFT_BOUND, "it starts inside the bound");
        int steps = 0;
        while (m.distance() <= StraightThroughModel.DRIFT_BOUND && steps < StraightThroughModel.DRIFT_STEPS) {
            assertFalse(m.driftTask().isDone());
            m.step();
            steps++;
        }
        assertTrue(m.distance() > StraightThroughModel.DRIFT_BOUND, "seed " + seed + ": " + m.distance()
                + " after " + steps + " steps");
        assertTrue(m.driftTask().isDone());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void withTheUsualBetaTheSameRatesStayInsideTheBound(long seed) {
        StraightThroughModel m = new StraightThroughModel();
        m.setSeed(seed);
        m.setCodebookRate(StraightThroughModel.SLOW_CODEBOOK * m.encoderRate());
        assertEquals(0.25, m.beta());
        for (int i = 0; i < 4 * StraightThroughModel.DRIFT_STEPS; i++) {
            m.step();
            assertTrue(m.distance() <= StraightThroughModel.DRIFT_BOUND, "seed " + seed + ", step " + i + ": "
                    + m.distance());
        }
        assertFalse(m.driftTask().isDone());
    }

    @Test
    void theDriftTaskNeedsTheSlowCodebook() {
        StraightThroughModel m = new StraightThroughModel();
        m.setBeta(0); // the codebook as fast as the encoder: the code keeps up
        for (int i = 0; i < StraightThroughModel.DRIFT_STEPS; i++) {
            m.step();
        }
        assertFalse(m.driftTask().isDone(), "distance " + m.distance());
    }

    @Test
    void withoutTheCodebookLossTheCodesNeverMove() {
        StraightThroughModel m = new StraightThroughModel();
        m.setCodebookLoss(false);
        float[] codes = m.codes();
        float[] zE = m.zE();
        for (int i = 0; i < StraightThroughModel.FROZEN_STEPS; i++) {
            assertFalse(m.frozenTask().isDone());
            m.step();
            assertArrayEquals(codes, m.codes(), "step " + i);
        }
        assertNotEquals(zE[0], m.zE()[0]);
        assertTrue(m.frozenTask().isDone());
    }

    @Test
    void withEmaTheCodeMovesWithoutTheCodebookLoss() {
        StraightThroughModel m = new StraightThroughModel();
        m.setCodebookLoss(false);
        m.setEma(true);
        int k = m.nearest();
        float[] before = m.code();
        float[] zE = m.zE();
        m.step();
        float[] codes = m.codes();
        float[] expected = VqLosses.emaMove(before, zE, m.decay());
        assertArrayEquals(expected, new float[] {codes[2 * k], codes[2 * k + 1]}, "e ← γe + (1 − γ)z_e");
        for (int i = 0; i < 10 && !m.emaTask().isDone(); i++) {
            m.step();
        }
        assertTrue(m.emaTask().isDone());
        assertFalse(m.frozenTask().isDone(), "EMA on is not 'no update'");
    }

    @Test
    void resetAndSeedPutEverythingBack() {
        StraightThroughModel m = new StraightThroughModel();
        float[] start = m.zE();
        m.setSeed(7);
        assertEquals(7, m.seed());
        assertFalse(java.util.Arrays.equals(start, m.zE()));
        m.setBeta(0);
        m.step();
        m.reset();
        assertEquals(StraightThroughModel.START_SEED, m.seed());
        assertArrayEquals(start, m.zE());
        assertEquals(0.25, m.beta());
        assertFalse(m.canStepBack());
    }

    @Test
    void badSettingsAreRefusedAndChangeNothing() {
        StraightThroughModel m = new StraightThroughModel();
        assertThrows(VqException.class, () -> m.setBeta(-0.1));
        assertThrows(VqException.class, () -> m.setEncoderRate(Double.NaN));
        assertThrows(VqException.class, () -> m.setDecay(1.0));
        assertThrows(VqException.class, () -> m.setSeed(-1));
        assertEquals(0.25, m.beta());
        assertEquals(StraightThroughModel.START_SEED, m.seed());
    }

    private static void assertArrow(float[] gradient, float[] arrow, String what) {
        double diff = Math.hypot(arrow[0] + gradient[0], arrow[1] + gradient[1]);
        double length = Math.hypot(arrow[0], arrow[1]);
        assertTrue(diff <= ARROW_RELATIVE * length, what + ": arrow " + java.util.Arrays.toString(arrow)
                + " vs −gradient");
    }
}
