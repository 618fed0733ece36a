package vqlens.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.application.Platform;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import vqlens.ui.common.Delayer;
import vqlens.ui.dashboard.DashboardServices;
import vqlens.ui.dashboard.TrainerFactory;
import vqlens.ui.learn.LearnView;
import vqlens.ui.learn.ZoomStore;

/** The Learn tab in the main window: built when first opened, its keys its own, the zoom menu, kept zoom. */
@ExtendWith(ApplicationExtension.class)
class LearnTabTest {
    private final ZoomStore zoom = ZoomStore.inMemory(1.0);
    private final vqlens.ui.common.ManualExecutor training = new vqlens.ui.common.ManualExecutor();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        // Training queued, never run: a key that reached the dashboard would show as a step or a queued run.
        DashboardServices services = new DashboardServices(training, Runnable::run, Platform::runLater,
                Delayer.system(), DashboardServices.DEFAULT_REFRESH_HZ, TrainerFactory.DEFAULT);
        window = MainWindow.open(stage, new ShellServices(() -> FakeRuntimes.CPU, Runnable::run, Runnable::run,
                Runnable::run, zoom), services);
    }

    private TabPane views() {
        return (TabPane) window.scene().lookup(".views");
    }

    @Test
    void theThirdTabIsLearnAndIsBuiltWhenFirstOpened(FxRobot robot) {
        Tab learn = views().getTabs().get(2);
        assertEquals("Learn", learn.getText());
        assertNull(learn.getContent(), "not built before it is opened: the first frame stays quick");
        robot.interact(() -> views().getSelectionModel().select(learn));
        assertTrue(learn.getContent() instanceof LearnView);
        assertSame(learn.getContent(), window.showLearn(), "built once");
    }

    @Test
    void onTheLearnTabTheArrowsMoveTheLessonNotTheTraining(FxRobot robot) {
        LearnView[] learn = new LearnView[1];
        robot.interact(() -> {
            learn[0] = window.showLearn();
            learn[0].select(1);
        });
        robot.clickOn(".lesson-title");
        robot.type(KeyCode.RIGHT);
        assertEquals(0, window.dashboard().getStep(), "Right did not step the training run");
        assertEquals(vqlens.ui.dashboard.RunState.NONE, window.dashboard().getState(), "nor start one");
        assertEquals(0, training.pendingCount());
        assertFalse(robot.lookup("#stepBack").queryButton().isDisabled(), "it made the lesson's next move");
    }

    @Test
    void zoomIsOnTheViewMenuForTheLearnTabAndKeptInTheStore(FxRobot robot) {
        MenuItem zoomIn = menuItem("zoomInItem");
        assertTrue(zoomIn.isDisable(), "only while the Learn tab is on show");
        robot.interact(window::showLearn);
        assertFalse(zoomIn.isDisable());
        robot.interact(zoomIn::fire);
        assertTrue(zoom.load() > 1.1, "kept for the next launch: " + zoom.load());
        assertEquals(zoom.load(), window.showLearn().zoom());
        robot.interact(() -> menuItem("zoomResetItem").fire());
        assertEquals(1.0, zoom.load());
        robot.interact(() -> {
            for (int i = 0; i < 30; i++) {
                menuItem("zoomInItem").fire();
            }
        });
        assertEquals(LearnView.MAX_ZOOM, zoom.load(), "zoom stops at its limit");
    }

    @Test
    void lessonThreeOffersTheCodebookOpenInTheInspector(FxRobot robot) {
        java.nio.file.Path teaching = java.nio.file.Path.of("../../resources/codebooks/teaching-1x16x2.npz")
                .toAbsolutePath().normalize();
        robot.interact(() -> window.inspector().open(teaching, null));
        java.util.List<vqlens.ui.common.OnHandCodebooks> onHand = MainWindow.onHand(window.dashboard(), window.inspector());
        assertEquals(1, onHand.size(), String.valueOf(onHand));
        assertEquals("open in the inspector: teaching-1x16x2.npz", onHand.get(0).name());
        robot.interact(() -> window.showLearn().select(2));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<String> source =
                (javafx.scene.control.ChoiceBox<String>) window.scene().lookup("#forwardSource");
        robot.interact(() -> source.show());
        assertTrue(source.getItems().contains("open in the inspector: teaching-1x16x2.npz"), String.valueOf(source.getItems()));
        robot.interact(() -> {
            source.hide();
            source.setValue("open in the inspector: teaching-1x16x2.npz");
        });
        String chain = ((javafx.scene.control.Label) window.scene().lookup("#shapeChain")).getText();
        assertTrue(chain.contains("for open in the inspector: teaching-1x16x2.npz"), chain);
    }

    private MenuItem menuItem(String id) {
        MenuBar bar = (MenuBar) window.scene().lookup(".menu-bar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId()))
                .findFirst().orElseThrow(() -> new AssertionError("no menu item #" + id));
    }
}
