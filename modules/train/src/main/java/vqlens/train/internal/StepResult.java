package vqlens.train.internal;

import java.util.List;
import vqlens.train.StepMetrics;
import vqlens.train.TrainingEvent;

/**
 * What one training step reports.
 *
 * @param metrics   the step's metrics, or {@code null} when it was rolled back
 * @param events    what happened (init, restarts; or the non-finite value that caused the rollback)
 * @param rolledBack true when a NaN/Inf stopped the step and the state is back to the previous step's
 */
public record StepResult(StepMetrics metrics, List<TrainingEvent> events, boolean rolledBack) {
    public StepResult {
        events = List.copyOf(events);
    }
}
