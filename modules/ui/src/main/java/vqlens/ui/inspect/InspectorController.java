package vqlens.ui.inspect;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import vqlens.train.Trainer;
import vqlens.ui.chart.NumberText;
import vqlens.ui.common.Commands;
import vqlens.ui.inspect.views.CodeDetailPane;
import vqlens.ui.inspect.views.ProjectionPane;
import vqlens.ui.inspect.views.QuickCodecPane;

/**
 * Controller of {@code Inspector.fxml}: binds the table, the plots and the edit panel to the
 * {@link InspectorViewModel}, runs the file choosers and dialogs, and follows the dashboard's trainer when
 * asked. The menu bar's File and Edit items call its public commands while the Inspect tab is selected.
 * FX thread only.
 *
 * <p>It holds the FXML nodes and the handlers, and hands the work to its parts: {@link SourceBarBinding},
 * {@link CodeTableBinding}, {@link PlotsBinding}, {@link ValueTableBinding} and {@link OtherCodePicker}
 * for the panes, {@link InspectorFileCommands} and {@link InspectorDialogs} for files and dialogs, and
 * {@link InspectorEditor} for the edits.
 */
public final class InspectorController {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    /** The three answers to "save your edits?". */
    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    public static final ButtonType DISCARD = new ButtonType("Don't save", ButtonBar.ButtonData.NO);

