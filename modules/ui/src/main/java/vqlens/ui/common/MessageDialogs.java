package vqlens.ui.common;

import java.nio.file.Path;
import java.util.function.BiConsumer;

import javafx.scene.control.Alert;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.stage.Window;

/**
 * Shows a {@link UserMessage} the way the dashboard and the inspector both do: a choice of codebook when a
 * file holds several (the chosen key goes to {@code openKey}), else an error dialog with the message's
 * text wrapped. Dialogs take the owner window's style sheets and open as its children. FX thread only.
 */
public final class MessageDialogs {

    private static final double TEXT_WIDTH = 520;

    private MessageDialogs() {
    }

    /**
     * Shows {@code m} over {@code owner} (may be {@code null}); {@code idPrefix} names the dialog's nodes for
     * tests and styles: "{prefix}ChooseKey" on the codebook choice, "{prefix}MessageText" on the error text.
     */
    public static void show(UserMessage m, Window owner, BiConsumer<Path, String> openKey, String idPrefix) {
        if (m.kind() == UserMessage.Kind.CHOOSE_KEY) {
            ChoiceDialog<String> dialog = new ChoiceDialog<>(m.candidates().get(0), m.candidates());
            prepare(dialog, owner);
            dialog.getDialogPane().getStyleClass().add("choose-key-dialog");
            dialog.getDialogPane().setId(idPrefix + "ChooseKey");
            dialog.setTitle(m.title());
            dialog.setHeaderText(m.text());
            dialog.setContentText("Codebook:");
            dialog.setOnHidden(e -> {
                String key = dialog.getResult();
                if (key != null && m.file() != null) {
                    openKey.accept(m.file(), key);
                }
            });
            dialog.show();
            return;
        }
        Alert alert = new Alert(Alert.AlertType.ERROR);
        prepare(alert, owner);
        alert.setTitle(m.title());
        alert.setHeaderText(m.title());
        Label text = new Label(m.text());
        text.setWrapText(true);
        text.setId(idPrefix + "MessageText");
        text.setMaxWidth(TEXT_WIDTH);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().getStyleClass().add("message-dialog");
        alert.show();
    }

    /** Styles {@code dialog} like {@code owner}'s scene and makes it {@code owner}'s child. */
    public static void prepare(Dialog<?> dialog, Window owner) {
        if (owner == null) {
            return;
        }
        if (owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.initOwner(owner);
    }
}
