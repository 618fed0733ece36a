package vqlens.ui.dashboard;

import java.util.Objects;
import java.util.concurrent.Executor;
import vqlens.ui.common.Delayer;

/**
 * What the dashboard needs from outside, injected so that tests can replace each part.
 *
 * @param training   runs the trainer's loop (a single daemon thread in the app; never the FX thread there)
 * @param background file work: generating or opening data, loading and saving codebooks, exports
 * @param fxThread   runs results on the FX application thread ({@code Platform::runLater} in the app)
 * @param delayer    schedules the throttled chart updates and slow-motion steps
 * @param refreshHz  chart updates per second, at most ({@code <= 0}: every snapshot at once, for tests)
 * @param trainers   makes the trainers
 */
public record DashboardServices(Executor training, Executor background, Executor fxThread, Delayer delayer,
                                double refreshHz, TrainerFactory trainers) {

    /** The default chart refresh rate. */
    public static final double DEFAULT_REFRESH_HZ = 15;

    public DashboardServices {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(fxThread, "fxThread");
        Objects.requireNonNull(delayer, "delayer");
        Objects.requireNonNull(trainers, "trainers");
        if (Double.isNaN(refreshHz)) {
            throw new IllegalArgumentException("refreshHz is NaN");
        }
    }

    /** These services with another refresh rate. */
    public DashboardServices withRefreshHz(double hz) {
        return new DashboardServices(training, background, fxThread, delayer, hz, trainers);
    }

    /** These services with another trainer factory. */
    public DashboardServices withTrainers(TrainerFactory factory) {
        return new DashboardServices(training, background, fxThread, delayer, refreshHz, factory);
    }
}
