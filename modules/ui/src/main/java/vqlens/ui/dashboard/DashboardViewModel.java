package vqlens.ui.dashboard;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import vqlens.train.Trainer;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSnapshot;
import vqlens.ui.chart.CodeUsageModel;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.DistanceHistogramModel;
import vqlens.ui.chart.LineChartModel;
import vqlens.ui.chart.ReconstructionModel;
import vqlens.ui.chart.StepAxis;
import vqlens.ui.chart.Scale;
import vqlens.ui.common.SnapshotRelay;
import vqlens.ui.common.UserMessage;

/**
 * The dashboard's state and commands. Read-only properties for the view to bind, chart models for the
 * charts to draw, commands for the buttons, menus and keys; no node, no toolkit call. Call everything on
 * the FX thread ({@link DashboardServices#fxThread()}); training, file work and the hand-off of snapshots
 * run on the other executors of {@link DashboardServices}.
 *
 * <h2>Runs</h2>
 * Start (or Step) with no run reads the {@link SetupForm}, prepares the data on the background executor and
 * makes a trainer (continuing an opened codebook, if any). The run's snapshots reach {@link #apply} through a
 * {@link SnapshotRelay}. Pause/resume, step and stop go to the trainer; Reset discards the run (the trainer
 * closes in the background) and unlocks the set-up. Speeds up to {@value #SLOW_MOTION_MAX} steps/s are
 * slow motion: the dashboard asks the trainer for it ({@link vqlens.train.Trainer#startSlowMotion}), which then
 * publishes every step (a running trainer publishes only every {@code snapshotEvery} steps) and asks for each
 * next step through the FX thread, after the last one is on show; the trainer ends the run at its step limit.
 *
 * <h2>Parts</h2>
 * A facade over package-private collaborators, each owning its share of the properties:
 * {@link RunControl} (the run's state machine, with {@link CommandAvailability} and
 * {@link LiveSettings}), {@link RunLaunch} (what a run is made from), {@link ChartFeed} (chart models),
 * {@link ChartRateGovernor} (chart update rate), {@link FileActions} (file commands),
 * {@link CurrentCodebooks} (codebooks to save or continue from) and {@link StatusMessages} (notice,
 * messages, event lines).
 */
public final class DashboardViewModel {
    /** Speeds at or below this (steps per second) are slow motion: every step shown on its own. */
    public static final double SLOW_MOTION_MAX = 20;
    /**
     * Share of one core that chart updates may take: the FX thread's time (models, drawing commands) plus
     * the renderer's, estimated from the drawing time and {@link #setRenderCostFactor}. The chart rate
     * follows it, within the maximum rate and at least twice a second: an update that costs 10 ms in all
     * allows 10 per second. Costs are wall-clock time, so a machine busy with training also slows the charts.
     */
    static final double UI_BUDGET = ChartRateGovernor.UI_BUDGET;
    /** The chart rate never drops below 2 updates per second. */
    static final long MAX_INTERVAL_NANOS = ChartRateGovernor.MAX_INTERVAL_NANOS;
    /** Updates of a run not counted by the rate governor. */
    static final int WARM_UP_UPDATES = ChartRateGovernor.WARM_UP_UPDATES;

    private final SetupForm setup = new SetupForm();
    private final StatusMessages status = new StatusMessages(this);
    private final ChartFeed charts = new ChartFeed(this);
    private final ChartRateGovernor governor = new ChartRateGovernor(this);
    private final CurrentCodebooks currentCodebooks = new CurrentCodebooks(this);
    private BiConsumer<String, Runnable> confirmation = (question, action) -> action.run();
    private final RunControl run;
    private final FileActions files;
    private final RunCommands runCommands;

    public DashboardViewModel(DashboardServices services) {
        Objects.requireNonNull(services, "services");
        run = new RunControl(this, services, setup, charts, governor, status, currentCodebooks);
        files = new FileActions(this, services, setup, run, currentCodebooks, status);
        runCommands = RunCommands.of(this);
    }

    /** Start, pause/resume, step, stop and reset as commands, for the Training menu and the run bar. */
    public RunCommands runCommands() {
        return runCommands;
    }

