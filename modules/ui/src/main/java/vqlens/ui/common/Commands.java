package vqlens.ui.common;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/**
 * Puts {@link Command}s on menu items and buttons (JabRef's {@code ActionFactory}): the control's text,
 * shortcut, tooltip and disabled state follow the command, and activating it executes the command.
 */
public final class Commands {

    private Commands() {
    }

    /** {@code item} shows and runs {@code command}: its menu text, accelerator and disabled state. */
    public static void bind(MenuItem item, Command command) {
        item.textProperty().bind(command.menuText());
        item.setAccelerator(command.accelerator());
        item.disableProperty().bind(command.executableProperty().not());
        item.setOnAction(e -> command.execute());
    }

    /** A new button (id {@code id}, never narrower than its text) that shows and runs {@code command}. */
    public static Button button(String id, Command command) {
        Button button = new Button();
        button.setId(id);
        button.setMinWidth(Region.USE_PREF_SIZE);
        bind(button, command);
        return button;
    }

    /** {@code button} shows and runs {@code command}: its button text, description as tooltip and disabled state. */
    public static void bind(ButtonBase button, Command command) {
        button.textProperty().bind(command.buttonText());
        button.disableProperty().bind(command.executableProperty().not());
        if (command.description() != null) {
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(command.description());
            button.setTooltip(tip);
        }
        button.setOnAction(e -> command.execute());
    }
}