    private final InspectorViewModel vm;
    private final InspectorEditor editor;
    private final InspectorCommands commands;
    private final ObservableValue<Trainer> dashboardTrainer;
    private final Function<Trainer, LiveTraining> linker;
    private final InspectorDialogs dialogs;
    private final InspectorFileCommands fileCommands;
    private final PlotsBinding plotsBinding;
    private ValueTableBinding valueTableBinding;
    private OtherCodePicker otherCode;

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
    @FXML private FlowPane reinitButtons;
    @FXML private Spinner<Integer> otherSpinner;
    @FXML private Button nearestButton;
    @FXML private Button leastUsedButton;
    @FXML private Label otherCodeNote;
    @FXML private FlowPane pairButtons;
    @FXML private FlowPane headButtons;
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
        this.commands = InspectorCommands.of(vm, editor);
        this.dashboardTrainer = Objects.requireNonNull(dashboardTrainer, "dashboardTrainer");
        this.linker = Objects.requireNonNull(linker, "linker");
        // the nodes come later, from the FXML loader: the dialogs find the scene when they open
        this.dialogs = new InspectorDialogs(vm, () -> root == null ? null : root.getScene());
        this.fileCommands = new InspectorFileCommands(vm, dialogs);
        this.plotsBinding = new PlotsBinding(vm);
    }

    public InspectorViewModel viewModel() {
        return vm;
    }

    public InspectorEditor editor() {
        return editor;
    }

    /** The edit commands, for the edit panel's buttons and the window's Edit menu. */
    public InspectorCommands commands() {
        return commands;
    }

    /** Binds the parts in the order they always were, so listeners on the view model run in the same order. */
    @FXML
    private void initialize() {
        new SourceBarBinding(vm, dashboardTrainer, sourceLabel, dataLabel, followButton, headBox).bind();
        new CodeTableBinding(vm, codeTable, indexColumn, usageColumn, normColumn, nearestColumn, distanceColumn,
                usageLabel).bind();
        plotsBinding.bindCharts(heatmap, distanceMatrix);
        bindEditPanel();
        plotsBinding.installHelperPanes(projectionHost, codecHost, detailHost);
        vm.messageProperty().addListener((obs, old, m) -> {
            if (m != null) {
                dialogs.show(m);
            }
        });
        dashboardTrainer.addListener((obs, old, now) -> trainerChanged(now));
    }

    // ------------------------------------------------------------------ edit panel

    private void bindEditPanel() {
        editTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            int code = vm.selectedCodeProperty().get();
            return vm.getCodebooks() == null || code < 0 ? "Edit: select a code"
                    : "Edit code " + code + " of head " + vm.selectedHeadProperty().get();
        }, vm.codebooksProperty(), vm.selectedCodeProperty(), vm.selectedHeadProperty()));
        valueTableBinding = new ValueTableBinding(vm, editor, valueTable);
        valueTableBinding.bind(dimColumn, valueColumn);
        otherCode = new OtherCodePicker(vm, editor, otherSpinner);
        otherCode.bind(nearestButton, leastUsedButton, otherCodeNote);
        bindEditButtons();
        statusLine.textProperty().bind(vm.statusTextProperty());
        valueTableBinding.refresh();
    }

    /** The edit buttons show and run the inspector's commands; the threshold field feeds the editor. */
    private void bindEditButtons() {
        Commands.bind(undoButton, commands.undo());
        Commands.bind(redoButton, commands.redo());
        reinitButtons.getChildren().setAll(Commands.button("reinitRowButton", commands.reinitFromDataRow()),
                Commands.button("reinitMeanButton", commands.reinitToCellMean()),
                Commands.button("reinitRandomButton", commands.reinitRandom()));
        pairButtons.getChildren().setAll(Commands.button("duplicateButton", commands.duplicate()),
                Commands.button("splitButton", commands.split()), Commands.button("mergeButton", commands.merge()),
                Commands.button("swapButton", commands.swap()), Commands.button("moveButton", commands.move()));
        headButtons.getChildren().setAll(Commands.button("sortButton", commands.sortByUsage()),
                Commands.button("normaliseButton", commands.normaliseHead()),
                Commands.button("normaliseAllButton", commands.normaliseAll()));
        Commands.bind(replaceDeadButton, commands.replaceDead());
        thresholdField.disableProperty().bind(vm.usageProperty().isNull());
        thresholdField.setText(NumberText.compact(editor.deadThresholdProperty().get(), 4));
        thresholdField.textProperty().addListener((obs, old, text) -> {
            if (!showingThreshold) {
                commitThreshold(text);
            }
        });
        editor.deadThresholdProperty().addListener((obs, old, now) -> { // the default follows the usage on show
            if (!thresholdField.isFocused()) {
                showingThreshold = true;
                thresholdField.setText(NumberText.compact(now.doubleValue(), 4));
                thresholdField.pseudoClassStateChanged(INVALID, false);
                showingThreshold = false;
            }
        });
    }

    /** Set while the field shows the editor's threshold (not the user typing). */
    private boolean showingThreshold;

    /** A valid threshold goes to the editor; anything else marks the field and keeps the old one. */
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

    // ------------------------------------------------------------------ files

    /** File › Open codebook… (Inspect tab): asks about unsaved edits, then a file chooser. */
    @FXML
    public void openCodebook() {
        fileCommands.openCodebook();
    }

    /** Opens {@code file} (no chooser; asks about unsaved edits first). */
    public void openCodebook(Path file) {
        fileCommands.openCodebook(file);
    }

    /** File › Save codebook (Inspect tab): over the file on show when that keeps everything it held, else Save As. */
    public void save() {
        fileCommands.save(null);
    }

    /** File › Save codebook as… (Inspect tab): any format, by extension. */
    public void saveAs() {
        fileCommands.saveAs(null);
    }

    /** Load data rows…: the first {@value InspectorViewModel#DATA_ROWS} rows of a .npy or .csv file. */
    @FXML
    public void loadData() {
        fileCommands.loadData();
    }

    /**
     * With unsaved edits, asks Save / Don't save / Cancel before {@code action}. Returns true when the
     * caller may go on now (no edits, or Don't save). Save starts saving and returns false; {@code afterSave}
     * (may be {@code null}) then runs once the codebooks are saved. Cancel returns false.
     */
    public boolean askToKeepEdits(String action, Runnable afterSave) {
        return fileCommands.askToKeepEdits(action, afterSave);
    }

    // ------------------------------------------------------------------ following the run

    @FXML
    private void toggleFollow() {
        if (followButton.isSelected()) {
            followButton.setSelected(false); // stays off until the run is really followed
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

    /** A new run on the dashboard replaces the one followed; no run ends the following. */
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

    /** A tooltip whose text follows {@code text}. */
    static Tooltip tooltip(ObservableValue<String> text) {
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
        return plotsBinding.projectionPane();
    }

    CodeDetailPane detailPane() {
        return plotsBinding.detailPane();
    }

    QuickCodecPane codecPane() {
        return plotsBinding.codecPane();
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
}
