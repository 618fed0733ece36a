package vqlens.ui.shell;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import vqlens.core.runtime.RuntimeInfo;

/**
 * What the main window needs from outside, injected so that tests can replace each part.
 *
 * @param runtimeInfo the compute runtime's description; slow (loads ND4J) and may throw
 * @param background  runs slow work off the FX thread ({@code Runnable::run} in tests)
 * @param fxThread    runs results on the FX application thread ({@code Platform::runLater} in the app)
 */
public record ShellServices(Supplier<RuntimeInfo> runtimeInfo, Executor background, Executor fxThread) {

    public ShellServices {
        Objects.requireNonNull(runtimeInfo, "runtimeInfo");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(fxThread, "fxThread");
    }
}
