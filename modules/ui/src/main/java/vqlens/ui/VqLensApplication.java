package vqlens.ui;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import vqlens.core.runtime.ComputeRuntime;
import vqlens.ui.dashboard.DashboardServices;
import vqlens.ui.dashboard.Delayer;
import vqlens.ui.dashboard.TrainerFactory;
import vqlens.ui.shell.MainWindow;
import vqlens.ui.shell.ShellServices;

/**
 * The JavaFX application of VQ Lens. Public only because JavaFX instantiates it by reflection; start
 * it with {@link VqLensDesktop#launch(String[])}.
 *
 * <p>It wires the real services: the compute runtime ({@link ComputeRuntime#info()}, which loads ND4J
 * and takes seconds on a cold start) runs on a background daemon thread, its result comes back on the
 * FX thread, and the window shows before ND4J has loaded. Training runs on a thread of its own, file work
 * (generating data, reading and writing codebooks) on another; all are daemons.
 */
public final class VqLensApplication extends Application {

    private ExecutorService runtimeLoader;
    private ExecutorService files;
    private ExecutorService training;

    /** Called by JavaFX. */
    public VqLensApplication() {
    }

    @Override
    public void start(Stage stage) {
        runtimeLoader = Executors.newSingleThreadExecutor(daemonThreads("vqlens-runtime-loader"));
        files = Executors.newSingleThreadExecutor(daemonThreads("vqlens-files"));
        training = Executors.newSingleThreadExecutor(daemonThreads("vqlens-training"));
        // The runtime loads once the window's first frame is out: ND4J's native loading competing with the
        // first frame delayed it by ~1 s on 2 cores (src/dev/window-time.sh). "Loading ND4J…" shows at once.
        Executor loadAfterFirstFrame = task -> afterFirstFrame(() -> runtimeLoader.execute(task));
        MainWindow.open(stage, new ShellServices(ComputeRuntime::info, loadAfterFirstFrame, Platform::runLater),
                new DashboardServices(training, files, Platform::runLater, Delayer.system(),
                        refreshHz(), TrainerFactory.DEFAULT));
    }

    /** Runs {@code task} on the FX thread at the second pulse from now, when the first frame has been rendered. */
    private static void afterFirstFrame(Runnable task) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    task.run();
                }
            }
        }.start();
    }

    /** Chart updates per second: {@code -Dvqlens.chartHz=N} (default 15). */
    private static double refreshHz() {
        try {
            double hz = Double.parseDouble(System.getProperty("vqlens.chartHz", ""));
            return hz > 0 && hz <= 120 ? hz : DashboardServices.DEFAULT_REFRESH_HZ;
        } catch (NumberFormatException e) {
            return DashboardServices.DEFAULT_REFRESH_HZ;
        }
    }

    @Override
    public void stop() {
        for (ExecutorService e : List.of(runtimeLoader, files, training)) {
            if (e != null) {
                e.shutdownNow();
            }
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true); // a slow native load or a step must not keep the JVM alive after the window closed
            return thread;
        };
    }
}
