package vqlens.ui.shell;

import vqlens.ui.common.ManualExecutor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import vqlens.ui.shell.MainWindowViewModel.RuntimeState;

/** The view model alone: no toolkit, executors under the test's control. */
class MainWindowViewModelTest {

    private final ManualExecutor background = new ManualExecutor();

    @Test
    void nothingHappensBeforeLoadingStarts() {
        MainWindowViewModel viewModel = new MainWindowViewModel(
                new ShellServices(() -> FakeRuntimes.FAKE, background, Runnable::run));

        assertEquals(RuntimeState.NOT_STARTED, viewModel.getRuntimeState());
        assertFalse(viewModel.loadingProperty().get());
        assertEquals("", viewModel.getStatusText());
        assertEquals(0, background.pendingCount());
    }

    @Test
    void loadsOnTheBackgroundExecutorThenShowsTheBackend() {
        MainWindowViewModel viewModel = new MainWindowViewModel(
                new ShellServices(() -> FakeRuntimes.FAKE, background, Runnable::run));

        viewModel.loadComputeRuntime();
        assertEquals(RuntimeState.LOADING, viewModel.getRuntimeState());
        assertTrue(viewModel.loadingProperty().get());
        assertEquals("Loading ND4J…", viewModel.getStatusText());
        assertNull(viewModel.runtimeInfoProperty().get());
        assertEquals(1, background.pendingCount(), "the runtime loads on the background executor");

        background.runAll();
        assertEquals(RuntimeState.READY, viewModel.getRuntimeState());
        assertFalse(viewModel.loadingProperty().get());
        assertEquals("Compute backend: " + FakeRuntimes.FAKE.summary(), viewModel.getStatusText());
        assertSame(FakeRuntimes.FAKE, viewModel.runtimeInfoProperty().get());
    }

    @Test
    void resultsArriveThroughTheFxThreadExecutor() {
        ManualExecutor fxThread = new ManualExecutor();
        MainWindowViewModel viewModel = new MainWindowViewModel(
                new ShellServices(() -> FakeRuntimes.FAKE, Runnable::run, fxThread));

        viewModel.loadComputeRuntime();
        assertEquals(RuntimeState.LOADING, viewModel.getRuntimeState(), "no property changes off the FX thread");
        fxThread.runAll();
        assertEquals(RuntimeState.READY, viewModel.getRuntimeState());
    }

    @Test
    void aFailureIsShownWithItsReason() {
        MainWindowViewModel viewModel = new MainWindowViewModel(new ShellServices(() -> {
            throw new UnsatisfiedLinkError("no jnind4jcpu in java.library.path");
        }, Runnable::run, Runnable::run));

        viewModel.loadComputeRuntime();
        assertEquals(RuntimeState.FAILED, viewModel.getRuntimeState());
        assertFalse(viewModel.loadingProperty().get());
        assertEquals("Compute backend unavailable: no jnind4jcpu in java.library.path", viewModel.getStatusText());
        assertNull(viewModel.runtimeInfoProperty().get());
    }

    @Test
    void aFailureWithoutMessageNamesTheException() {
        MainWindowViewModel viewModel = new MainWindowViewModel(new ShellServices(() -> {
            throw new UnsupportedOperationException();
        }, Runnable::run, Runnable::run));

        viewModel.loadComputeRuntime();
        assertEquals("Compute backend unavailable: UnsupportedOperationException", viewModel.getStatusText());
    }

    @Test
    void loadsOnlyOnce() {
        AtomicInteger calls = new AtomicInteger();
        MainWindowViewModel viewModel = new MainWindowViewModel(new ShellServices(() -> {
            calls.incrementAndGet();
            return FakeRuntimes.FAKE;
        }, Runnable::run, Runnable::run));

        viewModel.loadComputeRuntime();
        viewModel.loadComputeRuntime();
        assertEquals(1, calls.get());
    }
}
