package vqlens.ui.inspect;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;
import vqlens.ui.files.FileDialogs;
import javafx.util.StringConverter;
import vqlens.core.Codebooks;
import vqlens.train.Trainer;
import vqlens.ui.chart.NumberText;
import vqlens.ui.dashboard.UserMessage;
import vqlens.ui.inspect.views.CodeDetailPane;
import vqlens.ui.inspect.views.ProjectionPane;
import vqlens.ui.inspect.views.QuickCodecPane;

/**
 * Controller of {@code Inspector.fxml}: binds the table, the plots and the edit panel to the
 * {@link InspectorViewModel}, runs the file choosers and dialogs, and follows the dashboard's trainer when
 * asked. The menu bar's File and Edit items call its public commands while the Inspect tab is selected.
 * FX thread only.
 */
public final class InspectorController {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final InspectorViewModel vm;
    private final InspectorEditor editor;
    private final ObservableValue<Trainer> dashboardTrainer;
    private final Function<Trainer, LiveTraining> linker;
    private final ObservableList<CodeRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ValueRow> values = FXCollections.observableArrayList();
    private ObjectProperty<Integer> otherAsObject;
    private boolean syncingSelection;
    /** True while a click in the table selects a code: the table is where the user looks, no scrolling. */
    private boolean selectingFromTable;
    private final FileDialogs files = new FileDialogs(this::window, this::currentFile);
    private ProjectionPane projectionPane;
    private QuickCodecPane codecPane;
    private CodeDetailPane detailPane;

    @FXML private BorderPane root;
    @FXML private Button openButton;
    @FXML private ToggleButton followButton;
    @FXML private Button dataButton;
    @FXML private ComboBox<Integer> headBox;
    @FXML private Label sourceLabel;
    @FXML private Label dataLabel;
    @FXML private Label usageLabel;
    @FXML private TableView<CodeRow> codeTable;
    @FXML private TableColumn<CodeRow, Number> indexColumn;
    @FXML private TableColumn<CodeRow, Number> usageColumn;
    @FXML private TableColumn<CodeRow, Number> normColumn;
    @FXML private TableColumn<CodeRow, Number> nearestColumn;
    @FXML private TableColumn<CodeRow, Number> distanceColumn;
    @FXML private StackPane detailHost;
    @FXML private TabPane plots;
    @FXML private Tab heatmapTab;
    @FXML private Tab distancesTab;
    @FXML private Tab projectionTab;
    @FXML private Tab codecTab;
    @FXML private HeatmapChart heatmap;
    @FXML private DistanceMatrixChart distanceMatrix;
    @FXML private StackPane projectionHost;
    @FXML private StackPane codecHost;
    @FXML private Label editTitle;
    @FXML private Button undoButton;
    @FXML private Button redoButton;
    @FXML private TableView<ValueRow> valueTable;
    @FXML private TableColumn<ValueRow, Number> dimColumn;
    @FXML private TableColumn<ValueRow, Float> valueColumn;
    @FXML private Button reinitRowButton;
    @FXML private Button reinitMeanButton;
    @FXML private Button reinitRandomButton;
    @FXML private Spinner<Integer> otherSpinner;
    @FXML private Button nearestButton;
    @FXML private Button leastUsedButton;
    @FXML private Button duplicateButton;
    @FXML private Button splitButton;
    @FXML private Button mergeButton;
    @FXML private Button swapButton;
    @FXML private Button moveButton;
    @FXML private Button sortButton;
    @FXML private Button normaliseButton;
    @FXML private Button normaliseAllButton;
    @FXML private TextField thresholdField;
    @FXML private Button replaceDeadButton;
    @FXML private Label statusLine;

