package vqlens.ui.dashboard;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.train.Checkpoint;
import vqlens.train.Trainer;
import vqlens.train.TrainingSettings;
import vqlens.train.data.DataSource;
import vqlens.ui.shell.MainWindow;
import vqlens.ui.shell.TestWindow;
import vqlens.ui.FxWait;

/**
 * Shared set-up of the dashboard's UI tests: the window with real training on its own thread, and waiting helpers.
 * Registered with {@code @RegisterExtension} (after TestFX's {@code ApplicationExtension}) it opens the window
 * before each test, fills the set-up form with {@code prepare}, and disposes the run and closes after it.
 */
final class Fixture implements BeforeEachCallback, AfterEachCallback {

    /** Makes trainers as usual, remembers the last one, and can pause it at a given step (from its own thread). */
    static final class Trainers implements TrainerFactory {
        final AtomicReference<Trainer> last = new AtomicReference<>();
        final AtomicLong pauseAt = new AtomicLong(Long.MAX_VALUE);

        @Override
        public Trainer create(TrainingSettings settings, DataSource data, Executor executor) {
            return watch(TrainerFactory.DEFAULT.create(settings, data, executor));
        }

        @Override
        public Trainer resume(Checkpoint checkpoint, long maxSteps, DataSource data, Executor executor) {
            return watch(TrainerFactory.DEFAULT.resume(checkpoint, maxSteps, data, executor));
        }

        private Trainer watch(Trainer t) {
            t.addListener(s -> {
                if (s.step() >= pauseAt.get()) {
                    t.pause();
                }
            }, Runnable::run);
            last.set(t);
            return t;
        }
    }

    final ExecutorService training = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-training");
        t.setDaemon(true);
        return t;
    });
    final Trainers trainers = new Trainers();
    private final Consumer<SetupForm> prepare;
    MainWindow window;
    Stage stage;

    /** A fixture whose window the test opens itself (see {@link #open}). */
    Fixture() {
        this(form -> { });
    }

    private Fixture(Consumer<SetupForm> prepare) {
        this.prepare = prepare;
    }

    /** Opens the window before each test and fills the set-up form with {@code prepare}. */
    static Fixture window(Consumer<SetupForm> prepare) {
        return new Fixture(prepare);
    }

    /** The window with {@link DashboardViewModelTest#small} settings. */
    static Fixture smallRun() {
        return new Fixture(DashboardViewModelTest::small);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        FxWait.openWindow(() -> {
            open(FxWait.primaryStage(), 15);
            prepare.accept(vm().setup());
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (window != null) {
                FxWait.onFx("dispose the run", () -> vm().dispose());
            }
        } finally {
            close();
        }
    }

    /** Opens the window; the runtime is "loaded" at once, file work runs on the FX thread's caller (synchronously). */
    MainWindow open(Stage stage, double refreshHz) {
        this.stage = stage;
        window = TestWindow.open(stage, training, trainers, refreshHz, Runnable::run);
        return window;
    }

    DashboardViewModel vm() {
        return window.dashboard();
    }

    void close() {
        training.shutdownNow();
    }

    /** Waits (up to a minute: the first step loads ND4J) until {@code condition}, checked on the FX thread. */
    static void until(String what, BooleanSupplier condition) {
        vqlens.ui.FxWait.until(what, condition);
    }

    /** Waits until the trainer is idle and every snapshot it published has been shown. */
    void settle() {
        Trainer t = trainers.last.get();
        try {
            if (t != null && !t.awaitIdle(Duration.ofSeconds(60))) {
                throw new AssertionError("the trainer is still busy");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        until("the last snapshot is shown", () -> vm().relay() == null || !vm().relay().isScheduled());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Resets a run no save holds: answers its question with OK and waits until the run is gone. */
    void resetConfirmed(FxRobot robot) {
        fx(robot, () -> vm().reset());
        until("the question", () -> dialog().isPresent());
        robot.clickOn(dialog().orElseThrow().lookupButton(javafx.scene.control.ButtonType.OK));
        until("reset", () -> vm().getState() == RunState.NONE);
    }

    /** Runs {@code action} on the FX thread and waits for it. */
    static void fx(FxRobot robot, Runnable action) {
        robot.interact(action);
    }

    static WritableImage snapshot(FxRobot robot, Node node) {
        return vqlens.ui.Screenshots.snapshot(robot, node);
    }

    /** Writes a PNG to {@code <build dir>/screenshots/name} and, with {@code -Dvqlens.screenshots.dir}, there too. */
    static Path publish(String name, WritableImage image) throws IOException {
        return vqlens.ui.Screenshots.publish(name, image);
    }

    /** The dialog showing now, if any (looked up on the FX thread). */
    static Optional<DialogPane> dialog() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                    .filter(w -> w.isShowing() && w.getScene() != null
                            && w.getScene().getRoot() instanceof DialogPane)
                    .map(w -> (DialogPane) w.getScene().getRoot())
                    .findFirst()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
