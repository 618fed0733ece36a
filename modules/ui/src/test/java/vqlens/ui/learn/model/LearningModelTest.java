package vqlens.ui.learn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vqlens.train.UpdateRule;

/** Lesson 2's state without JavaFX: the stepper's moves, the MSE curve, step back, inits and restarts. */
class LearningModelTest {
    /** float32 cell means: a k-means move may "raise" the MSE by this much, relatively. */
    private static final double MOVE_ROUNDING = 1e-6;

    @Test
    void kMeansMovesNeverRaiseTheErrorAndConverge() {
        LearningModel m = new LearningModel();
        for (int i = 0; i < LearningModel.KMEANS_MOVES && !m.converged(); i++) {
            m.step();
        }
        assertTrue(m.converged());
        List<Double> curve = m.mseByMove();
        for (int i = 1; i < curve.size(); i++) {
            assertTrue(curve.get(i) <= curve.get(i - 1) * (1 + MOVE_ROUNDING), "move " + i + " raised the MSE");
        }
        assertTrue(m.tasks().get(0).isDone(), "ten k-means moves tick the first task");
    }

    @Test
    void steppingBackToTheStartAndForwardRepeatsTheMovesExactly() {
        LearningModel m = new LearningModel();
        for (int i = 0; i < 6; i++) {
            m.step();
        }
        float[] codesAt6 = m.state().codebooks().toArray();
        while (m.canStepBack()) {
            m.stepBack();
        }
        assertEquals(0, m.state().move());
        assertEquals(1, m.mseByMove().size(), "the curve follows the steps back");
        assertFalse(m.tasks().get(1).isDone(), "not before stepping forward again");
        for (int i = 0; i < 6; i++) {
            m.step();
        }
        assertTrue(m.tasks().get(1).isDone());
        assertArrayEquals(codesAt6, m.state().codebooks().toArray());
    }

    @Test
    void aCornerStartLeavesDeadCodesThatRestartsRevive() {
        LearningModel m = new LearningModel();
        m.setStart(StartCodes.CORNER);
        for (int i = 0; i < 30; i++) {
            m.step();
        }
        int deadWithout = m.deadCodes();
        assertTrue(deadWithout > LearningModel.START_CODES / 2, "most corner codes stay dead: " + deadWithout);
        assertFalse(m.tasks().get(2).isDone());
        m.setStart(StartCodes.RANDOM_ROWS);
        m.setStart(StartCodes.CORNER);
        m.setRestarts(true);
        for (int i = 0; i < 30; i++) {
            m.step();
        }
        assertFalse(m.restartLog().isEmpty(), "the trainer's restart events are named");
        assertTrue(m.restartLog().get(0).contains("re-seeded"), m.restartLog().get(0));
        assertTrue(m.deadCodes() < deadWithout, "restarts revive dead codes");
        assertTrue(m.tasks().get(2).isDone());
    }

    @Test
    void batchMethodsStepOneBatchAndRingIt() {
        for (UpdateRule rule : List.of(UpdateRule.EMA, UpdateRule.ADAM, UpdateRule.SGD)) {
            LearningModel m = new LearningModel();
            m.setMethod(rule);
            m.step();
            assertEquals("step", m.nextMove());
            boolean[] batch = m.scene().inBatch();
            int ringed = 0;
            for (boolean b : batch) {
                ringed += b ? 1 : 0;
            }
            assertEquals(LearningModel.BATCH, ringed, rule + ": the batch's points are marked");
            for (int i = 0; i < 50; i++) {
                m.step();
            }
            assertTrue(m.state().mse() < m.mseByMove().get(0), rule + " lowers the error");
        }
    }

    @Test
    void aDraggedCodeIsOneMoveUndoneByStepBack() {
        LearningModel m = new LearningModel();
        m.step();
        float[] before = m.state().codebooks().toArray();
        long move = m.state().move();
        for (int i = 0; i < 5; i++) {
            assertTrue(m.moveCode(3, 0.1 * i, 0.2 * i));
        }
        assertEquals(move + 1, m.state().move(), "one drag, one move");
        assertEquals(0.4f, m.state().codebooks().toArray()[6], 1e-6f);
        m.stepBack();
        assertArrayEquals(before, m.state().codebooks().toArray());
        m.setMethod(UpdateRule.EMA);
        assertFalse(m.moveCode(3, 0, 0), "batch methods keep running state: no dragging");
    }
}
