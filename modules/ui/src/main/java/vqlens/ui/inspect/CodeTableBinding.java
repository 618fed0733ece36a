package vqlens.ui.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import vqlens.core.Codebooks;
import vqlens.ui.chart.NumberText;
import vqlens.ui.inspect.InspectorController.CodeRow;

/**
 * The codes table: one row per code of the selected head (usage, norm, nearest code and its distance),
 * sortable, its selection kept in step with the view model's selected code both ways. Created and bound by
 * {@link InspectorController#initialize}; FX thread only.
 */
final class CodeTableBinding {

    private final InspectorViewModel vm;
    private final TableView<CodeRow> codeTable;
    private final TableColumn<CodeRow, Number> indexColumn;
    private final TableColumn<CodeRow, Number> usageColumn;
    private final TableColumn<CodeRow, Number> normColumn;
    private final TableColumn<CodeRow, Number> nearestColumn;
    private final TableColumn<CodeRow, Number> distanceColumn;
    private final Label usageLabel;
    private final ObservableList<CodeRow> rows = FXCollections.observableArrayList();
    /** True while the table's selection is set from the view model: not a user's choice to pass back. */
    private boolean syncingSelection;
    /** True while a click in the table selects a code: the table is where the user looks, no scrolling. */
    private boolean selectingFromTable;

    CodeTableBinding(InspectorViewModel vm, TableView<CodeRow> codeTable, TableColumn<CodeRow, Number> indexColumn,
                     TableColumn<CodeRow, Number> usageColumn, TableColumn<CodeRow, Number> normColumn,
                     TableColumn<CodeRow, Number> nearestColumn, TableColumn<CodeRow, Number> distanceColumn,
                     Label usageLabel) {
        this.vm = vm;
        this.codeTable = codeTable;
        this.indexColumn = indexColumn;
        this.usageColumn = usageColumn;
        this.normColumn = normColumn;
        this.nearestColumn = nearestColumn;
        this.distanceColumn = distanceColumn;
        this.usageLabel = usageLabel;
    }

    void bind() {
        indexColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().code()));
        usageColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().usage()));
        normColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().norm()));
        nearestColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().nearest()));
        distanceColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().distance()));
        indexColumn.setCellFactory(c -> numberCell(v -> Integer.toString(v.intValue())));
        nearestColumn.setCellFactory(c -> numberCell(v -> v.intValue() < 0 ? "—" : Integer.toString(v.intValue())));
        usageColumn.setCellFactory(c -> numberCell(v -> Double.isNaN(v.doubleValue()) ? "—" : usageText(v.doubleValue())));
        normColumn.setCellFactory(c -> numberCell(v -> NumberText.compact(v.doubleValue(), 4)));
        distanceColumn.setCellFactory(c -> numberCell(v -> Double.isNaN(v.doubleValue()) ? "—" : NumberText.compact(v.doubleValue(), 4)));
        indexColumn.setId("codeIndexColumn");
        usageColumn.setId("codeUsageColumn");
        normColumn.setId("codeNormColumn");
        nearestColumn.setId("codeNearestColumn");
        distanceColumn.setId("codeDistanceColumn");
        SortedList<CodeRow> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(codeTable.comparatorProperty());
        codeTable.setItems(sorted);
        codeTable.setPlaceholder(new Label("No codebook on show"));
        codeTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (!syncingSelection && row != null) {
                selectingFromTable = true;
                try {
                    vm.selectedCodeProperty().set(row.code());
                } finally {
                    selectingFromTable = false;
                }
            }
        });
        vm.headStatsProperty().addListener((obs, old, now) -> refreshRows());
        vm.usageProperty().addListener((obs, old, now) -> refreshRows());
        vm.selectedCodeProperty().addListener((obs, old, now) -> selectRow(now.intValue(), !selectingFromTable));
        usageLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            CodeUsage u = vm.getUsage();
            return u == null ? "usage unknown" : u.label();
        }, vm.usageProperty()));
        Tooltip whole = new Tooltip(); // the column may cut a followed run's long label: the whole of it on hover
        whole.textProperty().bind(usageLabel.textProperty());
        usageLabel.setTooltip(whole);
        refreshRows();
    }

    /** Whole counts grouped, rates in a few digits. */
    private static String usageText(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? NumberText.grouped((long) v) : NumberText.compact(v, 4);
    }

    private static <S> TableCell<S, Number> numberCell(Function<Number, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
    }

    private void refreshRows() {
        HeadStats stats = vm.getHeadStats();
        Codebooks cb = vm.getCodebooks();
        if (stats == null || cb == null || stats.codes() != cb.config().codes()) {
            rows.clear();
            return;
        }
        double[] usage = Usages.head(vm.getUsage(), stats.head());
        List<CodeRow> fresh = new ArrayList<>(stats.codes());
        for (int c = 0; c < stats.codes(); c++) {
            fresh.add(new CodeRow(c, usage == null ? Double.NaN : usage[c], stats.norm(c), stats.distances().nearest(c),
                    stats.distances().nearestDistance(c)));
        }
        syncingSelection = true;
        try {
            rows.setAll(fresh);
        } finally {
            syncingSelection = false;
        }
        selectRow(vm.selectedCodeProperty().get(), false);
    }

    /** Selects the row of {@code code}; scrolls to it only when the selection changed (not at every snapshot). */
    private void selectRow(int code, boolean scroll) {
        syncingSelection = true;
        try {
            if (code < 0) {
                codeTable.getSelectionModel().clearSelection();
                return;
            }
            List<CodeRow> items = codeTable.getItems();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).code() == code) {
                    if (codeTable.getSelectionModel().getSelectedIndex() != i) {
                        codeTable.getSelectionModel().clearAndSelect(i);
                    }
                    if (scroll) {
                        codeTable.scrollTo(Math.max(0, i - 3));
                    }
                    return;
                }
            }
        } finally {
            syncingSelection = false;
        }
    }
}
