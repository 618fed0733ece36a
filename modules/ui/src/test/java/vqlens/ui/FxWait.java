package vqlens.ui;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.testfx.util.WaitForAsyncUtils;

/** Waiting in UI tests for a state, never for a time: conditions are checked on the FX thread. */
public final class FxWait {

    private FxWait() {
    }

    /** BoundedWait (up to a minute: the first training step loads ND4J) until {@code condition}, checked on the FX thread. */
    public static void until(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(10, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }
}
