package vqlens.train;

import java.util.List;
import java.util.Objects;
import vqlens.core.Codebooks;

/**
 * Where a {@link Stepper} stands after a move: immutable, so a view can keep it while the stepper moves on.
 *
 * @param move       moves made since the start (0 at the start)
 * @param kind       what the last move was
 * @param codebooks  the codebooks now
 * @param assignment {@code [rows, heads]} row-major: each data row's code. For k-means the last
 *                   {@link Stepper#assign() assign} decided it (after an {@code update} it is the previous codes'
 *                   cells, which is the point of the two moves); for batch methods it is every row's nearest code
 *                   under the codebooks now
 * @param batchStart the first data row of the last batch (batch methods; 0 otherwise)
 * @param batchRows  rows of the last batch, wrapping past the end of the data (0 when the move read none)
 * @param dataRows   the data's rows
 * @param events     what the move did besides moving codes (initialisation, dead-code restarts)
 * @param mse        {@code Σ‖z − c[assignment]‖² / (rows · E)} over all data rows, in double
 * @param usage      per code {@code [heads, codes]}: the usage EMA (assignments per move) that restarts read
 */
public record StepperState(long move, Move kind, Codebooks codebooks, int[] assignment, int batchStart, int batchRows,
                           int dataRows, List<TrainingEvent> events, double mse, double[] usage) {

    /** The kinds of move. */
    public enum Move {
        /** The state {@link Stepper#start} made. */
        START,
        /** k-means: every row to its nearest code. */
        ASSIGN,
        /** k-means: every code to the mean of its rows (codes without rows stay), then restarts. */
        UPDATE,
        /** EMA, Adam or SGD: one batch (assign it, update, restarts). */
        STEP,
        /** k-means: the learner put the codes somewhere else (the points keep their cells until the next assign). */
        EDIT
    }

    public StepperState {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(codebooks, "codebooks");
        assignment = assignment.clone();
        events = List.copyOf(events);
        usage = usage.clone();
    }

    @Override
    public int[] assignment() {
        return assignment.clone();
    }

    @Override
    public double[] usage() {
        return usage.clone();
    }

    /** The code of {@code row} in {@code head}. */
    public int codeOf(int row, int head) {
        return assignment[row * codebooks.config().heads() + head];
    }

    /** Whether data row {@code row} was in the last batch. */
    public boolean inBatch(int row) {
        return batchRows > 0 && Math.floorMod(row - batchStart, dataRows) < batchRows;
    }

    /** Rows assigned to each code of {@code head} by {@link #assignment()}. */
    public int[] counts(int head) {
        int heads = codebooks.config().heads();
        int[] counts = new int[codebooks.config().codes()];
        for (int r = 0; r < dataRows; r++) {
            counts[assignment[r * heads + head]]++;
        }
        return counts;
    }
}
