package vqlens.ui;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting in UI tests for a state, never for a time: conditions are checked on the FX thread. */
public final class FxWait {

    private FxWait() {
    }

    /** Waits (up to a minute: the first training step loads ND4J) until {@code condition}, checked on the FX thread. */
    public static void until(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(10, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    /** Runs {@code action} on the FX thread and waits for it (up to a minute); its failure fails the caller. */
    public static void onFx(String what, Runnable action) {
        try {
            WaitForAsyncUtils.asyncFx(action).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed to " + what, e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError("timed out trying to " + what, e);
        }
    }

    /**
     * Opens a window in a test's set-up as a {@code @Start} method would: {@code open} on the FX thread, then CSS
     * and layout (skins exist, so lookups find controls inside them) and the events that queued.
     */
    public static void openWindow(Runnable open) {
        onFx("open the window", () -> {
            open.run();
            javafx.scene.Parent root = primaryStage().getScene().getRoot();
            root.applyCss();
            root.layout();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The stage TestFX's {@code ApplicationExtension} gives a {@code @Start} method (set up before each test). */
    public static Stage primaryStage() {
        return FxToolkit.toolkitContext().getRegisteredStage();
    }
}
