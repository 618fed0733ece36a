package vqlens.ui.shell;

import vqlens.ui.common.ManualExecutor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.function.Supplier;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.core.runtime.RuntimeInfo;

/** The main window on a real (headless) stage, with a fake compute runtime. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private final ManualExecutor background = new ManualExecutor();
    /** What the fake runtime does when the background work runs; a test may replace it first. */
    private volatile Supplier<RuntimeInfo> runtime = () -> FakeRuntimes.FAKE;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        MainWindow.open(stage, new ShellServices(() -> runtime.get(), background, Runnable::run));
    }

    @Test
    void titleSaysVqLensAndTheWindowHasItsSize() {
        assertTrue(stage.isShowing());
        assertTrue(stage.getTitle().contains("VQ Lens"), stage.getTitle());
        assertEquals(1280, stage.getScene().getWidth());
        assertEquals(800, stage.getScene().getHeight());
    }

    /** In a narrow window the run's facts keep their full text; the long backend summary and notices give way. */
    @Test
    void theStatusBarsRunFactsAreNeverCutShort(FxRobot robot) {
        robot.interact(background::runAll);
        double width = stage.getWidth();
        robot.interact(() -> stage.setWidth(900));
        try {
            WaitForAsyncUtils.waitForFxEvents();
            for (String id : List.of("runStateLabel", "stepLabel", "rateLabel", "elapsedLabel", "memoryLabel", "versionLabel")) {
                Label label = robot.lookup("#" + id).queryAs(Label.class);
                assertTrue(label.getWidth() >= label.prefWidth(-1) - WHOLE_PIXEL, id + " '" + label.getText() + "' is "
                        + label.getWidth() + " px of the " + label.prefWidth(-1) + " its text needs");
            }
            Label status = robot.lookup("#statusLabel").queryAs(Label.class);
            assertTrue(status.getWidth() < status.prefWidth(-1), "the backend summary is what shrinks");
        } finally {
            robot.interact(() -> stage.setWidth(width)); // the primary stage is shared by the UI tests that follow
        }
    }

    /** Layout rounds widths to whole pixels. */
    private static final double WHOLE_PIXEL = 1.0;

    @Test
    void statusBarGoesFromLoadingToTheBackendSummary(FxRobot robot) {
        Label status = robot.lookup("#statusLabel").queryAs(Label.class);
        ProgressIndicator progress = robot.lookup("#statusProgress").queryAs(ProgressIndicator.class);
        assertEquals("Loading ND4J…", status.getText(), "the window shows before the runtime has loaded");
        assertTrue(progress.isVisible());

        robot.interact(background::runAll);

        assertEquals("Compute backend: " + FakeRuntimes.FAKE.summary(), status.getText());
        assertFalse(progress.isVisible());
        assertFalse(status.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("error")));
    }

    @Test
    void statusBarSaysWhyTheRuntimeIsUnavailable(FxRobot robot) {
        runtime = () -> {
            throw new IllegalStateException("ND4J backend not found");
        };
        robot.interact(background::runAll);

        Label status = robot.lookup("#statusLabel").queryAs(Label.class);
        assertEquals("Compute backend unavailable: ND4J backend not found", status.getText());
        assertFalse(robot.lookup("#statusProgress").query().isVisible());
        assertTrue(status.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("error")));
    }

    /** The Inspect tab's view is built when the tab is first opened (a quicker start), and then kept. */
    @Test
    void theInspectorIsBuiltWhenItsTabIsFirstOpened(FxRobot robot) {
        javafx.scene.control.TabPane views = robot.lookup(".views").queryAs(javafx.scene.control.TabPane.class);
        javafx.scene.control.Tab inspect = views.getTabs().get(1);
        assertEquals("Inspect", inspect.getText());
        assertNull(inspect.getContent(), "nothing of the inspector is in the scene at start");

        robot.interact(() -> views.getSelectionModel().select(inspect));
        WaitForAsyncUtils.waitForFxEvents();
        Node built = inspect.getContent();
        assertNotNull(built, "opening the tab builds the inspector");
        assertTrue(built.getStyleClass().contains("inspector"), built.getStyleClass().toString());

        robot.interact(() -> views.getSelectionModel().select(0));
        robot.interact(() -> views.getSelectionModel().select(inspect));
        assertSame(built, inspect.getContent(), "built once");
    }

    @Test
    void quitMenuItemClosesTheStage(FxRobot robot) throws Exception {
        openFileMenu(robot);
        robot.clickOn(row(menuItem(robot, "quitItem")));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.isShowing());
    }

    @Test
    void quitShortcutClosesTheStage(FxRobot robot) {
        robot.clickOn("#statusLabel"); // focus the window
        robot.push(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.isShowing());
    }

    @Test
    void fileMenuHasTheUsualShortcutsAndSaveWaitsForACodebook(FxRobot robot) throws Exception {
        MenuItem open = menuItem(robot, "openCodebookItem");
        assertFalse(open.isDisable());
        assertEquals(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), open.getAccelerator());
        MenuItem save = menuItem(robot, "saveItem");
        assertEquals(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), save.getAccelerator());
        assertTrue(save.isDisable(), "nothing to save before training or opening a codebook");
        assertTrue(menuItem(robot, "saveAsItem").isDisable());
        assertEquals(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), menuItem(robot, "quitItem").getAccelerator());

        openFileMenu(robot);
        robot.clickOn(row(save)); // does nothing, and leaves the window open
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing());
    }

    @Test
    void theInspectTabIsOnAndTheEditMenuWaitsForIt(FxRobot robot) {
        TabPane views = robot.lookup("#views").queryAs(TabPane.class);
        assertEquals("Train", views.getSelectionModel().getSelectedItem().getText());
        Tab inspect = views.getTabs().get(1);
        assertFalse(inspect.isDisable());
        MenuItem undo = menuItem(robot, "undoItem");
        assertEquals(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), undo.getAccelerator());
        assertEquals(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                menuItem(robot, "redoItem").getAccelerator());
        assertTrue(undo.isDisable(), "nothing to undo");
        assertTrue(menuItem(robot, "normaliseItem").isDisable(), "no codebook on show");
    }

    private static void openFileMenu(FxRobot robot) {
        robot.clickOn(robot.lookup(".menu-bar .menu").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Help ▸ Start here opens the guide; Keyboard shortcuts lists the menus' accelerators and the dashboard's keys. */
    @Test
    void theHelpSaysWhereToStartAndListsTheShortcuts(FxRobot robot) {
        robot.interact(background::runAll);
        robot.interact(() -> menuItem(robot, "startHereItem").fire());
        Stage help = helpStage();
        try {
            String start = pageText(help);
            assertTrue(start.startsWith("Start here"), start);
            assertTrue(start.contains("Watch a codebook learn."), "the first thing to try");
            assertEquals(new KeyCodeCombination(KeyCode.F1), menuItem(robot, "startHereItem").getAccelerator());
            robot.interact(() -> menuItem(robot, "shortcutsItem").fire());
            String keys = pageText(help);
            String open = menuItem(robot, "openCodebookItem").getAccelerator().getDisplayText();
            assertTrue(keys.contains(open + "File ▸ Open"), "read from the menu: " + keys);
            assertTrue(keys.contains("Space"), keys);
            assertTrue(keys.contains("one training step"), keys);
        } finally {
            robot.interact(help::close);
        }
    }

    private static Stage helpStage() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> javafx.stage.Window.getWindows().stream()
                    .filter(w -> w instanceof Stage st && "VQ Lens help".equals(st.getTitle()) && w.isShowing())
                    .map(w -> (Stage) w).findFirst().orElseThrow(() -> new AssertionError("no help window")))
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String pageText(Stage stage) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                StringBuilder out = new StringBuilder();
                collectText(stage.getScene().lookup("#helpPage"), out);
                return out.toString();
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void collectText(Node n, StringBuilder out) {
        if (n instanceof javafx.scene.text.Text t) {
            out.append(t.getText());
        } else if (n instanceof Label l) {
            out.append(l.getText());
        } else if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collectText(c, out));
        }
    }

    private static MenuItem menuItem(FxRobot robot, String id) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().stream()
                .flatMap(menu -> menu.getItems().stream())
                .filter(item -> id.equals(item.getId()))
                .findFirst().orElseThrow(() -> new AssertionError("no menu item #" + id));
    }

    /** The row of an open menu that shows {@code item}. */
    private static Node row(MenuItem item) throws Exception {
        Node row = WaitForAsyncUtils.asyncFx(() -> findRow(item)).get(5, TimeUnit.SECONDS);
        assertNotNull(row, "menu row for " + item.getId());
        return row;
    }

    /** The node showing {@code item} in an open popup menu (the skin tags each row with its item), or null. */
    private static Node findRow(MenuItem item) {
        for (javafx.stage.Window window : javafx.stage.Window.getWindows()) {
            if (window instanceof javafx.scene.control.ContextMenu menu && window.isShowing()
                    && menu.getSkin() != null && menu.getSkin().getNode() != null) {
                for (Node node : menu.getSkin().getNode().lookupAll(".menu-item")) {
                    if (node.getProperties().get(MenuItem.class) == item) {
                        return node;
                    }
                }
            }
        }
        return null;
    }
}