    /**
     * @param dashboardTrainer the dashboard's current trainer ({@code null} when no run)
     * @param linker           how to follow a trainer ({@link TrainerLink#TrainerLink} in the app)
     */
    public InspectorController(InspectorViewModel vm, ObservableValue<Trainer> dashboardTrainer,
                               Function<Trainer, LiveTraining> linker) {
        this.vm = Objects.requireNonNull(vm, "vm");
        this.editor = new InspectorEditor(vm);
        this.dashboardTrainer = Objects.requireNonNull(dashboardTrainer, "dashboardTrainer");
        this.linker = Objects.requireNonNull(linker, "linker");
    }

    public InspectorViewModel viewModel() {
        return vm;
    }

    public InspectorEditor editor() {
        return editor;
    }

    @FXML
    private void initialize() {
        bindSourceBar();
        bindCodeTable();
        bindPlots();
        bindEditPanel();
        installHelperPanes();
        vm.messageProperty().addListener((obs, old, m) -> {
            if (m != null) {
                show(m);
            }
        });
        dashboardTrainer.addListener((obs, old, now) -> trainerChanged(now));
    }

    // ------------------------------------------------------------------ source bar

    private void bindSourceBar() {
        sourceLabel.textProperty().bind(vm.sourceTextProperty());
        sourceLabel.setTooltip(tooltip(vm.sourceTextProperty()));
        dataLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            DataSample d = vm.getData();
            return d == null ? "no data rows" : d.description();
        }, vm.dataProperty()));
        dataLabel.setTooltip(tooltip(dataLabel.textProperty()));
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

    // ------------------------------------------------------------------ codes table

    private void bindCodeTable() {
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
            return u == null ? "usage unknown" : u.description();
        }, vm.usageProperty()));
        refreshRows();
    }

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
            fresh.add(new CodeRow(c, usage == null ? Double.NaN : usage[c], stats.norm(c), stats.nearest(c),
                    stats.nearestDistance(c)));
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

    // ------------------------------------------------------------------ plots

    private void bindPlots() {
        Runnable refresh = () -> {
            heatmap.show(vm.getCodebooks(), vm.selectedHeadProperty().get(), vm.selectedCodeProperty().get());
            distanceMatrix.show(vm.getHeadStats(), vm.selectedCodeProperty().get());
        };
        vm.codebooksProperty().addListener((obs, old, now) -> refresh.run());
        vm.selectedHeadProperty().addListener((obs, old, now) -> refresh.run());
        vm.selectedCodeProperty().addListener((obs, old, now) -> refresh.run());
        vm.headStatsProperty().addListener((obs, old, now) -> refresh.run());
        heatmap.setOnSelect(code -> vm.selectedCodeProperty().set(code));
        distanceMatrix.setOnSelect(code -> vm.selectedCodeProperty().set(code));
        refresh.run();
    }

    /** Puts the 2-D view, the code detail and the quick encode/decode (package {@code views}) in their places. */
    private void installHelperPanes() {
        projectionPane = new ProjectionPane(vm);
        codecPane = new QuickCodecPane(vm);
        detailPane = new CodeDetailPane(vm);
        detailPane.vqvaeViewProperty().bind(vm.vqvaeViewProperty());
        projectionHost.getChildren().setAll(projectionPane);
        codecHost.getChildren().setAll(codecPane);
        detailHost.getChildren().setAll(detailPane);
    }

    // ------------------------------------------------------------------ edit panel

    private void bindEditPanel() {
        editTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            int code = vm.selectedCodeProperty().get();
            return vm.getCodebooks() == null || code < 0 ? "Edit: select a code"
                    : "Edit code " + code + " of head " + vm.selectedHeadProperty().get();
        }, vm.codebooksProperty(), vm.selectedCodeProperty(), vm.selectedHeadProperty()));
        undoButton.disableProperty().bind(vm.canUndoProperty().not());
        redoButton.disableProperty().bind(vm.canRedoProperty().not());
        undoButton.setTooltip(tooltip(Bindings.concat("Undo: ", vm.undoTextProperty())));
        redoButton.setTooltip(tooltip(Bindings.concat("Redo: ", vm.redoTextProperty())));

        dimColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().dim()));
        valueColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().value()));
        valueColumn.setCellFactory(TextFieldTableCell.forTableColumn(new FloatText()));
        valueColumn.setOnEditCommit(e -> {
            Float v = e.getNewValue();
            if (v != null && Float.isFinite(v)) {
                editor.setValue(e.getRowValue().dim(), v);
            } else {
                refreshValues();
            }
        });
        valueTable.setItems(values);
        valueTable.setPlaceholder(new Label("Select a code"));
        vm.codebooksProperty().addListener((obs, old, now) -> refreshValues());
        vm.selectedCodeProperty().addListener((obs, old, now) -> refreshValues());
        vm.selectedHeadProperty().addListener((obs, old, now) -> refreshValues());
        valueTable.disableProperty().bind(editor.hasCodeProperty().not());

        SpinnerValueFactory.IntegerSpinnerValueFactory others = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 0, 0);
        otherSpinner.setValueFactory(others);
        otherAsObject = editor.otherCodeProperty().asObject();
        others.valueProperty().bindBidirectional(otherAsObject);
        vm.codebooksProperty().addListener((obs, old, now) -> others.setMax(now == null ? 0 : now.config().codes() - 1));
        vm.selectedCodeProperty().addListener((obs, old, now) -> pickNearest());
        otherSpinner.getEditor().setOnAction(e -> commitSpinner());
        otherSpinner.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                commitSpinner();
            }
        });
        otherSpinner.disableProperty().bind(editor.hasCodeProperty().not());
        nearestButton.disableProperty().bind(editor.hasCodeProperty().not());
        leastUsedButton.disableProperty().bind(editor.hasCodeProperty().not().or(vm.usageProperty().isNull()));

        var noCode = editor.hasCodeProperty().not();
        var noData = vm.dataProperty().isNull();
        reinitRowButton.disableProperty().bind(noCode.or(noData));
        reinitMeanButton.disableProperty().bind(noCode.or(noData));
        reinitRandomButton.disableProperty().bind(noCode);
        for (Button b : List.of(duplicateButton, splitButton, mergeButton, swapButton, moveButton)) {
            b.disableProperty().bind(editor.hasOtherProperty().not());
        }
        sortButton.disableProperty().bind(vm.hasCodebooksProperty().not().or(vm.usageProperty().isNull()));
        normaliseButton.disableProperty().bind(vm.hasCodebooksProperty().not());
        normaliseAllButton.disableProperty().bind(vm.hasCodebooksProperty().not());
        replaceDeadButton.disableProperty().bind(vm.hasCodebooksProperty().not().or(vm.usageProperty().isNull()).or(noData));
        thresholdField.disableProperty().bind(vm.usageProperty().isNull());
        thresholdField.setText(NumberText.compact(editor.deadThresholdProperty().get(), 4));
        thresholdField.textProperty().addListener((obs, old, text) -> commitThreshold(text));

        reinitRowButton.setTooltip(new Tooltip("Give the code the head's part of a random data row (needs data rows)"));
        reinitMeanButton.setTooltip(new Tooltip("Move the code to the mean of the data rows nearest to it (needs data rows)"));
        reinitRandomButton.setTooltip(new Tooltip("A random vector with the spread of the head's other codes"));
        duplicateButton.setTooltip(new Tooltip("Copy the selected code over the other code"));
        splitButton.setTooltip(new Tooltip("Split the selected (busy) code in two; the other code becomes the second half"));
        mergeButton.setTooltip(new Tooltip("Merge the other code into the selected one (usage-weighted mean); the other is re-seeded"));
        swapButton.setTooltip(new Tooltip("Swap the selected code and the other code"));
        moveButton.setTooltip(new Tooltip("Move the selected code to the other code's position, shifting the codes between"));
        sortButton.setTooltip(new Tooltip("Reorder the head's codes by usage, most used first"));
        normaliseButton.setTooltip(new Tooltip("Scale the head's codes to unit length"));
        normaliseAllButton.setTooltip(new Tooltip("Scale every head's codes to unit length"));
        replaceDeadButton.setTooltip(new Tooltip("Re-seed every code of every head whose usage is below the threshold from random data rows (needs usage and data rows)"));
        nearestButton.setTooltip(new Tooltip("Other code: the code nearest to the selected one"));
        leastUsedButton.setTooltip(new Tooltip("Other code: the head's least used code"));
        statusLine.textProperty().bind(vm.statusTextProperty());
        refreshValues();
    }

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

    private void commitThreshold(String text) {
        try {
            double v = Double.parseDouble(text.trim());
            boolean ok = Double.isFinite(v) && v >= 0;
            thresholdField.pseudoClassStateChanged(INVALID, !ok);
            if (ok) {
                editor.deadThresholdProperty().set(v);
            }
        } catch (NumberFormatException e) {
            thresholdField.pseudoClassStateChanged(INVALID, true);
        }
    }

    private void refreshValues() {
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

    // ------------------------------------------------------------------ edit commands (buttons and the Edit menu)

    @FXML
    public void undo() {
        vm.undo();
    }

    @FXML
    public void redo() {
        vm.redo();
    }

    @FXML
    public void reinitFromDataRow() {
        editor.reinitFromDataRow();
    }

    @FXML
    public void reinitToCellMean() {
        editor.reinitToCellMean();
    }

    @FXML
    public void reinitRandom() {
        editor.reinitRandom();
    }

    @FXML
    public void duplicate() {
        editor.duplicate();
    }

    @FXML
    public void split() {
        editor.split();
    }

    @FXML
    public void merge() {
        editor.merge();
    }

    @FXML
    public void swap() {
        editor.swap();
    }

    @FXML
    public void move() {
        editor.move();
    }

    @FXML
    public void sortByUsage() {
        editor.sortByUsage();
    }

    @FXML
    public void normaliseHead() {
        editor.normalise(false);
    }

    @FXML
    public void normaliseAll() {
        editor.normalise(true);
    }

    @FXML
    public void replaceDead() {
        editor.replaceDead();
    }

    /** Other code := the code nearest to the selected one. */
    @FXML
    public void pickNearest() {
        HeadStats s = vm.getHeadStats();
        int code = vm.selectedCodeProperty().get();
        if (s != null && code >= 0 && code < s.codes() && s.nearest(code) >= 0) {
            editor.otherCodeProperty().set(s.nearest(code));
        }
    }

    /** Other code := the head's least used code other than the selected one. */
    @FXML
    public void pickLeastUsed() {
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

    // ------------------------------------------------------------------ files

    /** File › Open codebook… (Inspect tab): asks about unsaved edits, then a file chooser. */
    @FXML
    public void openCodebook() {
        if (!askToKeepEdits("Open another codebook", null)) {
            return;
        }
        files.openCodebook("Open a codebook to inspect").ifPresent(file -> vm.open(file, null));
    }

    /** Opens {@code file} (no chooser; asks about unsaved edits first). */
    public void openCodebook(Path file) {
        if (askToKeepEdits("Open another codebook", null)) {
            vm.open(file, null);
        }
    }

    /** File › Save codebook (Inspect tab): over the file on show when that keeps everything it held, else Save As. */
    public void save() {
        save(null);
    }

    private void save(Runnable then) {
        Path f = vm.fileProperty().get();
        if (f != null && vm.saveInPlaceProperty().get()) {
            vm.save(f, then);
        } else {
            saveAs(then);
        }
    }

    /** File › Save codebook as… (Inspect tab): any format, by extension. */
    public void saveAs() {
        saveAs(null);
    }

    private void saveAs(Runnable then) {
        if (vm.getCodebooks() == null) {
            return;
        }
        files.saveCodebook("Save the codebooks", "VQ Lens codebook, keeps usage and meta (.npz)", suggestedName())
                .ifPresent(path -> vm.save(path, then));
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

    /** Load data rows…: the first {@value InspectorViewModel#DATA_ROWS} rows of a .npy or .csv file. */
    @FXML
    public void loadData() {
        files.openRows("Data rows to show with the codebooks")
                .ifPresent(file -> vm.loadData(file, InspectorViewModel.DATA_ROWS));
    }

    // ------------------------------------------------------------------ following the run

    @FXML
    private void toggleFollow() {
        if (followButton.isSelected()) {
            followButton.setSelected(false);
            follow();
        } else {
            vm.stopFollowing();
        }
    }

    /** Follows the dashboard's run (asks about unsaved edits first); false when there is none or the user cancelled. */
    public boolean follow() {
        Trainer t = dashboardTrainer.getValue();
        if (t == null || !askToKeepEdits("Follow training", null)) {
            return false;
        }
        vm.follow(linker.apply(t));
        return true;
    }

    private void trainerChanged(Trainer now) {
        if (!vm.isFollowing()) {
            return;
        }
        if (now == null) {
            vm.stopFollowing();
        } else {
            vm.follow(linker.apply(now));
        }
    }

    // ------------------------------------------------------------------ dialogs

    /** The three answers to "save your edits?". */
    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    public static final ButtonType DISCARD = new ButtonType("Don't save", ButtonBar.ButtonData.NO);

    /**
     * With unsaved edits, asks Save / Don't save / Cancel before {@code action}. Returns true when the
     * caller may go on now (no edits, or Don't save). Save starts saving and returns false; {@code afterSave}
     * (may be {@code null}) then runs once the codebooks are saved. Cancel returns false.
     */
    public boolean askToKeepEdits(String action, Runnable afterSave) {
        if (!vm.isDirty()) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", SAVE, DISCARD, ButtonType.CANCEL);
        style(ask.getDialogPane());
        if (window() != null) {
            ask.initOwner(window());
        }
        ask.setTitle(action);
        ask.setHeaderText("Save the edits to " + vm.documentName() + "?");
        ask.setContentText("The codebooks have edits that are not saved; they are lost unless you save them.");
        ask.getDialogPane().setId("unsavedEditsDialog");
        Optional<ButtonType> answer = ask.showAndWait();
        ButtonType choice = answer.orElse(ButtonType.CANCEL);
        if (choice == DISCARD) {
            return true;
        }
        if (choice == SAVE) {
            save(afterSave);
        }
        return false;
    }

    private void show(UserMessage m) {
        if (m.kind() == UserMessage.Kind.CHOOSE_KEY) {
            ChoiceDialog<String> dialog = new ChoiceDialog<>(m.candidates().get(0), m.candidates());
            style(dialog.getDialogPane());
            if (window() != null) {
                dialog.initOwner(window());
            }
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
        style(alert.getDialogPane());
        if (window() != null) {
            alert.initOwner(window());
        }
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

    private void style(DialogPane pane) {
        if (root.getScene() != null) {
            pane.getStylesheets().setAll(root.getScene().getStylesheets());
        }
    }

    /** The file the view shows, where file dialogs start when no folder was used yet. */
    private Path currentFile() {
        return vm.fileProperty().get();
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private static Tooltip tooltip(ObservableValue<String> text) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(text);
        return t;
    }

    // ------------------------------------------------------------------ for tests

    HeatmapChart heatmap() {
        return heatmap;
    }

    DistanceMatrixChart distanceMatrix() {
        return distanceMatrix;
    }

    TableView<CodeRow> codeTable() {
        return codeTable;
    }

    TableView<ValueRow> valueTable() {
        return valueTable;
    }

    TabPane plots() {
        return plots;
    }

    ProjectionPane projectionPane() {
        return projectionPane;
    }

    CodeDetailPane detailPane() {
        return detailPane;
    }

    QuickCodecPane codecPane() {
        return codecPane;
    }

    /** The inspector's root node. */
    public BorderPane root() {
        return root;
    }

    /** A row of the codes table. */
    record CodeRow(int code, double usage, double norm, int nearest, double distance) {
    }

    /** A row of the selected code's values. */
    record ValueRow(int dim, float value) {
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
