package vqlens.ui.inspect;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import vqlens.ui.common.Command;

/**
 * The inspector's edit commands, defined once: the Edit menu and the edit panel's buttons bind to these
 * (texts, shortcuts, tooltips, when each can act). Made by {@link InspectorController} from its view model
 * and editor.
 */
public record InspectorCommands(Command undo, Command redo, Command reinitFromDataRow, Command reinitToCellMean,
                                Command reinitRandom, Command duplicate, Command split, Command merge, Command swap,
                                Command move, Command replaceDead, Command sortByUsage, Command normaliseHead,
                                Command normaliseAll) {

    static InspectorCommands of(InspectorViewModel vm, InspectorEditor editor) {
        BooleanBinding hasCode = editor.hasCodeProperty();
        BooleanBinding hasOther = editor.hasOtherProperty();
        BooleanBinding hasData = vm.dataProperty().isNotNull();
        BooleanBinding hasUsage = vm.usageProperty().isNotNull();
        BooleanBinding hasCodebooks = vm.hasCodebooksProperty();
        return new InspectorCommands(
                Command.of(Bindings.when(vm.canUndoProperty()).then(Bindings.concat("_Undo ", vm.undoTextProperty()))
                                .otherwise("_Undo"), vm::undo)
                        .withAccelerator("Shortcut+Z").withButtonText("Undo")
                        .withDescription(Bindings.concat("Undo: ", vm.undoTextProperty()))
                        .enabledWhen(vm.canUndoProperty()),
                Command.of(Bindings.when(vm.canRedoProperty()).then(Bindings.concat("_Redo ", vm.redoTextProperty()))
                                .otherwise("_Redo"), vm::redo)
                        .withAccelerator("Shortcut+Shift+Z").withButtonText("Redo")
                        .withDescription(Bindings.concat("Redo: ", vm.redoTextProperty()))
                        .enabledWhen(vm.canRedoProperty()),
                Command.of("Re-initialise code from a data _row", editor::reinitFromDataRow)
                        .withButtonText("From a data row")
                        .withDescription("Give the code the head's part of a random data row (needs data rows)")
                        .enabledWhen(hasCode.and(hasData)),
                Command.of("Move code to its _cell mean", editor::reinitToCellMean)
                        .withButtonText("Cell mean")
                        .withDescription("Move the code to the mean of the data rows nearest to it (needs data rows)")
                        .enabledWhen(hasCode.and(hasData)),
                Command.of("Re-initialise code at rand_om", editor::reinitRandom)
                        .withButtonText("Random")
                        .withDescription("A random vector with the spread of the head's other codes")
                        .enabledWhen(hasCode),
                Command.of("_Duplicate code into the other code", editor::duplicate)
                        .withButtonText("Duplicate")
                        .withDescription("Copy the selected code over the other code")
                        .enabledWhen(hasOther),
                Command.of("S_plit code into itself and the other code", editor::split)
                        .withButtonText("Split")
                        .withDescription("Split the selected (busy) code in two; the other code becomes the second half")
                        .enabledWhen(hasOther),
                Command.of("_Merge the other code into the code", editor::merge)
                        .withButtonText("Merge")
                        .withDescription("Merge the other code into the selected one (usage-weighted mean); the other is re-seeded")
                        .enabledWhen(hasOther),
                Command.of("_Swap code with the other code", editor::swap)
                        .withButtonText("Swap")
                        .withDescription("Swap the selected code and the other code")
                        .enabledWhen(hasOther),
                Command.of("Mo_ve code to the other code's place", editor::move)
                        .withButtonText("Move")
                        .withDescription("Move the selected code to the other code's position, shifting the codes between")
                        .enabledWhen(hasOther),
                Command.of("Replace d_ead codes", editor::replaceDead)
                        .withButtonText("Replace dead")
                        .withDescription("Re-seed every code of every head whose usage is below the threshold from random"
                                + " data rows (needs usage and data rows)")
                        .enabledWhen(hasCodebooks.and(hasUsage).and(hasData)),
                Command.of("Sort head by _usage", editor::sortByUsage)
                        .withButtonText("Sort by usage")
                        .withDescription("Reorder the head's codes by usage, most used first")
                        .enabledWhen(hasCodebooks.and(hasUsage)),
                Command.of("_Normalise head", () -> editor.normalise(false))
                        .withButtonText("Normalise")
                        .withDescription("Scale the head's codes to unit length")
                        .enabledWhen(hasCodebooks),
                Command.of("Normalise _all heads", () -> editor.normalise(true))
                        .withButtonText("Normalise all heads")
                        .withDescription("Scale every head's codes to unit length")
                        .enabledWhen(hasCodebooks));
    }
}
