package vqlens.ui.inspect;

import java.util.function.Supplier;

import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.stage.Window;
import vqlens.ui.common.MessageDialogs;
import vqlens.ui.common.UserMessage;

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
        MessageDialogs.prepare(dialog, window());
    }

    /** Shows {@code m}: a choice of codebook (then opens it), or an error. */
    void show(UserMessage m) {
        MessageDialogs.show(m, window(), vm::open, "inspector");
    }
}
