package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.train.StepperState.Move;
import vqlens.train.data.SyntheticData;
import vqlens.train.data.TeachingSets;

/** The synchronous stepper the Learn tab drives: k-means' two moves, batch steps, restarts, exact step back. */
class StepperTest {
    /** float32 sums of a cell's rows round: a k-means move may "raise" the MSE by this much, relatively, no more. */
    private static final double MOVE_ROUNDING = 1e-6;
    private static final long SEED = 7;
    private static final QuantizerConfig PLANE_64 = new QuantizerConfig(1, 2, 64);

    private static SyntheticData.Dataset blobs(int rows) {
        return TeachingSets.blobs(rows, 8, 0.4, SEED);
    }

    private static TrainingSettings settings(QuantizerConfig q, UpdateRule rule, int batch, Init init) {
        return TrainingSettings.of(q, rule, batch, SEED, 0).withInit(init);
    }

    @Test
    void kMeansMovesNeverRaiseTheErrorAndConvergeToAFixedPoint() {
        SyntheticData.Dataset data = blobs(2000);
        Stepper stepper = Stepper.start(settings(PLANE_64, UpdateRule.KMEANS, 2000, Init.LAZY)
                .withHyper(new Hyperparameters(0, 0.99, 0.25, 0)), data.values(), data.rows());
        double start = stepper.state().mse();
        double previous = start;
        int[] lastAssignment = stepper.state().assignment();
        int moves = 0;
        boolean converged = false;
        while (moves < 300 && !converged) {
            StepperState assigned = stepper.assign();
            assertEquals(Move.ASSIGN, assigned.kind());
            assertTrue(assigned.mse() <= previous * (1 + MOVE_ROUNDING), "assign raised the MSE at move " + moves);
            StepperState updated = stepper.update();
            assertEquals(Move.UPDATE, updated.kind());
            assertTrue(updated.mse() <= assigned.mse() * (1 + MOVE_ROUNDING), "update raised the MSE at move " + moves);
            assertArrayEquals(assigned.assignment(), updated.assignment(), "update moves codes, not rows");
            converged = Arrays.equals(lastAssignment, assigned.assignment());
            lastAssignment = assigned.assignment();
            previous = updated.mse();
            moves += 2;
        }
        assertTrue(converged, "k-means on 2,000 blob points did not converge in 300 moves");
        assertTrue(stepper.state().mse() < 0.9 * start, "k-means did not lower the error: " + start + " → "
                + stepper.state().mse());
    }

    @Test
    void theAssignmentIsTheEncodersNearestCode() {
        SyntheticData.Dataset data = blobs(500);
        Stepper stepper = Stepper.start(settings(PLANE_64, UpdateRule.EMA, 64, Init.KMEANS_PLUS_PLUS), data.values(),
                data.rows());
        StepperState s = stepper.step();
        int[] expected = NearestCodes.ofHead(s.codebooks(), 0, data.values(), data.rows());
        assertArrayEquals(expected, s.assignment());
        assertEquals(64, s.batchRows());
        assertTrue(s.inBatch(0) && s.inBatch(63) && !s.inBatch(64));
        StepperState next = stepper.step();
        assertEquals(64, next.batchStart(), "the next batch follows the last, as the trainer reads rows");
    }

    @Test
    void steppingBackRestoresEveryMoveBitForBitAndForwardAgainRepeatsIt() {
        SyntheticData.Dataset data = blobs(800);
        for (UpdateRule rule : UpdateRule.values()) {
            Stepper stepper = Stepper.start(settings(PLANE_64, rule, 100, Init.LAZY), data.values(), data.rows());
            StepperState[] seen = new StepperState[21];
            seen[0] = stepper.state();
            for (int i = 1; i <= 20; i++) {
                seen[i] = stepper.step();
            }
            for (int i = 19; i >= 10; i--) {
                assertSame(seen[i], stepper.stepBack(), rule + " back to move " + i);
            }
            for (int i = 11; i <= 20; i++) {
                assertSame(seen[i], stepper.step(), rule + " forward again to move " + i);
            }
            while (stepper.canStepBack()) {
                stepper.stepBack();
            }
            assertSame(seen[0], stepper.state(), rule + " back at the start");
            assertThrows(VqException.class, stepper::stepBack);
        }
    }

    private static void assertSame(StepperState expected, StepperState actual, String what) {
        assertEquals(expected.move(), actual.move(), what);
        assertEquals(expected.kind(), actual.kind(), what);
        assertEquals(expected.codebooks(), actual.codebooks(), what + ": codebooks");
        assertArrayEquals(expected.assignment(), actual.assignment(), what + ": assignment");
        assertArrayEquals(expected.usage(), actual.usage(), what + ": usage");
        assertEquals(expected.batchStart(), actual.batchStart(), what);
        assertEquals(Double.doubleToLongBits(expected.mse()), Double.doubleToLongBits(actual.mse()), what + ": mse");
    }