    // ================================================================== properties

    public SetupForm setup() {
        return setup;
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return run.state.getReadOnlyProperty();
    }

    public RunState getState() {
        return run.state.get();
    }

    /** Steps done. */
    public ReadOnlyLongProperty stepProperty() {
        return run.step.getReadOnlyProperty();
    }

    public long getStep() {
        return run.step.get();
    }

    public ReadOnlyDoubleProperty epochProperty() {
        return run.epoch.getReadOnlyProperty();
    }

    /** Rows per second of compute time, over the last window. */
    public ReadOnlyDoubleProperty samplesPerSecondProperty() {
        return run.samplesPerSecond.getReadOnlyProperty();
    }

    /** Compute time of the run. */
    public ReadOnlyDoubleProperty elapsedSecondsProperty() {
        return run.elapsedSeconds.getReadOnlyProperty();
    }

    /** Wall-clock time from the run's start to the last step shown, pauses and slow motion included. */
    public ReadOnlyDoubleProperty wallSecondsProperty() {
        return run.wallSeconds.getReadOnlyProperty();
    }

    /** The latest training event (initialisation, restarts, setting changes, errors), one line. */
    public ReadOnlyStringProperty lastEventProperty() {
        return status.lastEvent.getReadOnlyProperty();
    }

    /** The run's events (restarts, setting changes, edits, errors), oldest first, the newest 10,000 at most. */
    public ObservableList<TrainingEvent> events() {
        return status.eventsView;
    }

    /** An event as the ticker shows it: {@code step 57: head 3: 1 dead code …}. */
    public static String eventLine(TrainingEvent e) {
        return StatusMessages.line(e);
    }

    /** A short status note ("Saved run.npz"), {@code ""} when none. */
    public ReadOnlyStringProperty noticeProperty() {
        return status.notice.getReadOnlyProperty();
    }

    /** The latest message for a dialog; it passes through {@code null} before each one, so every message is a change. */
    public ReadOnlyObjectProperty<UserMessage> messageProperty() {
        return status.message.getReadOnlyProperty();
    }

    /**
     * The trainer of the current run; {@code null} when there is none. Set on the FX thread once the run's
     * trainer is made, cleared on reset (and when a codebook is opened, which discards the run). Others,
     * such as the inspector, may subscribe to it and call the trainer's thread-safe commands (snapshots,
     * checkpoints, listeners); they must not close it: the dashboard owns the run and closes its trainer.
     */
    public ReadOnlyObjectProperty<Trainer> trainerProperty() {
        return run.trainerOfRun.getReadOnlyProperty();
    }

    /** Whether there are codebooks to save (from the run, or opened). */
    public ReadOnlyBooleanProperty hasCodebooksProperty() {
        return currentCodebooks.hasCodebooks.getReadOnlyProperty();
    }

    /** The file last opened or saved, for Save and the window title; {@code null} when none. */
    public ReadOnlyObjectProperty<Path> codebookFileProperty() {
        return currentCodebooks.codebookFile.getReadOnlyProperty();
    }

    /** What was opened, e.g. {@code "run.npz: checkpoint at step 500, 4 x 256 x 8"}; {@code ""} when nothing. */
    public ReadOnlyStringProperty openedCodebookProperty() {
        return currentCodebooks.openedCodebook.getReadOnlyProperty();
    }

    /** Changes whenever the charts' models changed; the view redraws the charts then. */
    public ReadOnlyLongProperty chartsVersionProperty() {
        return charts.chartsVersion.getReadOnlyProperty();
    }

    /** Heads of the run (0 before the first run): the number of usage and histogram panels. */
    public ReadOnlyIntegerProperty headCountProperty() {
        return charts.headCount.getReadOnlyProperty();
    }

    /** True while the speed is slow motion and the run goes on step by step. */
    public ReadOnlyBooleanProperty slowMotionProperty() {
        return run.slowMotion.getReadOnlyProperty();
    }

    /** Steps per second as they reach the window (NaN before two): slow motion's real pace, whatever was asked. */
    public ReadOnlyDoubleProperty shownStepsPerSecondProperty() {
        return run.shownStepsPerSecond.getReadOnlyProperty();
    }

