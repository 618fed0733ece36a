package vqlens.train;

import vqlens.core.Codebooks;
import vqlens.train.internal.SteppedTraining;

/**
 * Training one move at a time on the caller's thread (no executor, no mailbox), for lessons and tests that
 * watch every move: k-means as separate {@link #assign()} and {@link #update()} moves, EMA/Adam/SGD one batch
 * per {@link #step()}, with the trainer's own update rules, usage EMA and dead-code restarts. Every move can be
 * undone with {@link #stepBack()}, which restores a saved state (not a replay), so stepping back and forward
 * again gives the same state bit for bit. Quantizer mode only (no VQ-VAE network). Not thread-safe.
 */
public interface Stepper {

    /** Moves kept for {@link #stepBack()}, at most; older ones are forgotten. */
    int MAX_HISTORY = 20_000;

    /**
     * Starts from the codebooks {@code settings.init()} makes from the first batch of {@code rows}.
     *
     * @param rows {@code [rowCount, E]} row-major, E the quantizer's width; copied
     */
    static Stepper start(TrainingSettings settings, float[] rows, int rowCount) {
        return SteppedTraining.start(settings, rows, rowCount, null);
    }

    /** Starts from the given codebooks (e.g. a deliberately bad init), which must fit {@code settings}. */
    static Stepper start(TrainingSettings settings, float[] rows, int rowCount, Codebooks start) {
        return SteppedTraining.start(settings, rows, rowCount, start);
    }

    StepperState state();

    /** k-means: assigns every row to its nearest code (the codes do not move). Any method may call it. */
    StepperState assign();

    /**
     * k-means: moves every code to the mean of the rows the last {@link #assign()} gave it, then re-seeds dead
     * codes. Only for {@link UpdateRule#KMEANS}.
     */
    StepperState update();

    /**
     * k-means: replaces the codebooks (same shape) as a move of its own, undone by {@link #stepBack()}, as the
     * interactive k-means demos let a learner drag a centroid between moves. Refused for the other methods, whose
     * state (EMA sums, optimizer moments) would pull the codes back; the trainer reconciles that for edits.
     */
    StepperState edit(Codebooks codebooks);

    /** The method's next move: k-means alternates assign and update; the others make one batch step. */
    StepperState step();

    /** Whether a move can be undone. */
    boolean canStepBack();

    /** Undoes the last move; the state before it. */
    StepperState stepBack();

    /** The settings a move uses from now on (learning rate, decay, dead-code threshold). */
    void setHyper(Hyperparameters hyper);

    Hyperparameters hyper();

    /** Bytes the saved history holds (its arrays), for the memory bound. */
    long historyBytes();

    /** Moves that {@link #stepBack()} can undo. */
    int historySize();
}
