package vqlens.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import vqlens.ui.dashboard.DashboardController;
import vqlens.ui.common.ManualExecutor;

/**
 * The window's first frame holds only the shell (menus, tabs, status bar saying ND4J is loading); the
 * training view and the tooltips come through {@link ShellServices#afterFirstFrame()}, here run by hand.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowFirstFrameTest {

    private final ManualExecutor runtimeLoader = new ManualExecutor();
    private final ManualExecutor afterFirstFrame = new ManualExecutor();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = MainWindow.open(stage,
                new ShellServices(() -> FakeRuntimes.FAKE, runtimeLoader, Runnable::run, afterFirstFrame));
    }

    @Test
    void theFirstFrameShowsTheShellWithAPlaceholderAndSaysItIsLoading(FxRobot robot) {
        assertTrue(window.stage().isShowing());
        assertEquals(1, afterFirstFrame.pendingCount(), "the training view waits for the first frame");
        assertTrue(robot.lookup("#dashboard").tryQuery().isEmpty(), "no training view yet");
        Label placeholder = robot.lookup(".view-placeholder .label").queryAs(Label.class);
        assertEquals("Preparing the training view…", placeholder.getText());
        assertEquals("Loading ND4J…", robot.lookup("#statusLabel").queryAs(Label.class).getText());
        assertNull(inspectTabTooltip(robot), "tooltips come after the first frame");
        assertTrue(robot.lookup(".menu-bar").tryQuery().isPresent(), "the menus are there from the first frame");
    }

    @Test
    void afterTheFirstFrameTheTrainingViewReplacesThePlaceholder(FxRobot robot) {
        robot.interact(afterFirstFrame::runAll);

        assertTrue(robot.lookup(".view-placeholder").tryQuery().isEmpty(), "placeholder gone");
        Node dashboard = robot.lookup("#dashboard").query();
        assertSame(dashboard, trainTabContent(robot));
        assertTrue(robot.lookup("#startButton").tryQuery().isPresent(), "the run controls are there");
        assertNotNull(inspectTabTooltip(robot));
        assertTrue(isInside(window.scene().getFocusOwner(), dashboard), "Space and Right work at once");
    }

    @Test
    void aCommandBeforeTheFirstFrameBuildsTheViewItNeedsOnceOnly(FxRobot robot) {
        DashboardController[] early = new DashboardController[1];
        robot.interact(() -> early[0] = window.dashboardController());
        Node dashboard = robot.lookup("#dashboard").query();

        robot.interact(afterFirstFrame::runAll);

        assertSame(early[0], window.dashboardController(), "the deferred set-up did not build a second view");
        assertSame(dashboard, trainTabContent(robot));
        assertEquals(1, robot.lookup("#dashboard").queryAll().size());
    }

    private static Node trainTabContent(FxRobot robot) {
        return robot.lookup(".views").queryAs(TabPane.class).getTabs().get(0).getContent();
    }

    private static javafx.scene.control.Tooltip inspectTabTooltip(FxRobot robot) {
        return robot.lookup(".views").queryAs(TabPane.class).getTabs().get(1).getTooltip();
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }
}