    /** Steps between the run's snapshots (0 before a run). */
    public ReadOnlyLongProperty snapshotEveryProperty() {
        return run.snapshotEvery.getReadOnlyProperty();
    }

    /** True while a file is being read or written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return files.tasks.busyProperty();
    }

    /** Steps per second allowed; 0 = as fast as it goes. Changes apply at once. */
    public DoubleProperty speedProperty() {
        return run.speed;
    }

    public BooleanBinding canStartProperty() {
        return run.commands.canStart;
    }

    public BooleanBinding canPauseResumeProperty() {
        return run.commands.canPauseResume;
    }

    public BooleanBinding canStepProperty() {
        return run.commands.canStep;
    }

    public BooleanBinding canStopProperty() {
        return run.commands.canStop;
    }

    public BooleanBinding canResetProperty() {
        return run.commands.canReset;
    }

    public LineChartModel errorChart() {
        return charts.errorChart;
    }

    public LineChartModel perplexityChart() {
        return charts.perplexityChart;
    }

    /** Codes re-seeded per step (and of those, thrashing), all heads. */
    public LineChartModel restartsChart() {
        return charts.restartsChart;
    }

    /** One usage model per head of the run. */
    public ObservableList<CodeUsageModel> usageModels() {
        return charts.usageView;
    }

    /** One histogram model per head of the run. */
    public ObservableList<DistanceHistogramModel> histogramModels() {
        return charts.histogramsView;
    }

    /** The VQ-VAE's latest pictures (empty in quantizer mode). */
    public ReconstructionModel reconstructionModel() {
        return charts.reconstructions;
    }

    /** The head whose codes the reconstruction view decodes. */
    public void setReconstructionHead(int head) {
        charts.setReconstructionHead(head);
    }

    /** The snapshot shown last, or {@code null}. */
    public TrainingSnapshot latestSnapshot() {
        return run.latest();
    }

    // ================================================================== chart settings

    /** Log or linear y for both curve charts' error chart. */
    public void setErrorScale(Scale scale) {
        charts.setErrorScale(scale);
    }

    public void setPerplexityScale(Scale scale) {
        charts.setPerplexityScale(scale);
    }

    /** What the curves' x axis shows: step, log step or wall time. */
    public void setStepAxis(StepAxis axis) {
        charts.setStepAxis(axis);
    }

    /** Drops the earlier runs' curves kept beside the current run's. */
    public void forgetEarlierRuns() {
        charts.forgetEarlierRuns();
    }

    /** TensorBoard's smoothing weight for the curves, {@code [0, 0.999]}. */
    public void setSmoothing(double weight) {
        charts.setSmoothing(weight);
    }

    public void setUsageOrder(CodeUsageModel.Order order) {
        charts.setUsageOrder(order);
    }

    public void setUsageScale(Scale scale) {
        charts.setUsageScale(scale);
    }

    /** Which distance histograms the charts show. */
    public void setHistogramMode(DistanceHistogramModel.Mode mode) {
        charts.setHistogramMode(mode);
    }

    // ================================================================== commands

    /** Start: begins a run (none yet), starts an idle one, continues a finished one whose limit was raised. */
    public void start() {
        run.start();
    }

    /** Space: pauses a running run, resumes a paused one (and starts when there is none). */
    public void pauseOrResume() {
        run.pauseOrResume();
    }

    public void pause() {
        run.pause();
    }

    /** Right arrow: exactly one step (from no run, an idle or a paused one). */
    public void step() {
        run.step();
    }

    public void stop() {
        run.stop();
    }

    /**
     * Discards the run: the charts clear and the set-up can be edited again. An opened codebook stays. A run
     * with steps no save holds asks first ({@link #setConfirmation}); declined, nothing changes.
     */
    public void reset() {
        long at = getStep();
        if (at > 0 && currentCodebooks.unsavedAt(at)) {
            confirmation.accept("Discard the run? Its " + NumberText.grouped(at)
                    + " steps are not saved; save the codebook first to keep them.", this::discard);
        } else {
            discard();
        }
    }

    private void discard() {
        run.discard();
        currentCodebooks.runStarted();
        status.setNotice("");
    }

