package vqlens.ui.inspect;

import java.util.function.Supplier;

import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.stage.Window;
import vqlens.ui.dashboard.UserMessage;

/**
 * The inspector's dialogs: shows the view model's messages (an error, or which codebook of a file to open)
 * and gives every dialog the window's style sheets and owner. Created by {@link InspectorController} with
 * its constructor, before the FXML nodes exist, hence the scene supplier. FX thread only.
 */
final class InspectorDialogs {

    private final InspectorViewModel vm;
    private final Supplier<Scene> scene;

    InspectorDialogs(InspectorViewModel vm, Supplier<Scene> scene) {
        this.vm = vm;
        this.scene = scene;
    }

    /** The window the dialogs belong to; {@code null} before the inspector is on screen. */
    Window window() {
        Scene s = scene.get();
        return s == null ? null : s.getWindow();
    }

    /** Styles {@code dialog} like the window and makes it the window's child. */
    void prepare(Dialog<?> dialog) {
        Scene s = scene.get();
        if (s != null) {
            dialog.getDialogPane().getStylesheets().setAll(s.getStylesheets());
        }
        if (window() != null) {
            dialog.initOwner(window());
        }
    }

    /** Shows {@code m}: a choice of codebook (then opens it), or an error. */
    void show(UserMessage m) {
        if (m.kind() == UserMessage.Kind.CHOOSE_KEY) {
            ChoiceDialog<String> dialog = new ChoiceDialog<>(m.candidates().get(0), m.candidates());
            prepare(dialog);
            dialog.setTitle(m.title());
            dialog.setHeaderText(m.text());
            dialog.setContentText("Codebook:");
            dialog.getDialogPane().setId("chooseKeyDialog");
            dialog.setOnHidden(e -> {
                String key = dialog.getResult();
                if (key != null && m.file() != null) {
                    vm.open(m.file(), key);
                }
            });
            dialog.show();
            return;
        }
        Alert alert = new Alert(Alert.AlertType.ERROR);
        prepare(alert);
        alert.setTitle(m.title());
        alert.setHeaderText(m.title());
        Label text = new Label(m.text());
        text.setWrapText(true);
        text.setId("inspectorMessageText");
        text.setMaxWidth(520);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().getStyleClass().add("message-dialog");
        alert.show();
    }
}
