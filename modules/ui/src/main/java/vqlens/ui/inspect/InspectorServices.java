package vqlens.ui.inspect;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Where the inspector runs its work: slow work (reading files, statistics of large codebooks) on
 * {@code background}, results on {@code fxThread}. Tests pass {@code Runnable::run} for both.
 *
 * @param background runs slow work off the FX thread
 * @param fxThread   runs results on the FX application thread ({@code Platform::runLater} in the app)
 */
public record InspectorServices(Executor background, Executor fxThread) {

    public InspectorServices {
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(fxThread, "fxThread");
    }

    /** Everything on the caller's thread: for tests and for a view model used without the toolkit. */
    public static InspectorServices synchronous() {
        return new InspectorServices(Runnable::run, Runnable::run);
    }
}