    /**
     * How the view asks the user a yes/no question: it shows the question and runs the action on yes (a dialog,
     * not blocking the FX thread). Until it is set, the answer is yes.
     */
    public void setConfirmation(BiConsumer<String, Runnable> ask) {
        confirmation = Objects.requireNonNull(ask, "ask");
    }

    /** Closes the run; call when the window goes away. */
    public void dispose() {
        run.discard();
    }

    /**
     * Applies the live fields (learning rate, decay, β, dead-code threshold, step limit) to the running
     * trainer, from its next step; the view calls it when such a field is committed (Enter, focus lost).
     * Invalid values stay marked at their field and are not applied.
     */
    public void applyLiveSettings() {
        run.applyLiveSettings();
    }

    // ================================================================== snapshots and chart rate

    /** Shows a snapshot (on the FX thread, from the relay). */
    void apply(int gen, TrainingSnapshot s) {
        run.apply(gen, s);
    }

    /**
     * The view's drawing time of the charts for the update being shown (its drawing commands, on the FX
     * thread); rendering them costs about {@link #setRenderCostFactor} times that again, on the renderer.
     */
    public void chartsDrawn(long nanos) {
        governor.chartsDrawn(nanos);
    }

    /**
     * How much the renderer spends per nanosecond of drawing commands, as the view estimates it for its
     * graphics pipeline (a software renderer: several times; a GPU: about once).
     */
    public void setRenderCostFactor(double factor) {
        governor.setRenderCostFactor(factor);
    }

    /** Chart updates per second at most, as the budget allows now (0 before a run, or unlimited). */
    public ReadOnlyDoubleProperty chartRateProperty() {
        return governor.chartRate.getReadOnlyProperty();
    }

    /** FX-thread time spent showing snapshots, the charts' redraw included. */
    public long updateNanos() {
        return governor.updateNanos();
    }

    /** Snapshots shown. */
    public long updates() {
        return governor.updates();
    }

    // ================================================================== files

    /** Uses a data file of rows (opened in the background to learn its size). */
    public void chooseDataFile(Path file) {
        files.chooseDataFile(file);
    }

    /**
     * Opens a codebook to continue training from: a VQ Lens checkpoint resumes exactly; any other codebook
     * file starts a run from its codes. Discards the current run. A file that cannot be read becomes an
     * error message; one with several codebooks, a question ({@link UserMessage.Kind#CHOOSE_KEY}).
     *
     * @param key the tensor or member to read, {@code null} to choose automatically
     */
    public void openCodebook(Path file, String key) {
        files.openCodebook(file, key);
    }

    /** Forgets the opened codebook: the next run starts from fresh codebooks. */
    public void forgetOpenedCodebook() {
        files.forgetOpenedCodebook();
    }

    /**
     * Saves the codebooks: {@code .npz} as a VQ Lens checkpoint (a native codebook file that also holds the
     * training state, so opening it continues the run exactly), other formats as plain codebooks.
     */
    public void save(Path file) {
        files.save(file);
    }

    /** Writes the metrics of every recorded step as CSV (field names of the metrics JSON lines). */
    public void exportMetrics(Path file) {
        files.exportMetrics(file);
    }

    /** Saves one chart's PNG (pixels the view took) to {@code file}, atomically and in the background. */
    public void saveChart(Path file, byte[] png) {
        files.saveChart(file, png);
    }

    /** Saves PNGs by file name into {@code dir} (created if missing), atomically and in the background. */
    public void saveCharts(Path dir, Map<String, byte[]> pngs) {
        files.saveCharts(dir, pngs);
    }

    // ================================================================== status

    /** The status bar's memory line: heap in use and the limit. */
    public static String memoryText() {
        return StatusMessages.memoryText();
    }

    /** The trainer of the current run, for tests; {@code null} when none. */
    Trainer trainer() {
        return run.trainer();
    }

    /** The relay of the current run, for tests. */
    SnapshotRelay<TrainingSnapshot> relay() {
        return run.relay();
    }

    @Override
    public String toString() {
        return "DashboardViewModel[" + run.state.get() + ", step " + run.step.get() + "]";
    }
}
