package vqlens.ui.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import vqlens.core.runtime.ProductVersion;
import vqlens.core.runtime.RuntimeInfo;
import vqlens.ui.chart.NumberText;
import vqlens.ui.dashboard.DashboardController;
import vqlens.ui.dashboard.DashboardViewModel;
import vqlens.ui.help.HelpWindow;
import vqlens.ui.common.Command;
import vqlens.ui.common.Commands;
import vqlens.ui.common.Delayer;
import vqlens.ui.dashboard.RunCommands;
import vqlens.ui.dashboard.RunState;
import vqlens.ui.inspect.InspectorController;
import vqlens.ui.inspect.InspectorCommands;
import vqlens.ui.inspect.InspectorViewModel;
import vqlens.ui.learn.LearnView;
import vqlens.ui.shell.MainWindowViewModel.RuntimeState;
import vqlens.ui.theme.Theme;

/**
 * Controller of {@code MainWindow.fxml}: binds the status bar to the view models and the menus to the
 * features' commands (the run's, the inspector's edits while the Inspect tab is selected, and the file
 * commands of the tab on show), switches the theme.
 */
public final class MainWindowController {

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final MainWindowViewModel viewModel;
    private final Runnable quit;
    private final Consumer<Theme> themeChanger;
    private volatile boolean ticking = true;

    @FXML private BorderPane root;
    @FXML private MenuBar menuBar;
    @FXML private Menu fileMenu;
    @FXML private MenuItem openCodebookItem;
    @FXML private MenuItem saveItem;
    @FXML private MenuItem saveAsItem;
    @FXML private MenuItem exportMetricsItem;
    @FXML private MenuItem exportChartsItem;
    @FXML private MenuItem quitItem;
    @FXML private MenuItem startItem;
    @FXML private MenuItem pauseItem;
    @FXML private MenuItem stepItem;
    @FXML private MenuItem stopItem;
    @FXML private MenuItem resetItem;
    @FXML private RadioMenuItem lightThemeItem;
    @FXML private RadioMenuItem darkThemeItem;
    @FXML private Tab inspectTab;
    @FXML private Tab learnTab;
    @FXML private MenuItem zoomInItem;
    @FXML private MenuItem zoomOutItem;
    @FXML private MenuItem zoomResetItem;
    @FXML private TabPane views;
    @FXML private Menu editMenu;
    @FXML private MenuItem undoItem;
    @FXML private MenuItem redoItem;
    @FXML private MenuItem reinitRowItem;
    @FXML private MenuItem reinitMeanItem;
    @FXML private MenuItem reinitRandomItem;
    @FXML private MenuItem duplicateItem;
    @FXML private MenuItem splitItem;
    @FXML private MenuItem mergeItem;
    @FXML private MenuItem swapItem;
    @FXML private MenuItem moveItem;
    @FXML private MenuItem replaceDeadItem;
    @FXML private MenuItem sortItem;
    @FXML private MenuItem normaliseItem;
    @FXML private MenuItem normaliseAllItem;
    private final InspectorController inspectorController;
    private boolean inspectorViewBuilt;
    private BooleanBinding inspecting;
    @FXML private ProgressIndicator statusProgress;
    @FXML private Label statusLabel;
    @FXML private Label versionLabel;
    @FXML private Label runStateLabel;
    @FXML private Label stepLabel;
    @FXML private Label rateLabel;
    @FXML private Label elapsedLabel;
    @FXML private Label noticeLabel;
    @FXML private Label memoryLabel;
    @FXML private Tab trainTab;
    private final DashboardViewModel dashboardViewModel;
    private final Supplier<DashboardController> dashboardControllers;
    private final Supplier<LearnView> learnViews;
    private LearnView learnView;
    private BooleanBinding learning;
    private DashboardController dashboardController;

    MainWindowController(MainWindowViewModel viewModel, Runnable quit, Consumer<Theme> themeChanger,
                         DashboardViewModel dashboard, Supplier<DashboardController> dashboardControllers,
                         InspectorController inspector, Supplier<LearnView> learnViews) {
        this.learnViews = Objects.requireNonNull(learnViews, "learnViews");
        this.dashboardViewModel = Objects.requireNonNull(dashboard, "dashboard");
        this.dashboardControllers = Objects.requireNonNull(dashboardControllers, "dashboardControllers");
        this.inspectorController = Objects.requireNonNull(inspector, "inspector");
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.quit = Objects.requireNonNull(quit, "quit");
        this.themeChanger = Objects.requireNonNull(themeChanger, "themeChanger");
    }

