package vqlens.ui.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.util.StringConverter;
import vqlens.core.Codebooks;
import vqlens.ui.inspect.InspectorController.ValueRow;

/**
 * The selected code's values, one row per dimension, editable in place (an edit goes through the
 * {@link InspectorEditor}). Created and bound by {@link InspectorController#initialize}; FX thread only.
 */
final class ValueTableBinding {

    private final InspectorViewModel vm;
    private final InspectorEditor editor;
    private final TableView<ValueRow> valueTable;
    private final ObservableList<ValueRow> values = FXCollections.observableArrayList();

    ValueTableBinding(InspectorViewModel vm, InspectorEditor editor, TableView<ValueRow> valueTable) {
        this.vm = vm;
        this.editor = editor;
        this.valueTable = valueTable;
    }

    void bind(TableColumn<ValueRow, Number> dimColumn, TableColumn<ValueRow, Float> valueColumn) {
        dimColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().dim()));
        valueColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().value()));
        valueColumn.setCellFactory(TextFieldTableCell.forTableColumn(new FloatText()));
        valueColumn.setOnEditCommit(e -> {
            Float v = e.getNewValue();
            if (v != null && Float.isFinite(v)) {
                editor.setValue(e.getRowValue().dim(), v);
            } else {
                refresh(); // puts the old value back in the cell
            }
        });
        valueTable.setItems(values);
        valueTable.setPlaceholder(new Label("Select a code"));
        vm.codebooksProperty().addListener((obs, old, now) -> refresh());
        vm.selectedCodeProperty().addListener((obs, old, now) -> refresh());
        vm.selectedHeadProperty().addListener((obs, old, now) -> refresh());
        valueTable.disableProperty().bind(editor.hasCodeProperty().not());
    }

    /** Shows the selected code's values; replaces only the rows that changed, so an edit keeps the scroll. */
    void refresh() {
        Codebooks cb = vm.getCodebooks();
        int head = vm.selectedHeadProperty().get();
        int code = vm.selectedCodeProperty().get();
        if (cb == null || code < 0 || code >= cb.config().codes() || head >= cb.config().heads()) {
            values.clear();
            return;
        }
        float[] v = cb.code(head, code);
        if (values.size() == v.length) {
            for (int i = 0; i < v.length; i++) {
                if (Float.compare(values.get(i).value(), v[i]) != 0) {
                    values.set(i, new ValueRow(i, v[i]));
                }
            }
            return;
        }
        List<ValueRow> fresh = new ArrayList<>(v.length);
        for (int i = 0; i < v.length; i++) {
            fresh.add(new ValueRow(i, v[i]));
        }
        values.setAll(fresh);
    }

    /** Float text for the value cells: a typing error gives {@code null} (the edit is dropped). */
    private static final class FloatText extends StringConverter<Float> {
        @Override
        public String toString(Float v) {
            return v == null ? "" : Float.toString(v);
        }

        @Override
        public Float fromString(String s) {
            try {
                return Float.parseFloat(s.trim().replace(',', '.').toLowerCase(Locale.ROOT));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
