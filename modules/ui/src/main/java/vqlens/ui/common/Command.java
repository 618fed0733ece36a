package vqlens.ui.common;

import java.util.Objects;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.input.KeyCombination;

/**
 * One user command, defined once by the view model (or controller) that owns it: what it does, when it can,
 * and how menus and buttons name it. {@link Commands} binds menu items and buttons to it, so both show the
 * same state and run the same action (JabRef's {@code SimpleCommand} with its {@code ActionFactory}).
 * Nothing here needs the toolkit running: tests {@link #execute()} a command directly.
 *
 * <p>Configure a command where it is made (the {@code with…} methods return it), then hand it out.
 */
public final class Command {

    private final Runnable action;
    private ObservableStringValue menuText;
    private ObservableStringValue buttonText;
    private ObservableStringValue description;
    private KeyCombination accelerator;
    private BooleanExpression executable = new ReadOnlyBooleanWrapper(true);

    private Command(ObservableStringValue menuText, Runnable action) {
        this.menuText = Objects.requireNonNull(menuText, "menuText");
        this.action = Objects.requireNonNull(action, "action");
    }

    /** A command whose menu item reads {@code menuText} ({@code _} marks the mnemonic). */
    public static Command of(String menuText, Runnable action) {
        return new Command(new ReadOnlyStringWrapper(menuText), action);
    }

    /** A command whose menu item's text changes (e.g. "Undo" and what it undoes). */
    public static Command of(ObservableStringValue menuText, Runnable action) {
        return new Command(menuText, action);
    }

    /** Runs only while {@code condition} is true; menu items and buttons are disabled otherwise. */
    public Command enabledWhen(ObservableBooleanValue condition) {
        executable = BooleanExpression.booleanExpression(condition);
        return this;
    }

    public Command withAccelerator(String keys) {
        accelerator = KeyCombination.valueOf(keys);
        return this;
    }

    /** A button's (shorter) label; without one a button shows the menu text. */
    public Command withButtonText(String text) {
        return withButtonText(new ReadOnlyStringWrapper(text));
    }

    public Command withButtonText(ObservableStringValue text) {
        buttonText = Objects.requireNonNull(text, "text");
        return this;
    }

    /** What the command does, in a sentence: a button's tooltip. */
    public Command withDescription(String text) {
        return withDescription(new ReadOnlyStringWrapper(text));
    }

    public Command withDescription(ObservableStringValue text) {
        description = Objects.requireNonNull(text, "text");
        return this;
    }

    /**
     * This command with a further condition (e.g. only while its tab is on show): the same action, texts and
     * keys, runnable while both conditions hold.
     */
    public Command onlyWhen(ObservableBooleanValue condition) {
        Command narrower = new Command(menuText, action);
        narrower.buttonText = buttonText;
        narrower.description = description;
        narrower.accelerator = accelerator;
        narrower.executable = executable.and(BooleanExpression.booleanExpression(condition));
        return narrower;
    }

    /** Runs the action if the command can run now; does nothing otherwise. */
    public void execute() {
        if (executable.get()) {
            action.run();
        }
    }

    public BooleanExpression executableProperty() {
        return executable;
    }

    public ObservableStringValue menuText() {
        return menuText;
    }

    public ObservableStringValue buttonText() {
        return buttonText != null ? buttonText : Bindings.createStringBinding(
                () -> menuText.get().replace("_", ""), menuText);
    }

    /** The tooltip text, or {@code null} when the command has none. */
    public ObservableStringValue description() {
        return description;
    }

    /** The menu item's shortcut, or {@code null}. */
    public KeyCombination accelerator() {
        return accelerator;
    }
}
