package vqlens.ui.inspect;

import java.util.Objects;
import java.util.concurrent.Executor;

import vqlens.ui.common.Delayer;

/**
 * Where the inspector runs its work: slow work (reading files, statistics of large codebooks) on
 * {@code background}, results on {@code fxThread}; snapshots of a followed run are spaced out with
 * {@code delayer}. Tests pass {@code Runnable::run} for both executors and a delayer that runs at once.
 *
 * @param background runs slow work off the FX thread
 * @param fxThread   runs results on the FX application thread ({@code Platform::runLater} in the app)
 * @param delayer    runs a task later (spaces out the followed run's updates)
 */
public record InspectorServices(Executor background, Executor fxThread, Delayer delayer) {

    public InspectorServices {
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(fxThread, "fxThread");
        Objects.requireNonNull(delayer, "delayer");
    }

    /** Everything on the caller's thread: for tests and for a view model used without the toolkit. */
    public static InspectorServices synchronous() {
        return new InspectorServices(Runnable::run, Runnable::run, (task, delayNanos) -> task.run());
    }
}