    @Test
    void aBadInitLeavesDeadCodesAndRestartsReviveThem() {
        SyntheticData.Dataset data = blobs(1000);
        QuantizerConfig q = new QuantizerConfig(1, 2, 16);
        float[] corner = new float[16 * 2];
        for (int k = 0; k < 16; k++) {
            corner[2 * k] = -8f - 0.01f * k; // all codes beside each other, far outside the data's [-5, 5]²
            corner[2 * k + 1] = -8f;
        }
        Codebooks bad = Codebooks.of(q, corner, true);
        Stepper without = Stepper.start(settings(q, UpdateRule.KMEANS, 1000, Init.LAZY)
                .withHyper(new Hyperparameters(0, 0.99, 0.25, 0)), data.values(), data.rows(), bad);
        for (int i = 0; i < 40; i++) {
            without.step();
        }
        int deadWithout = unused(without.state());
        assertTrue(deadWithout >= 10, "a corner init should leave most codes without rows, got " + deadWithout);

        Stepper with = Stepper.start(settings(q, UpdateRule.KMEANS, 1000, Init.LAZY)
                .withHyper(new Hyperparameters(0, 0.99, 0.25, 1.0)), data.values(), data.rows(), bad);
        boolean restarted = false;
        for (int i = 0; i < 40; i++) {
            restarted |= with.step().events().stream().anyMatch(e -> e.kind() == TrainingEvent.Kind.RESTART);
        }
        assertTrue(restarted, "dead codes should have been re-seeded");
        assertTrue(unused(with.state()) < deadWithout, "restarts should revive dead codes");
        assertTrue(with.state().mse() < without.state().mse(), "revived codes should lower the error");
    }

    private static int unused(StepperState s) {
        return (int) Arrays.stream(s.counts(0)).filter(c -> c == 0).count();
    }

    @Test
    void tenThousandMovesOfHistoryFitInFiftyMegabytes() {
        SyntheticData.Dataset data = blobs(2000);
        Stepper stepper = Stepper.start(settings(PLANE_64, UpdateRule.EMA, 256, Init.LAZY), data.values(), data.rows());
        for (int i = 0; i < 10_000; i++) {
            stepper.step();
        }
        assertEquals(10_000, stepper.historySize());
        assertTrue(stepper.historyBytes() <= 50L << 20, "history of 10,000 moves holds " + stepper.historyBytes() + " bytes");
    }

    @Test
    void kMeansCodesCanBeMovedBetweenMovesAndTheMoveUndone() {
        SyntheticData.Dataset data = blobs(500);
        Stepper stepper = Stepper.start(settings(PLANE_64, UpdateRule.KMEANS, 500, Init.LAZY), data.values(), data.rows());
        stepper.step();
        StepperState before = stepper.state();
        float[] moved = before.codebooks().toArray();
        moved[0] = 4.75f;
        moved[1] = -4.75f;
        StepperState edited = stepper.edit(Codebooks.of(PLANE_64, moved, true));
        assertEquals(Move.EDIT, edited.kind());
        assertArrayEquals(before.assignment(), edited.assignment(), "the points keep their cells until the next assign");
        assertEquals(Move.ASSIGN, stepper.step().kind(), "after an edit the next move assigns");
        stepper.stepBack();
        assertSame(edited, stepper.state(), "back to the edit");
        stepper.stepBack();
        assertSame(before, stepper.state(), "and to before it");
        Stepper ema = Stepper.start(settings(PLANE_64, UpdateRule.EMA, 64, Init.LAZY), data.values(), data.rows());
        assertThrows(VqException.class, () -> ema.edit(Codebooks.of(PLANE_64, moved, true)));
    }

    @Test
    void badInputIsRefusedInOneLine() {
        VqException e = assertThrows(VqException.class, () -> Stepper.start(settings(PLANE_64, UpdateRule.EMA, 16,
                Init.LAZY), new float[5], 2));
        assertFalse(e.getMessage().contains("\n"));
        Stepper ema = Stepper.start(settings(PLANE_64, UpdateRule.EMA, 64, Init.LAZY), blobs(100).values(), 100);
        assertThrows(VqException.class, ema::update, "update is k-means' move");
        assertThrows(VqException.class, () -> Stepper.start(settings(PLANE_64, UpdateRule.EMA, 64, Init.LAZY),
                blobs(100).values(), 100, Codebooks.of(new QuantizerConfig(1, 2, 8), new float[16], true)));
    }
}
