package vqlens.ui.inspect;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;
import vqlens.core.Codebooks;
import vqlens.train.Trainer;

/**
 * The bar above the table: what is on show, the data rows, the Follow button's state and the head chooser,
 * kept in step with the view model. Created and bound by {@link InspectorController#initialize}; FX thread only.
 */
final class SourceBarBinding {

    private final InspectorViewModel vm;
    private final ObservableValue<Trainer> dashboardTrainer;
    private final Label sourceLabel;
    private final Label dataLabel;
    private final ToggleButton followButton;
    private final ComboBox<Integer> headBox;

    SourceBarBinding(InspectorViewModel vm, ObservableValue<Trainer> dashboardTrainer, Label sourceLabel,
                     Label dataLabel, ToggleButton followButton, ComboBox<Integer> headBox) {
        this.vm = vm;
        this.dashboardTrainer = dashboardTrainer;
        this.sourceLabel = sourceLabel;
        this.dataLabel = dataLabel;
        this.followButton = followButton;
        this.headBox = headBox;
    }

    void bind() {
        sourceLabel.textProperty().bind(vm.sourceTextProperty());
        sourceLabel.setTooltip(InspectorController.tooltip(vm.sourceTextProperty()));
        dataLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            DataSample d = vm.getData();
            return d == null ? "no data rows" : d.description();
        }, vm.dataProperty()));
        dataLabel.setTooltip(InspectorController.tooltip(dataLabel.textProperty()));
        followButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> dashboardTrainer.getValue() == null && !vm.isFollowing(), dashboardTrainer, vm.followingProperty()));
        followButton.setTooltip(new Tooltip("Show the codebooks of the run on the Train tab as it trains; "
                + "edits are applied between two steps"));
        vm.followingProperty().addListener((obs, old, now) -> followButton.setSelected(now));
        vm.codebooksProperty().addListener((obs, old, now) -> refreshHeads());
        headBox.valueProperty().addListener((obs, old, now) -> {
            if (now != null && now != vm.selectedHeadProperty().get()) {
                vm.selectedHeadProperty().set(now);
            }
        });
        vm.selectedHeadProperty().addListener((obs, old, now) -> headBox.setValue(now.intValue()));
        headBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer head) {
                return head == null ? "" : Integer.toString(head);
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.trim());
            }
        });
        headBox.disableProperty().bind(vm.hasCodebooksProperty().not());
        refreshHeads();
    }

    /** One item per head of the codebooks on show, the selected head chosen. */
    private void refreshHeads() {
        Codebooks cb = vm.getCodebooks();
        int heads = cb == null ? 0 : cb.config().heads();
        if (headBox.getItems().size() != heads) {
            List<Integer> items = new ArrayList<>();
            for (int h = 0; h < heads; h++) {
                items.add(h);
            }
            headBox.getItems().setAll(items);
        }
        headBox.setValue(heads == 0 ? null : vm.selectedHeadProperty().get());
    }
}