    @FXML
    private void initialize() {
        statusLabel.textProperty().bind(viewModel.statusTextProperty());
        statusProgress.visibleProperty().bind(viewModel.loadingProperty());
        statusProgress.managedProperty().bind(viewModel.loadingProperty());
        viewModel.runtimeStateProperty().addListener((obs, old, state) ->
                statusLabel.pseudoClassStateChanged(ERROR, state == RuntimeState.FAILED));
        statusLabel.pseudoClassStateChanged(ERROR, viewModel.getRuntimeState() == RuntimeState.FAILED);
        versionLabel.setText("version " + ProductVersion.current());
        inspecting = Bindings.createBooleanBinding(() -> views.getSelectionModel().getSelectedItem() == inspectTab,
                views.getSelectionModel().selectedItemProperty());
        bindDashboard(dashboardViewModel);
        bindFileMenu(dashboardViewModel, inspectorController.viewModel());
        bindEditMenu(inspectorController.commands());
        bindTrainingMenu(dashboardViewModel.runCommands());
        learning = Bindings.createBooleanBinding(() -> views.getSelectionModel().getSelectedItem() == learnTab,
                views.getSelectionModel().selectedItemProperty());
        bindZoomMenu();
        views.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (tab == inspectTab) {
                buildInspectorView();
            } else if (tab == learnTab) {
                learn();
            }
        });
    }

    /**
     * What the window's first frame does without, built just after it: the Train tab's view and the tabs'
     * tooltips (a tooltip is a popup window of its own, ~10 ms each on a cold start).
     */
    void buildDeferredParts() {
        buildDashboardView();
        if (inspectTab.getTooltip() == null) {
            inspectTab.setTooltip(new Tooltip("Look inside codebooks and edit them: open a file, or follow the run"));
        }
    }

    /**
     * Loads the Train tab's view ({@code Dashboard.fxml}, with a new {@link DashboardController}) in place of
     * its placeholder, installs its keys (Space, Right) on the scene and focuses it. Runs once: just after the
     * window's first frame, or earlier when a command needs the view. The menu's run commands work on the
     * dashboard's view model, which exists from the start.
     */
    void buildDashboardView() {
        if (dashboardController != null) {
            return;
        }
        DashboardController controller = dashboardControllers.get();
        Parent view = loadFxml("Dashboard.fxml", controller);
        view.setId("dashboard");
        dashboardController = controller;
        trainTab.setContent(view);
        if (root.getScene() != null) {
            controller.installShortcuts(root.getScene(), () -> !learning.get());
        }
        if (views.getSelectionModel().getSelectedItem() == trainTab) {
            controller.focusDashboard();
        }
    }

    /**
     * Loads the Inspect tab's view ({@code Inspector.fxml}, bound to the inspector's controller) the first
     * time it is needed: when the tab is opened or one of its commands runs. Its view model and editor exist
     * from the start, so the Edit menu binds to them at once.
     */
    private void buildInspectorView() {
        if (inspectorViewBuilt) {
            return;
        }
        inspectorViewBuilt = true;
        inspectTab.setContent(loadFxml("Inspector.fxml", inspectorController));
    }

    /**
     * The Learn tab's view, built the first time the tab is opened (or a zoom command runs), with its keys on the
     * scene while the tab is on show.
     */
    LearnView learn() {
        if (learnView == null) {
            learnView = learnViews.get();
            learnTab.setContent(learnView);
            if (root.getScene() != null) {
                learnView.installKeys(root.getScene(), learning::get);
            }
        }
        return learnView;
    }

    /** View › Zoom in / out / actual size: the Learn tab's presenter zoom, while that tab is on show. */
    private void bindZoomMenu() {
        Commands.bind(zoomInItem, Command.of("Zoom _in", () -> learn().zoomInCommand().execute())
                .withAccelerator("Shortcut+Equals").enabledWhen(learning));
        Commands.bind(zoomOutItem, Command.of("Zoom _out", () -> learn().zoomOutCommand().execute())
                .withAccelerator("Shortcut+Minus").enabledWhen(learning));
        Commands.bind(zoomResetItem, Command.of("_Actual size", () -> learn().zoomResetCommand().execute())
                .withAccelerator("Shortcut+Digit0").enabledWhen(learning));
    }

    /** Shows the Learn tab. */
    void showLearn() {
        views.getSelectionModel().select(learnTab);
    }

    /** Loads {@code fxml}, found next to {@code controller}'s class, with {@code controller} as its controller. */
    private static Parent loadFxml(String fxml, Object controller) {
        Class<?> type = controller.getClass();
        FXMLLoader loader = new FXMLLoader(type.getResource(fxml));
        loader.setClassLoader(type.getClassLoader());
        loader.setControllerFactory(requested -> {
            if (requested == type) {
                return controller;
            }
            throw new IllegalArgumentException("unexpected controller " + requested);
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }
    /** The Edit menu runs the inspector's commands while the Inspect tab is on show. */
    private void bindEditMenu(InspectorCommands c) {
        bindWhileInspecting(undoItem, c.undo());
        bindWhileInspecting(redoItem, c.redo());
        bindWhileInspecting(reinitRowItem, c.reinitFromDataRow());
        bindWhileInspecting(reinitMeanItem, c.reinitToCellMean());
        bindWhileInspecting(reinitRandomItem, c.reinitRandom());
        bindWhileInspecting(duplicateItem, c.duplicate());
        bindWhileInspecting(splitItem, c.split());
        bindWhileInspecting(mergeItem, c.merge());
        bindWhileInspecting(swapItem, c.swap());
        bindWhileInspecting(moveItem, c.move());
        bindWhileInspecting(replaceDeadItem, c.replaceDead());
        bindWhileInspecting(sortItem, c.sortByUsage());
        bindWhileInspecting(normaliseItem, c.normaliseHead());
        bindWhileInspecting(normaliseAllItem, c.normaliseAll());
    }

    private void bindWhileInspecting(MenuItem item, Command command) {
        Commands.bind(item, command.onlyWhen(inspecting));
    }

    /**
     * The File menu's commands. Open, Save and Save as work on the tab on show: on the Train tab they open a
     * codebook to train on and save the run, on the Inspect tab they open and save what the inspector shows.
     */
    private void bindFileMenu(DashboardViewModel d, InspectorViewModel vm) {
        Commands.bind(openCodebookItem, Command.of("_Open codebook…",
                onTheTabOnShow(() -> inspector().openCodebook(), () -> dashboard().openCodebook())).withAccelerator("Shortcut+O"));
        BooleanBinding canSave = Bindings.when(inspecting).then(vm.hasCodebooksProperty()).otherwise(d.hasCodebooksProperty());
        Commands.bind(saveItem, Command.of("_Save codebook", onTheTabOnShow(() -> inspector().save(), () -> dashboard().save()))
                .withAccelerator("Shortcut+S").enabledWhen(canSave));
        Commands.bind(saveAsItem, Command.of("Save codebook _as…",
                onTheTabOnShow(() -> inspector().saveAs(), () -> dashboard().saveAs()))
                .withAccelerator("Shortcut+Shift+S").enabledWhen(canSave));
        Commands.bind(exportMetricsItem, Command.of("Export _metrics as CSV…", () -> dashboard().exportMetrics()));
        Commands.bind(exportChartsItem, Command.of("Export _charts as PNG…", () -> dashboard().exportCharts()));
        Commands.bind(quitItem, Command.of("_Quit", quit).withAccelerator("Shortcut+Q"));
    }

    /** {@code inInspector} while the Inspect tab is on show, else {@code onTrainTab}. */
    private Runnable onTheTabOnShow(Runnable inInspector, Runnable onTrainTab) {
        return () -> (inspecting.get() ? inInspector : onTrainTab).run();
    }

    /** The Training menu runs the dashboard's run commands, as the run bar's buttons do. */
    private void bindTrainingMenu(RunCommands c) {
        Commands.bind(startItem, c.start());
        Commands.bind(pauseItem, c.pauseOrResume());
        Commands.bind(stepItem, c.step());
        Commands.bind(stopItem, c.stop());
        Commands.bind(resetItem, c.reset());
    }

    /** The inspector's controller (its file commands, edit commands and dialogs), its view built. */
    InspectorController inspector() {
        buildInspectorView();
        return inspectorController;
    }

    /** The inspector's view model, without building its view. */
    InspectorViewModel inspectorViewModel() {
        return inspectorController.viewModel();
    }

    /** Whether the Inspect tab is the one on show. */
    BooleanBinding inspectingProperty() {
        return inspecting;
    }

    /** Shows the Inspect tab. */
    void showInspector() {
        views.getSelectionModel().select(inspectTab);
    }

    private void bindDashboard(DashboardViewModel d) {
        runStateLabel.textProperty().bind(Bindings.createStringBinding(() -> d.getState().label()
                + (d.slowMotionProperty().get() ? slowMotionNote(d.shownStepsPerSecondProperty().get()) : ""),
                d.stateProperty(), d.slowMotionProperty(), d.shownStepsPerSecondProperty()));
        d.stateProperty().addListener((obs, old, s) -> styleState(s));
        styleState(d.getState());
        stepLabel.textProperty().bind(Bindings.createStringBinding(() -> "step " + NumberText.grouped(d.getStep())
                + String.format(Locale.ROOT, " · epoch %.2f", d.epochProperty().get()), d.stepProperty(), d.epochProperty()));
        rateLabel.textProperty().bind(Bindings.createStringBinding(
                () -> NumberText.compact(d.samplesPerSecondProperty().get(), 3) + " samples/s", d.samplesPerSecondProperty()));
        elapsedLabel.textProperty().bind(Bindings.createStringBinding(
                () -> "compute " + NumberText.clock(d.elapsedSecondsProperty().get()) + " · wall "
                        + NumberText.clock(d.wallSecondsProperty().get()), d.elapsedSecondsProperty(), d.wallSecondsProperty()));
        elapsedLabel.setTooltip(new javafx.scene.control.Tooltip("compute: the time the steps took (a checkpoint carries it"
                + " over); wall: the clock time from the run's start to the step shown, pauses and slow motion included"));
        noticeLabel.textProperty().bind(d.noticeProperty());
        memoryLabel.setText(DashboardViewModel.memoryText());
        // Not a Timeline: a running animation keeps JavaFX pulsing 60 times a second, which wakes the FX and
        // render threads all the time and costs training throughput. A plain delayed task every 2 s instead.
        scheduleMemoryTick();
    }

    /** "(slow motion, 2.0 steps/s)": the pace the steps really reach the window at, once it is known. */
    static String slowMotionNote(double shownStepsPerSecond) {
        return Double.isNaN(shownStepsPerSecond) ? " (slow motion)"
                : " (slow motion, " + NumberText.compact(shownStepsPerSecond, 2) + " steps/s)";
    }

    private void styleState(RunState s) {
        for (RunState each : RunState.values()) {
            runStateLabel.pseudoClassStateChanged(PseudoClass.getPseudoClass(each.name().toLowerCase(Locale.ROOT)), each == s);
        }
    }

    /** The dashboard's controller (charts, file actions), its view built. */
    DashboardController dashboard() {
        buildDashboardView();
        return dashboardController;
    }

    private void scheduleMemoryTick() {
        Delayer.system().schedule(() -> Platform.runLater(() -> {
            if (!ticking) {
                return;
            }
            String text = DashboardViewModel.memoryText();
            if (!text.equals(memoryLabel.getText())) {
                memoryLabel.setText(text);
            }
            scheduleMemoryTick();
        }), 2_000_000_000L);
    }

    void stopTickers() {
        ticking = false;
    }

    @FXML
    private void lightTheme() {
        themeChanger.accept(Theme.LIGHT);
    }

    @FXML
    private void darkTheme() {
        themeChanger.accept(Theme.DARK);
    }

    /** Keeps the View menu's radio items in step with the theme in use. */
    void showTheme(Theme theme) {
        lightThemeItem.setSelected(theme == Theme.LIGHT);
        darkThemeItem.setSelected(theme == Theme.DARK);
    }

    private HelpWindow help;

    @FXML
    private void startHere() {
        help().show("Start here");
    }

    @FXML
    private void keyboardShortcuts() {
        help().show("Keyboard shortcuts");
    }

    /** The help window, made on first use with the shortcuts the menus and the dashboard have now. */
    HelpWindow help() {
        if (help == null) {
            List<HelpWindow.Shortcut> keys = new ArrayList<>();
            for (Menu menu : menuBar.getMenus()) {
                shortcuts(menu, menu.getText().replace("_", ""), keys);
            }
            DashboardController.KEYS.forEach(k -> keys.add(new HelpWindow.Shortcut(k.getKey(), k.getValue())));
            LearnView.KEYS.forEach(k -> keys.add(new HelpWindow.Shortcut(k.getKey(), k.getValue())));
            help = new HelpWindow(root.getScene().getWindow(), keys);
        }
        return help;
    }

    private static void shortcuts(Menu menu, String path, List<HelpWindow.Shortcut> keys) {
        for (MenuItem item : menu.getItems()) {
            String name = path + " ▸ " + (item.getText() == null ? "" : item.getText().replace("_", ""));
            if (item instanceof Menu sub) {
                shortcuts(sub, name, keys);
            } else if (item.getAccelerator() != null) {
                keys.add(new HelpWindow.Shortcut(item.getAccelerator().getDisplayText(), name));
            }
        }
    }

    @FXML
    private void showEvents() {
        views.getSelectionModel().select(trainTab);
        if (dashboardController != null) {
            dashboardController.showEvents();
        }
    }

    @FXML
    private void about() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(root.getScene().getWindow());
        alert.setTitle("About VQ Lens");
        alert.setHeaderText("VQ Lens " + ProductVersion.current());
        RuntimeInfo info = viewModel.runtimeInfoProperty().get();
        alert.setContentText("Train and inspect product-quantizer codebooks.\n\n"
                + (info != null ? info.describe() : viewModel.getStatusText()));
        alert.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        alert.getDialogPane().getStyleClass().add("about-dialog");
        alert.show();
    }
}
