package vqlens.ui.inspect;

import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import vqlens.ui.files.FileDialogs;

/**
 * The File commands of the Inspect tab: open, save, save as and load data rows, with their file choosers and
 * the "save your edits?" question before unsaved edits are dropped. Created by {@link InspectorController}
 * with its constructor; FX thread only. The reading and writing itself is the view model's.
 */
final class InspectorFileCommands {

    private final InspectorViewModel vm;
    private final InspectorDialogs dialogs;
    private final FileDialogs files;

    InspectorFileCommands(InspectorViewModel vm, InspectorDialogs dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
        // the file on show is where the choosers start when no folder was used yet
        this.files = new FileDialogs(dialogs::window, () -> vm.fileProperty().get());
    }

    void openCodebook() {
        if (!askToKeepEdits("Open another codebook", null)) {
            return;
        }
        files.openCodebook("Open a codebook to inspect").ifPresent(file -> vm.open(file, null));
    }

    void openCodebook(Path file) {
        if (askToKeepEdits("Open another codebook", null)) {
            vm.open(file, null);
        }
    }

    /** Over the file on show when that keeps everything it held, else Save As; {@code then} may be null. */
    void save(Runnable then) {
        Path f = vm.fileProperty().get();
        if (f != null && vm.saveInPlaceProperty().get()) {
            vm.save(f, then);
        } else if (f != null && vm.writeBackSourceProperty().get() != null && confirmWriteBack(f)) {
            vm.writeBack(f, then);
        } else if (vm.writeBackSourceProperty().get() == null || !writeBackDeclined) {
            saveAs(then);
        }
    }

    /** Asked once per session: writing into the user's model file replaces it (atomically, all else kept). */
    private boolean writeBackConfirmed;
    private boolean writeBackDeclined;

    private boolean confirmWriteBack(Path model) {
        if (writeBackConfirmed) {
            return true;
        }
        ButtonType write = new ButtonType("Write into " + model.getFileName(), ButtonBar.ButtonData.OK_DONE);
        ButtonType copy = new ButtonType("Save as…", ButtonBar.ButtonData.OTHER);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", write, copy, ButtonType.CANCEL);
        dialogs.prepare(ask);
        ask.setTitle("Save into the model file");
        ask.setHeaderText("Write the edited codebook into " + model.getFileName() + "?");
        ask.setContentText("Only the codebook's values change; every other tensor, name and byte of the file stays as it"
                + " was, and the file is replaced in one step (a crash leaves the old one). Save as… writes a copy instead.");
        ask.getDialogPane().setId("writeBackDialog");
        ButtonType choice = ask.showAndWait().orElse(ButtonType.CANCEL);
        writeBackConfirmed = choice == write;
        writeBackDeclined = choice == ButtonType.CANCEL;
        return writeBackConfirmed;
    }

    /**
     * Save as: a plain codebook file, or, for codebooks read from a model file, a patched copy of that file (the model's
     * own extension, offered first).
     */
    void saveAs(Runnable then) {
        if (vm.getCodebooks() == null) {
            return;
        }
        writeBackDeclined = false;
        vqlens.core.io.CodebookSource source = vm.writeBackSourceProperty().get();
        String modelExtension = source == null ? null : extensionOf(source.file());
        files.saveCodebook("Save the codebooks", "VQ Lens codebook, keeps usage and meta (.npz)", suggestedName(),
                        modelExtension == null ? null : "a copy of " + source.file().getFileName() + " with the edit (."
                                + modelExtension + ")", modelExtension)
                .ifPresent(path -> {
                    if (modelExtension != null && modelExtension.equalsIgnoreCase(extensionOf(path))) {
                        vm.writeBack(path, then);
                    } else {
                        vm.save(path, then);
                    }
                });
    }

    private static String extensionOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1) : "";
    }

    private String suggestedName() {
        Path f = vm.fileProperty().get();
        if (f == null) {
            return "codebooks.npz";
        }
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return vm.saveInPlaceProperty().get() ? name : stem + "-edited.npz";
    }

    void loadData() {
        files.openRows("Data rows to show with the codebooks")
                .ifPresent(file -> vm.loadData(file, InspectorViewModel.DATA_ROWS));
    }

    /** See {@link InspectorController#askToKeepEdits}. */
    boolean askToKeepEdits(String action, Runnable afterSave) {
        if (!vm.isDirty()) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", InspectorController.SAVE, InspectorController.DISCARD,
                ButtonType.CANCEL);
        dialogs.prepare(ask);
        ask.setTitle(action);
        ask.setHeaderText("Save the edits to " + vm.documentName() + "?");
        ask.setContentText("The codebooks have edits that are not saved; they are lost unless you save them.");
        ask.getDialogPane().setId("unsavedEditsDialog");
        Optional<ButtonType> answer = ask.showAndWait();
        ButtonType choice = answer.orElse(ButtonType.CANCEL);
        if (choice == InspectorController.DISCARD) {
            return true;
        }
        if (choice == InspectorController.SAVE) {
            save(afterSave);
        }
        return false;
    }
}
