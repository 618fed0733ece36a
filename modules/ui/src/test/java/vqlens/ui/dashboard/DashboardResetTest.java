package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Reset asks before it discards steps no save holds (issue 12); a saved run resets at once. */
@ExtendWith(ApplicationExtension.class)
class DashboardResetTest {

    @RegisterExtension
    final Fixture fixture = Fixture.smallRun();

    @Test
    void resettingAnUnsavedRunAsksFirstAndCancelKeepsIt(FxRobot robot, @TempDir Path dir) {
        robot.interact(() -> fixture.vm().start());
        Fixture.until("finished", () -> fixture.vm().getState() == RunState.FINISHED);
        fixture.settle();
        long steps = fixture.vm().getStep();

        robot.clickOn("#resetButton");
        Fixture.until("the question", () -> Fixture.dialog().isPresent());
        DialogPane ask = Fixture.dialog().orElseThrow();
        assertTrue(ask.getContentText().startsWith("Discard the run? Its " + steps + " steps are not saved"),
                ask.getContentText());
        robot.clickOn(ask.lookupButton(ButtonType.CANCEL));
        Fixture.until("the dialog closed", () -> Fixture.dialog().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(RunState.FINISHED, fixture.vm().getState(), "cancelled: the run stays");
        assertEquals(steps, fixture.vm().getStep());

        robot.interact(() -> fixture.vm().save(dir.resolve("run.npz")));
        Fixture.until("saved", () -> fixture.vm().noticeProperty().get().startsWith("Saved run.npz"));
        robot.clickOn("#resetButton");
        Fixture.until("reset without a question", () -> fixture.vm().getStep() == 0);
        assertTrue(Fixture.dialog().isEmpty(), "the run was saved: nothing to ask");
    }
}
