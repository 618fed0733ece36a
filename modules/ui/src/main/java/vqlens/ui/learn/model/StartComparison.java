package vqlens.ui.learn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import vqlens.core.VqException;

/**
 * Lesson 2's "initialisation matters": the three starts from one seed, each run to convergence with the lesson's
 * method, restarts off and on. Slow enough (six runs) for the background: it reports progress and stops when
 * cancelled.
 */
public final class StartComparison {

    /** One start's outcome. */
    public record Outcome(StartCodes start, boolean restarts, long moves, double mse, int deadCodes, PlaneScene scene) {
    }

    private StartComparison() {
    }

    /**
     * Runs every start of {@code lesson}'s set-up (data, method, codes, seed, decay, learning rate) twice, restarts off
     * then on; {@code progress} gets 0…1, {@code cancelled} is polled between moves.
     *
     * @throws VqException when cancelled
     */
    public static List<Outcome> run(LearningModel lesson, DoubleConsumer progress, BooleanSupplier cancelled) {
        List<Outcome> out = new ArrayList<>();
        StartCodes[] starts = StartCodes.values();
        int runs = starts.length * 2;
        int done = 0;
        for (boolean restarts : new boolean[] {false, true}) {
            for (StartCodes start : starts) {
                LearningModel m = lesson.copySetUp();
                m.setStart(start);
                m.setRestarts(restarts);
                int limit = LearningModel.BATCH_STEPS + 10;
                for (int i = 0; i < limit && !m.converged(); i++) {
                    if (cancelled.getAsBoolean()) {
                        throw new VqException("comparison cancelled");
                    }
                    m.step();
                    progress.accept((done + (double) i / limit) / runs);
                }
                out.add(new Outcome(start, restarts, m.state().move(), m.state().mse(), m.deadCodes(), m.scene()));
                done++;
                progress.accept((double) done / runs);
            }
        }
        return out;
    }
}
