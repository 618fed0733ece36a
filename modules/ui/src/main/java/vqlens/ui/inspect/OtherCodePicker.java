package vqlens.ui.inspect;

import javafx.beans.property.ObjectProperty;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;

/**
 * The "other code" of two-code edits: its spinner (kept inside the head's codes, typed values committed on
 * Enter or leaving the field), the Nearest and Least used buttons that choose it, and the note saying when the
 * default could not avoid a live code. Created and bound by
 * {@link InspectorController#initialize}; FX thread only.
 */
final class OtherCodePicker {

    /** Shown under the other code when the default had to be the nearest code: nothing says whether it is used. */
    static final String NEAREST_WITHOUT_USAGE =
            "No usage in this file: the nearest code was chosen; it may be in use (load data rows to count usage).";

    private final InspectorViewModel vm;
    private final InspectorEditor editor;
    private final Spinner<Integer> otherSpinner;
    /** Held here: the spinner's bidirectional binding keeps only a weak reference to it. */
    private ObjectProperty<Integer> otherAsObject;

    OtherCodePicker(InspectorViewModel vm, InspectorEditor editor, Spinner<Integer> otherSpinner) {
        this.vm = vm;
        this.editor = editor;
        this.otherSpinner = otherSpinner;
    }

    void bind(Button nearestButton, Button leastUsedButton, Label note) {
        SpinnerValueFactory.IntegerSpinnerValueFactory others = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 0, 0);
        otherSpinner.setValueFactory(others);
        otherAsObject = editor.otherCodeProperty().asObject();
        others.valueProperty().bindBidirectional(otherAsObject);
        vm.codebooksProperty().addListener((obs, old, now) -> others.setMax(now == null ? 0 : now.config().codes() - 1));
        vm.selectedCodeProperty().addListener((obs, old, now) -> pickDefault());
        vm.usageProperty().addListener((obs, old, now) -> { // usage came (counted in the background): choose again
            if (old == null && now != null) {
                pickDefault();
            }
        });
        otherSpinner.getEditor().setOnAction(e -> commitSpinner());
        otherSpinner.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                commitSpinner();
            }
        });
        otherSpinner.disableProperty().bind(editor.hasCodeProperty().not());
        nearestButton.disableProperty().bind(editor.hasCodeProperty().not());
        leastUsedButton.disableProperty().bind(editor.hasCodeProperty().not().or(vm.usageProperty().isNull()));
        nearestButton.setTooltip(new Tooltip("Other code: the code nearest to the selected one"));
        leastUsedButton.setTooltip(new Tooltip("Other code: the head's least used code"));
        // the default is the nearest code exactly when there is no usage: say so, Split may overwrite a live code
        note.textProperty().bind(Bindings.when(editor.hasCodeProperty().and(vm.usageProperty().isNull()))
                .then(NEAREST_WITHOUT_USAGE).otherwise(""));
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        nearestButton.setOnAction(e -> pickNearest());
        leastUsedButton.setOnAction(e -> pickLeastUsed());
    }

    /**
     * The other code a new selection gets: with usage, the head's least used code (a dead one if any), so
     * Split and Duplicate overwrite a code nobody uses, never a live neighbour; without usage, the nearest.
     */
    void pickDefault() {
        if (vm.getUsage() != null) {
            pickLeastUsed();
        } else {
            pickNearest();
        }
    }

    /** Other code := the code nearest to the selected one. */
    void pickNearest() {
        HeadStats s = vm.getHeadStats();
        int code = vm.selectedCodeProperty().get();
        if (s != null && code >= 0 && code < s.codes() && s.distances().nearest(code) >= 0) {
            editor.otherCodeProperty().set(s.distances().nearest(code));
        }
    }

    /** Other code := the head's least used code other than the selected one. */
    void pickLeastUsed() {
        double[] u = Usages.head(vm.getUsage(), vm.selectedHeadProperty().get());
        int code = vm.selectedCodeProperty().get();
        if (u == null) {
            return;
        }
        int best = -1;
        for (int c = 0; c < u.length; c++) {
            if (c != code && (best < 0 || u[c] < u[best])) {
                best = c;
            }
        }
        if (best >= 0) {
            editor.otherCodeProperty().set(best);
        }
    }

    /** Takes the typed number, clamped to the head's codes; anything else puts the old value back. */
    private void commitSpinner() {
        String text = otherSpinner.getEditor().getText();
        try {
            int v = Integer.parseInt(text.trim());
            SpinnerValueFactory.IntegerSpinnerValueFactory f = (SpinnerValueFactory.IntegerSpinnerValueFactory) otherSpinner.getValueFactory();
            f.setValue(Math.max(f.getMin(), Math.min(f.getMax(), v)));
        } catch (NumberFormatException e) {
            // keep the old value
        }
        otherSpinner.getEditor().setText(String.valueOf(otherSpinner.getValue()));
    }
}
