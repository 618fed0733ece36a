package vqlens.ui.shell;

import java.util.concurrent.Executor;

import javafx.application.Platform;
import javafx.stage.Stage;
import vqlens.ui.common.Delayer;
import vqlens.ui.dashboard.DashboardServices;
import vqlens.ui.dashboard.TrainerFactory;

/**
 * The main window as the UI tests open it (the fixtures of every feature share it): the runtime "loaded" at once
 * ({@link FakeRuntimes#CPU}), real training on {@code training}, file work on the caller's thread.
 */
public final class TestWindow {

    private TestWindow() {
    }

    /** Opens the window on {@code stage}; {@code shellResults} is where the shell's background results arrive. */
    public static MainWindow open(Stage stage, Executor training, TrainerFactory trainers, double refreshHz,
                                  Executor shellResults) {
        DashboardServices services = new DashboardServices(training, Runnable::run, Platform::runLater, Delayer.system(),
                refreshHz, trainers);
        return MainWindow.open(stage, new ShellServices(() -> FakeRuntimes.CPU, Runnable::run, shellResults), services);
    }

    /** The window with the app's trainers and chart rate, shell results through {@code Platform.runLater}. */
    public static MainWindow open(Stage stage, Executor training) {
        return open(stage, training, TrainerFactory.DEFAULT, DashboardServices.DEFAULT_REFRESH_HZ, Platform::runLater);
    }
}
