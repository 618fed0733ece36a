package vqlens.ui.dashboard;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import vqlens.ui.chart.CodeUsageModel;
import vqlens.ui.chart.DistanceHistogramModel;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.Scale;
import vqlens.ui.chart.StepAxis;
import vqlens.ui.common.Commands;
import vqlens.ui.common.MessageDialogs;
import vqlens.ui.common.UserMessage;
import vqlens.ui.files.FileDialogs;
import vqlens.ui.plot.CanvasChart;
import vqlens.ui.plot.HistogramChartView;
import vqlens.ui.plot.LineChartView;
import vqlens.ui.plot.ReconstructionChartView;
import vqlens.ui.plot.UsageChartView;

/**
 * Controller of {@code Dashboard.fxml}: builds the set-up rows and the charts, binds the controls to the
 * {@link DashboardViewModel}, redraws the charts when the view model says they changed, shows its messages
 * as dialogs, and does what needs a window: file choosers and PNG export.
 */
public final class DashboardController {
    /** Speed slider positions are log10(steps per second); beyond this the speed is unlimited. */
    static final double SPEED_UNLIMITED_FROM = 3.05;
    static final double SPEED_MIN_LOG = Math.log10(0.5);
    static final double SPEED_MAX_LOG = 3.35;

    private final DashboardViewModel viewModel;
    private final List<CanvasChart> charts = new ArrayList<>();
    private final List<UsageChartView> usageCharts = new ArrayList<>();
    private final List<HistogramChartView> histogramCharts = new ArrayList<>();
    private LineChartView errorChart;
    private LineChartView perplexityChart;
    private LineChartView restartsChart;
    private ReconstructionChartView picturesChart;
    private final FileDialogs files = new FileDialogs(this::window, this::currentFile);
    private long redrawNanos;
    private EventsWindow eventsWindow;

    @FXML private BorderPane root;
    @FXML private Button startButton;
    @FXML private Button pauseButton;
    @FXML private Button stepButton;
    @FXML private Button stopButton;
    @FXML private Button resetButton;
    @FXML private Slider speedSlider;
    @FXML private Label speedLabel;
    @FXML private Label eventLabel;
    @FXML private ScrollPane setupScroll;
    @FXML private VBox setupBox;
    @FXML private VBox chartsBox;
    @FXML private CheckBox curvesLogCheck;
    @FXML private ComboBox<StepAxis> stepAxisChoice;
    @FXML private Slider smoothingSlider;
    @FXML private Label smoothingLabel;
    @FXML private Label chartRateLabel;
    @FXML private StackPane errorHost;
    @FXML private StackPane perplexityHost;
    @FXML private StackPane restartsHost;
    @FXML private ToggleButton sortByUsageToggle;
    @FXML private ToggleButton sortByIndexToggle;
    @FXML private CheckBox usageLogCheck;
    @FXML private ToggleButton nearestToggle;
    @FXML private ToggleButton allCodesToggle;
    @FXML private ToggleButton bothToggle;
    @FXML private GridPane usageGrid;
    @FXML private GridPane histogramGrid;
    @FXML private Label usagePlaceholder;
    @FXML private Label histogramPlaceholder;
    @FXML private Label distancesTitle;
    @FXML private HBox columnViewToggles;
    @FXML private ToggleButton picturesViewToggle;
    @FXML private ToggleButton distancesViewToggle;
    @FXML private HBox distanceModes;
    @FXML private ComboBox<String> pictureHeadChoice;
    @FXML private StackPane picturesHost;

    public DashboardController(DashboardViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    public DashboardViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        viewModel.setRenderCostFactor(renderCostFactor());
        viewModel.setConfirmation(this::confirm);
        new SetupPanel(viewModel, this::chooseDataFile).build(setupBox);
        bindRunBar();
        buildCurveCharts();
        bindChartControls();
        buildPictures();
        viewModel.usageModels().addListener((ListChangeListener<CodeUsageModel>) c -> rebuildHeadCharts());
        rebuildHeadCharts();
        viewModel.chartsVersionProperty().addListener((obs, old, now) -> refreshCharts());
        viewModel.messageProperty().addListener((obs, old, m) -> {
            if (m != null) {
                show(m);
            }
        });
    }

