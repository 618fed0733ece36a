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
import vqlens.ui.common.Delayer;
import vqlens.ui.dashboard.TrainerFactory;
import vqlens.ui.shell.MainWindow;
import vqlens.ui.learn.ZoomStore;
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
        StartupTrace.mark("JavaFX started");
        runtimeLoader = Executors.newSingleThreadExecutor(daemonThreads("vqlens-runtime-loader"));
        files = Executors.newSingleThreadExecutor(daemonThreads("vqlens-files"));
        training = Executors.newSingleThreadExecutor(daemonThreads("vqlens-training"));
        // The training view and ND4J come once the window's first frame is out: either of them competing with
        // the first frame delayed it by over 1 s on 2 cores (src/dev/window-time.sh). "Loading ND4J…" shows at once.
        Executor loadAfterFirstFrame = task -> afterFirstFrame(() -> runtimeLoader.execute(task));
        MainWindow.open(stage, new ShellServices(ComputeRuntime::info, loadAfterFirstFrame, Platform::runLater,
                        VqLensApplication::afterFirstFrame, ZoomStore.userPreferences()),
                new DashboardServices(training, files, Platform::runLater, Delayer.system(),
                        refreshHz(), TrainerFactory.DEFAULT));
    }

    /**
     * Runs {@code task} on the FX thread once the first frame is on screen. A pulse runs its animation timers,
     * then (when its scene changed: the status bar's spinner turns from the first frame on) waits for the
     * previous frame to finish rendering, then hands its own to the render thread; so at the third pulse's
     * timers the first frame is rendered. With the software renderer its pixels then still reach the window
     * through the FX thread's queue, hence {@code runLater}: the task queues behind them. Counting two
     * pulses, or running the task in the timer, kept the window white until ND4J had loaded (~1.5 s more on
     * 2 cores, src/dev/window-time.sh).
     */
    private static void afterFirstFrame(Runnable task) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 3) {
                    stop();
                    Platform.runLater(task);
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
