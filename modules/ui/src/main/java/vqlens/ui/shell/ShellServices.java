package vqlens.ui.shell;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import vqlens.core.runtime.RuntimeInfo;
import vqlens.ui.learn.ZoomStore;

/**
 * What the main window needs from outside, injected so that tests can replace each part.
 *
 * @param runtimeInfo     the compute runtime's description; slow (loads ND4J) and may throw
 * @param background      runs slow work off the FX thread ({@code Runnable::run} in tests)
 * @param fxThread        runs results on the FX application thread ({@code Platform::runLater} in the app)
 * @param afterFirstFrame runs the window's deferred set-up on the FX thread once its first frame is on screen
 *                        (the training view, then loading the runtime); {@code Runnable::run} builds everything
 *                        before {@link MainWindow#open} returns, as tests want
 * @param zoomStore       where the Learn tab keeps its presenter zoom ({@link ZoomStore#userPreferences()} in the
 *                        app; in memory otherwise, so tests never write the user's preferences)
 */
public record ShellServices(Supplier<RuntimeInfo> runtimeInfo, Executor background, Executor fxThread,
                            Executor afterFirstFrame, ZoomStore zoomStore) {

    public ShellServices {
        Objects.requireNonNull(runtimeInfo, "runtimeInfo");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(fxThread, "fxThread");
        Objects.requireNonNull(afterFirstFrame, "afterFirstFrame");
        Objects.requireNonNull(zoomStore, "zoomStore");
    }

    /** Services with the zoom kept in memory. */
    public ShellServices(Supplier<RuntimeInfo> runtimeInfo, Executor background, Executor fxThread,
                         Executor afterFirstFrame) {
        this(runtimeInfo, background, fxThread, afterFirstFrame, ZoomStore.inMemory(1));
    }

    /** Services whose deferred set-up runs at once, inside {@link MainWindow#open}. */
    public ShellServices(Supplier<RuntimeInfo> runtimeInfo, Executor background, Executor fxThread) {
        this(runtimeInfo, background, fxThread, Runnable::run);
    }
}