    // ------------------------------------------------------------------ run bar

    private void bindRunBar() {
        // Clicks must not leave the focus on a run button or a chart control: Space is pause/resume everywhere
        // but in text fields, sliders and drop-downs.
        for (javafx.scene.control.Control c : List.of(startButton, pauseButton, stepButton, stopButton, resetButton,
                curvesLogCheck, sortByUsageToggle, sortByIndexToggle, usageLogCheck, nearestToggle, allCodesToggle, bothToggle)) {
            c.setFocusTraversable(false);
        }
        setupScroll.setFocusTraversable(false);
        startButton.setGraphic(Icons.start());
        pauseButton.setGraphic(Icons.pause());
        stepButton.setGraphic(Icons.step());
        stopButton.setGraphic(Icons.stop());
        resetButton.setGraphic(Icons.reset());
        RunCommands commands = viewModel.runCommands();
        Commands.bind(startButton, commands.start());
        Commands.bind(pauseButton, commands.pauseOrResume());
        Commands.bind(stepButton, commands.step());
        Commands.bind(stopButton, commands.stop());
        Commands.bind(resetButton, commands.reset());
        pauseButton.graphicProperty().bind(Bindings.createObjectBinding(
                () -> viewModel.getState() == RunState.PAUSED ? Icons.start() : Icons.pause(), viewModel.stateProperty()));

        speedSlider.setMin(SPEED_MIN_LOG);
        speedSlider.setMax(SPEED_MAX_LOG);
        speedSlider.setValue(SPEED_MAX_LOG);
        speedSlider.setBlockIncrement(0.1);
        speedSlider.valueProperty().addListener((obs, old, v) -> viewModel.speedProperty().set(speedFor(v.doubleValue())));
        viewModel.speedProperty().addListener((obs, old, v) -> {
            double s = v.doubleValue();
            double position = s <= 0 ? SPEED_MAX_LOG : Math.log10(s);
            if (Math.abs(speedFor(speedSlider.getValue()) - s) > 1e-9) {
                speedSlider.setValue(position);
            }
        });
        speedLabel.textProperty().bind(Bindings.createStringBinding(() -> speedText(viewModel.speedProperty().get()),
                viewModel.speedProperty()));
        speedLabel.setMinWidth(Label.USE_PREF_SIZE);
        // the latest training event; before a run, what keeps the set-up from starting
        eventLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            String problem = viewModel.setup().problemProperty().get();
            return viewModel.getState() == RunState.NONE && !problem.isEmpty() ? "Set-up: " + problem
                    : viewModel.lastEventProperty().get();
        }, viewModel.lastEventProperty(), viewModel.setup().problemProperty(), viewModel.stateProperty()));
        eventLabel.setId("eventLabel");
        eventLabel.textProperty().addListener((obs, old, now) -> eventLabel.pseudoClassStateChanged(SetupPanel.INVALID,
                now.startsWith("Set-up: ")));
        Tooltip eventTip = new Tooltip();
        eventTip.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n",
                viewModel.events().subList(Math.max(0, viewModel.events().size() - 12), viewModel.events().size()).stream()
                        .map(DashboardViewModel::eventLine).toList()) + "\n(click: every event)", viewModel.events()));
        eventLabel.setTooltip(eventTip);
        eventLabel.setOnMouseClicked(e -> showEvents());
    }

    /** Opens the window listing every event of the run (a click on the event ticker, View ▸ Training events). */
    public void showEvents() {
        if (eventsWindow == null) {
            eventsWindow = new EventsWindow(viewModel.events(), window());
        }
        eventsWindow.show();
    }

    /** The events window once opened, else {@code null}; for tests. */
    EventsWindow eventsWindow() {
        return eventsWindow;
    }

    /** The speed of a slider position: steps per second, 0 for unlimited. */
    static double speedFor(double position) {
        if (position >= SPEED_UNLIMITED_FROM) {
            return 0;
        }
        double s = Math.pow(10, position);
        return s >= 10 ? Math.round(s) : Math.round(s * 10) / 10.0;
    }

    static String speedText(double stepsPerSecond) {
        if (stepsPerSecond <= 0) {
            return "max";
        }
        String n = stepsPerSecond >= 10 ? String.format(Locale.ROOT, "%.0f", stepsPerSecond)
                : NumberText.compact(stepsPerSecond, 2);
        return n + " steps/s" + (stepsPerSecond <= DashboardViewModel.SLOW_MOTION_MAX ? " · slow motion" : "");
    }

    /** The keys {@link #installShortcuts} gives the window, with what they do, for the help's list. */
    public static final List<Map.Entry<String, String>> KEYS = List.of(
            Map.entry("Space", "pause or resume training (starts it when there is no run)"),
            Map.entry("→", "one training step"));

    /**
     * Space pauses or resumes and Right steps while {@code active} (not on the Learn tab, whose lessons use them),
     * unless the focus is in a control that uses those keys
     * (text fields, sliders, drop-downs, buttons). A filter on the scene: containers such as the tab pane
     * would otherwise take the arrow keys for themselves.
     */
    public void installShortcuts(Scene scene, java.util.function.BooleanSupplier active) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!active.getAsBoolean() || e.isShortcutDown() || e.isAltDown() || e.isShiftDown() || usesArrowsAndSpace(scene.getFocusOwner())) {
                return;
            }
            if (e.getCode() == KeyCode.SPACE) {
                viewModel.pauseOrResume();
                e.consume();
            } else if (e.getCode() == KeyCode.RIGHT) {
                viewModel.step();
                e.consume();
            }
        });
    }

    private static boolean usesArrowsAndSpace(Node focus) {
        return focus instanceof TextInputControl || focus instanceof Slider || focus instanceof ComboBoxBase<?>
                || focus instanceof Spinner<?> || focus instanceof javafx.scene.control.ButtonBase
                || focus instanceof javafx.scene.control.TableView<?>; // the inspector's tables move with the arrows
    }

    // ------------------------------------------------------------------ charts

    private void buildCurveCharts() {
        errorChart = new LineChartView(viewModel.errorChart());
        errorChart.setId("errorChart");
        perplexityChart = new LineChartView(viewModel.perplexityChart());
        perplexityChart.setId("perplexityChart");
        errorHost.getChildren().add(errorChart);
        perplexityHost.getChildren().add(perplexityChart);
        restartsChart = new LineChartView(viewModel.restartsChart());
        restartsChart.setId("restartsChart");
        restartsHost.getChildren().add(restartsChart);
        charts.add(errorChart);
        charts.add(perplexityChart);
        charts.add(restartsChart);
        installChartMenu(restartsChart, "restarts");
        MenuItem forget = new MenuItem("Forget earlier runs");
        forget.setOnAction(e -> viewModel.forgetEarlierRuns());
        installChartMenu(errorChart, "error", forget);
        installChartMenu(perplexityChart, "perplexity");
        chartsBox.setOnMousePressed(e -> chartsBox.requestFocus());
        chartsBox.setFocusTraversable(false);
    }

    private void bindChartControls() {
        curvesLogCheck.selectedProperty().addListener((obs, old, log) -> {
            viewModel.setErrorScale(log ? Scale.LOG : Scale.LINEAR);
            viewModel.setPerplexityScale(log ? Scale.LOG : Scale.LINEAR);
        });
        viewModel.setErrorScale(curvesLogCheck.isSelected() ? Scale.LOG : Scale.LINEAR);
        viewModel.setPerplexityScale(Scale.LINEAR);
        if (curvesLogCheck.isSelected()) {
            viewModel.setPerplexityScale(Scale.LOG);
        }
        stepAxisChoice.getItems().setAll(StepAxis.values());
        stepAxisChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(StepAxis a) {
                return a == null ? "" : switch (a) {
                    case STEP -> "Step";
                    case LOG_STEP -> "Log step";
                    case WALL_TIME -> "Wall time";
                };
            }

            @Override
            public StepAxis fromString(String s) {
                return null;
            }
        });
        stepAxisChoice.setValue(StepAxis.STEP);
        stepAxisChoice.setFocusTraversable(false);
        stepAxisChoice.setTooltip(new Tooltip("What the curves' x axis shows: the step, the step on a log scale (early steps"
                + " stay readable), or the wall-clock time since the run began (pauses and slow motion included)"));
        stepAxisChoice.valueProperty().addListener((obs, old, now) -> viewModel.setStepAxis(now));
        smoothingSlider.valueProperty().addListener((obs, old, v) -> viewModel.setSmoothing(v.doubleValue()));
        viewModel.setSmoothing(smoothingSlider.getValue());
        smoothingLabel.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.2f", smoothingSlider.getValue()), smoothingSlider.valueProperty()));
        smoothingLabel.setMinWidth(Label.USE_PREF_SIZE);
        chartRateLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            double rate = viewModel.chartRateProperty().get();
            boolean live = viewModel.getState() == RunState.RUNNING;
            return live && rate > 0 ? String.format(Locale.ROOT, "updating %.0f×/s", rate) : "";
        }, viewModel.chartRateProperty(), viewModel.stateProperty()));
        chartRateLabel.setTooltip(new Tooltip("Chart updates per second: up to " + Math.round(DashboardServices.DEFAULT_REFRESH_HZ)
                + ", fewer when drawing them would take more than " + Math.round(DashboardViewModel.UI_BUDGET * 100)
                + "% of a processor core, so training keeps its speed"));
        ToggleGroup sort = new ToggleGroup();
        sortByUsageToggle.setToggleGroup(sort);
        sortByIndexToggle.setToggleGroup(sort);
        sort.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                sort.selectToggle(old);
            } else {
                viewModel.setUsageOrder(now == sortByIndexToggle ? CodeUsageModel.Order.BY_INDEX : CodeUsageModel.Order.BY_USAGE);
            }
        });
        usageLogCheck.selectedProperty().addListener((obs, old, log) -> viewModel.setUsageScale(log ? Scale.LOG : Scale.LINEAR));
        ToggleGroup mode = new ToggleGroup();
        for (ToggleButton b : List.of(nearestToggle, allCodesToggle, bothToggle)) {
            b.setToggleGroup(mode);
        }
        mode.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                mode.selectToggle(old);
            } else {
                viewModel.setHistogramMode(now == allCodesToggle ? DistanceHistogramModel.Mode.ALL_CODES
                        : now == bothToggle ? DistanceHistogramModel.Mode.BOTH : DistanceHistogramModel.Mode.NEAREST);
            }
        });
    }

    /** The VQ-VAE's pictures, sharing the distances' column: its toggles show in VQ-VAE mode, which starts on them. */
    private void buildPictures() {
        picturesChart = new ReconstructionChartView(viewModel.reconstructionModel());
        picturesChart.setId("picturesChart");
        picturesHost.getChildren().add(picturesChart);
        charts.add(picturesChart);
        installChartMenu(picturesChart, "pictures");
        ToggleGroup view = new ToggleGroup();
        picturesViewToggle.setToggleGroup(view);
        distancesViewToggle.setToggleGroup(view);
        picturesViewToggle.setFocusTraversable(false);
        distancesViewToggle.setFocusTraversable(false);
        pictureHeadChoice.setFocusTraversable(false);
        view.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                view.selectToggle(old);
            }
        });
        var vqvae = viewModel.setup().vqvaeProperty();
        var pictures = picturesViewToggle.selectedProperty().and(vqvae);
        showWhen(columnViewToggles, vqvae);
        showWhen(distancesTitle, vqvae.not());
        showWhen(distanceModes, pictures.not());
        showWhen(pictureHeadChoice, pictures);
        showWhen(picturesHost, pictures);
        histogramGrid.visibleProperty().bind(pictures.not());
        histogramPlaceholder.visibleProperty().bind(pictures.not().and(viewModel.headCountProperty().isEqualTo(0)));
        vqvae.addListener((obs, was, now) -> view.selectToggle(now ? picturesViewToggle : distancesViewToggle));
        view.selectToggle(vqvae.get() ? picturesViewToggle : distancesViewToggle);
        Runnable heads = () -> {
            int n = viewModel.headCountProperty().get();
            List<String> names = new ArrayList<>();
            for (int h = 0; h < n; h++) {
                names.add("head " + h);
            }
            pictureHeadChoice.getItems().setAll(names);
            pictureHeadChoice.getSelectionModel().select(Math.min(viewModel.reconstructionModel().head(), Math.max(0, n - 1)));
        };
        heads.run();
        viewModel.headCountProperty().addListener((obs, old, now) -> heads.run());
        pictureHeadChoice.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            if (now.intValue() >= 0) {
                viewModel.setReconstructionHead(now.intValue());
            }
        });
        pictureHeadChoice.setTooltip(new Tooltip("The head whose codes are decoded below the samples"));
    }

    private static void showWhen(Node node, javafx.beans.value.ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    private void rebuildHeadCharts() {
        charts.removeAll(usageCharts);
        charts.removeAll(histogramCharts);
        usageCharts.clear();
        histogramCharts.clear();
        usageGrid.getChildren().clear();
        histogramGrid.getChildren().clear();
        List<CodeUsageModel> usage = viewModel.usageModels();
        List<DistanceHistogramModel> histograms = viewModel.histogramModels();
        int heads = usage.size();
        int columns = heads <= 1 ? 1 : heads <= 4 ? 2 : heads <= 9 ? 3 : 4;
        int rows = (heads + columns - 1) / Math.max(1, columns);
        layoutGrid(usageGrid, columns, rows);
        layoutGrid(histogramGrid, columns, rows);
        for (int h = 0; h < heads; h++) {
            UsageChartView u = new UsageChartView(usage.get(h));
            u.setId("usageChart" + h);
            installChartMenu(u, "usage-head" + h);
            usageCharts.add(u);
            usageGrid.add(u, h % columns, h / columns);
            HistogramChartView d = new HistogramChartView(histograms.get(h));
            d.setId("histogramChart" + h);
            installChartMenu(d, "distances-head" + h);
            histogramCharts.add(d);
            histogramGrid.add(d, h % columns, h / columns);
        }
        charts.addAll(usageCharts);
        charts.addAll(histogramCharts);
        usagePlaceholder.setVisible(heads == 0);
    }

    private static void layoutGrid(GridPane grid, int columns, int rows) {
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
    }

    /** Redraws the charts whose data changed (called at most at the refresh rate). */
    private void refreshCharts() {
        long t0 = System.nanoTime();
        for (CanvasChart c : charts) {
            c.refresh();
        }
        long cost = System.nanoTime() - t0;
        redrawNanos += cost;
        viewModel.chartsDrawn(cost);
    }

    /**
     * Renderer time per unit of canvas drawing time, measured on this dashboard (DashboardBenchmark,
     * renderCostPerUpdate): about 8 with JavaFX's software renderer, which a machine without a usable GPU
     * (or a virtual display) falls back to; a GPU pipeline renders canvases for a fraction of that.
     */
    static double renderCostFactor() {
        return javafx.application.Platform.isSupported(javafx.application.ConditionalFeature.SCENE3D) ? 1 : 8;
    }

    /** FX-thread time spent redrawing charts so far. */
    public long redrawNanos() {
        return redrawNanos;
    }

    /** Every chart by its export name ({@code error}, {@code perplexity}, {@code usage-head0}, …). */
    public Map<String, CanvasChart> charts() {
        Map<String, CanvasChart> out = new LinkedHashMap<>();
        out.put("error", errorChart);
        out.put("perplexity", perplexityChart);
        out.put("restarts", restartsChart);
        for (int h = 0; h < usageCharts.size(); h++) {
            out.put("usage-head" + h, usageCharts.get(h));
        }
        for (int h = 0; h < histogramCharts.size(); h++) {
            out.put("distances-head" + h, histogramCharts.get(h));
        }
        if (!viewModel.reconstructionModel().isEmpty()) {
            out.put("pictures", picturesChart);
        }
        return out;
    }

    /** The node holding the set-up panel. */
    public Node setupPanel() {
        return setupScroll;
    }

    /** The node holding the charts. */
    public Node chartsPanel() {
        return chartsBox;
    }

    private void installChartMenu(CanvasChart chart, String name, MenuItem... more) {
        MenuItem one = new MenuItem("Save this chart as PNG…");
        one.setOnAction(e -> exportChart(chart, name));
        MenuItem all = new MenuItem("Save all charts as PNG…");
        all.setOnAction(e -> exportCharts());
        ContextMenu menu = new ContextMenu(one, all);
        menu.getItems().addAll(more);
        chart.setOnContextMenuRequested(e -> menu.show(chart, e.getScreenX(), e.getScreenY()));
    }

    // ------------------------------------------------------------------ files

    /** The file the view shows, where file dialogs start when no folder was used yet. */
    private Path currentFile() {
        return viewModel.codebookFileProperty().get();
    }

    /** Asks {@code question} in a dialog over the window and runs {@code action} on OK (Cancel is the default). */
    private void confirm(String question, Runnable action) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.CANCEL, ButtonType.OK);
        ask.setTitle("Reset the run");
        ask.setHeaderText("Discard unsaved training?");
        MessageDialogs.prepare(ask, window());
        ((Button) ask.getDialogPane().lookupButton(ButtonType.OK)).setDefaultButton(false);
        ((Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ask.setOnHidden(e -> {
            if (ask.getResult() == ButtonType.OK) {
                action.run();
            }
        });
        ask.show();
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void chooseDataFile(Node owner) {
        files.openRows("Data to train on").ifPresent(viewModel::chooseDataFile);
    }

    /** File › Open codebook…: continue training from a codebook file. */
    public void openCodebook() {
        files.openCodebook("Open a codebook to continue training").ifPresent(file -> viewModel.openCodebook(file, null));
    }

    /** File › Save codebook: to the file last opened or saved if it is a native .npz, else as Save As. */
    public void save() {
        Path current = viewModel.codebookFileProperty().get();
        if (current != null && current.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            viewModel.save(current);
        } else {
            saveAs();
        }
    }

    /** File › Save codebook as…: native .npz (with the training state) or another format by extension. */
    public void saveAs() {
        files.saveCodebook("Save the codebook", "VQ Lens codebook with training state (.npz)", "codebook.npz")
                .ifPresent(viewModel::save);
    }

    /** File › Export metrics as CSV…. */
    public void exportMetrics() {
        FileChooser chooser = files.chooser("Export the metrics of every step");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName("vqlens-metrics.csv");
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            files.remember(file);
            viewModel.exportMetrics(file.toPath());
        }
    }

    /** File › Export charts as PNG…: every chart into a folder. */
    public void exportCharts() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for the chart pictures");
        chooser.setInitialDirectory(files.initialDirectory());
        File dir = chooser.showDialog(window());
        if (dir != null) {
            files.remember(dir);
            exportCharts(dir.toPath());
        }
    }

    /** Writes every chart as {@code <name>.png} into {@code dir} (pixels taken now, files written in the background). */
    public void exportCharts(Path dir) {
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        charts().forEach((name, chart) -> pngs.put(name + ".png", chart.png()));
        viewModel.saveCharts(dir, pngs);
    }

    private void exportChart(CanvasChart chart, String name) {
        FileChooser chooser = files.chooser("Save the chart as PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        chooser.setInitialFileName(name + ".png");
        File file = chooser.showSaveDialog(window());
        if (file == null) {
            return;
        }
        files.remember(file);
        saveChart(chart, file.toPath());
    }

    /** Writes one chart as a PNG to {@code file} (pixels taken now, the file written in the background). */
    public void saveChart(CanvasChart chart, Path file) {
        viewModel.saveChart(file, chart.png());
    }

    // ------------------------------------------------------------------ messages

    private void show(UserMessage m) {
        MessageDialogs.show(m, window(), viewModel::openCodebook, "dashboard");
    }

    /** Puts the keyboard focus on the dashboard itself, so Space and Right work at once. */
    public void focusDashboard() {
        root.requestFocus();
    }
}
