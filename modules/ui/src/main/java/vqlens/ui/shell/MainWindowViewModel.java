package vqlens.ui.shell;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import vqlens.core.runtime.RuntimeInfo;
import vqlens.ui.StartupTrace;
import vqlens.ui.common.FailureText;

/**
 * State of the main window's shell, as read-only properties the view binds to. Knows no node and no
 * toolkit thread: work runs on {@link ShellServices#background()}, results are applied on
 * {@link ShellServices#fxThread()}, and properties change only there.
 */
public final class MainWindowViewModel {

    /** Where loading the compute runtime stands. */
    public enum RuntimeState { NOT_STARTED, LOADING, READY, FAILED }

    static final String LOADING_TEXT = "Loading ND4J…";
    static final String READY_PREFIX = "Compute backend: ";
    static final String FAILED_PREFIX = "Compute backend unavailable: ";

    private final ShellServices services;
    private final ReadOnlyObjectWrapper<RuntimeState> runtimeState =
            new ReadOnlyObjectWrapper<>(this, "runtimeState", RuntimeState.NOT_STARTED);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyObjectWrapper<RuntimeInfo> runtimeInfo = new ReadOnlyObjectWrapper<>(this, "runtimeInfo");

    public MainWindowViewModel(ShellServices services) {
        this.services = Objects.requireNonNull(services, "services");
        loading.bind(runtimeState.isEqualTo(RuntimeState.LOADING));
    }

    /** Starts loading the compute runtime in the background; does nothing if it already started. */
    public void loadComputeRuntime() {
        if (runtimeState.get() != RuntimeState.NOT_STARTED) {
            return;
        }
        runtimeState.set(RuntimeState.LOADING);
        statusText.set(LOADING_TEXT);
        CompletableFuture
                .supplyAsync(services.runtimeInfo(), services.background())
                .whenCompleteAsync((info, failure) -> {
                    if (failure == null && info != null) {
                        runtimeLoaded(info);
                    } else {
                        runtimeFailed(failure == null ? new IllegalStateException("no runtime information") : failure);
                    }
                }, services.fxThread());
    }

    private void runtimeLoaded(RuntimeInfo info) {
        StartupTrace.mark("compute runtime loaded");
        runtimeInfo.set(info);
        statusText.set(READY_PREFIX + info.summary());
        runtimeState.set(RuntimeState.READY);
    }

    private void runtimeFailed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        // Looked up here, not at class load: finding the logging back end costs the window's start ~20 ms.
        System.getLogger(MainWindowViewModel.class.getName()).log(Level.WARNING, "The compute runtime could not be loaded", cause);
        statusText.set(FAILED_PREFIX + FailureText.of(cause));
        runtimeState.set(RuntimeState.FAILED);
    }

    public ReadOnlyObjectProperty<RuntimeState> runtimeStateProperty() {
        return runtimeState.getReadOnlyProperty();
    }

    public RuntimeState getRuntimeState() {
        return runtimeState.get();
    }

    /** True while ND4J is loading. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The status bar's line: "Loading ND4J…", then the compute backend, or why it is unavailable. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public String getStatusText() {
        return statusText.get();
    }

    /** The loaded runtime's description; {@code null} until it has loaded. */
    public ReadOnlyObjectProperty<RuntimeInfo> runtimeInfoProperty() {
        return runtimeInfo.getReadOnlyProperty();
    }
}
