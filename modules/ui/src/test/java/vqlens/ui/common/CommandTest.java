package vqlens.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;

/** A command without the toolkit: when it runs, what a menu item bound to it shows. */
class CommandTest {

    private final AtomicInteger runs = new AtomicInteger();
    private final SimpleBooleanProperty canRun = new SimpleBooleanProperty(false);

    @Test
    void itRunsOnlyWhileItsConditionHolds() {
        Command c = Command.of("_Swap", runs::incrementAndGet).enabledWhen(canRun);
        c.execute();
        assertEquals(0, runs.get(), "disabled: nothing runs");
        canRun.set(true);
        c.execute();
        assertEquals(1, runs.get());
    }

    @Test
    void aNarrowerCommandNeedsBothConditionsAndKeepsTheOriginalsTextsAndKeys() {
        SimpleBooleanProperty onShow = new SimpleBooleanProperty(false);
        Command c = Command.of("_Undo", runs::incrementAndGet).enabledWhen(canRun).withAccelerator("Shortcut+Z")
                .withButtonText("Undo").withDescription("Undo the last edit");
        Command whileOnShow = c.onlyWhen(onShow);
        canRun.set(true);
        assertFalse(whileOnShow.executableProperty().get());
        whileOnShow.execute();
        assertEquals(0, runs.get());
        onShow.set(true);
        assertTrue(whileOnShow.executableProperty().get());
        whileOnShow.execute();
        assertEquals(1, runs.get());
        canRun.set(false);
        assertFalse(whileOnShow.executableProperty().get(), "the original's condition still counts");
        assertFalse(c.executableProperty().get());
        assertEquals(c.accelerator(), whileOnShow.accelerator());
        assertEquals("Undo", whileOnShow.buttonText().get());
        assertEquals("Undo the last edit", whileOnShow.description().get());
    }

    @Test
    void aMenuItemShowsTheCommandsTextShortcutAndStateAndRunsIt() {
        SimpleStringProperty text = new SimpleStringProperty("_Redo");
        Command c = Command.of(text, runs::incrementAndGet).enabledWhen(canRun).withAccelerator("Shortcut+Shift+Z");
        MenuItem item = new MenuItem();
        Commands.bind(item, c);
        assertEquals("_Redo", item.getText());
        assertEquals(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                item.getAccelerator());
        assertTrue(item.isDisable());
        canRun.set(true);
        assertFalse(item.isDisable());
        text.set("_Redo swap 1 and 2");
        assertEquals("_Redo swap 1 and 2", item.getText());
        item.fire();
        assertEquals(1, runs.get());
    }

    @Test
    void withoutAButtonTextAButtonShowsTheMenuTextWithoutItsMnemonic() {
        Command c = Command.of("Sort head by _usage", runs::incrementAndGet);
        assertEquals("Sort head by usage", c.buttonText().get());
        assertNull(c.description());
        assertNull(c.accelerator());
        assertTrue(c.executableProperty().get(), "a command without a condition can always run");
    }
}
