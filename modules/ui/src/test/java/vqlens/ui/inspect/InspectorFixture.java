package vqlens.ui.inspect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.ui.FxWait;
import vqlens.ui.shell.MainWindow;
import vqlens.ui.shell.TestWindow;

/**
 * The main window for the inspector's UI tests: real training on a thread of its own, file work on the
 * caller's thread, results through {@code Platform.runLater} as in the app. Registered with
 * {@code @RegisterExtension} (after TestFX's {@code ApplicationExtension}) it opens the window on the Inspect tab
 * before each test and closes it after.
 */
final class InspectorFixture implements BeforeEachCallback, AfterEachCallback {

    final ExecutorService training = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-training");
        t.setDaemon(true);
        return t;
    });
    MainWindow window;
    Stage stage;

    @Override
    public void beforeEach(ExtensionContext context) {
        FxWait.openWindow(() -> open(FxWait.primaryStage()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    MainWindow open(Stage stage) {
        this.stage = stage;
        window = TestWindow.open(stage, training);
        window.showInspector();
        return window;
    }

    InspectorViewModel vm() {
        return window.inspector();
    }

    InspectorController controller() {
        return window.inspectorController();
    }

    /** Closes the window (which stops its run) before the training thread goes. */
    void close() {
        try {
            WaitForAsyncUtils.asyncFx(() -> {
                if (window != null && window.stage().isShowing()) {
                    window.stage().hide();
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot close the window", e);
        } finally {
            training.shutdownNow();
        }
    }

    /** Waits (up to a minute: the first training step loads ND4J) until {@code condition}, checked on the FX thread. */
    static void until(String what, BooleanSupplier condition) {
        vqlens.ui.FxWait.until(what, condition);
    }

    /** Runs {@code action} on the FX thread, waits for it and for what it queued. */
    static void fx(FxRobot robot, Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
    }

    static WritableImage snapshot(FxRobot robot, Node node) {
        return vqlens.ui.Screenshots.snapshot(robot, node);
    }

    /** Writes a PNG to {@code <build dir>/screenshots/name} and, with {@code -Dvqlens.screenshots.dir}, there too. */
    static Path publish(String name, WritableImage image) throws IOException {
        return vqlens.ui.Screenshots.publish(name, image);
    }
}
