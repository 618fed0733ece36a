package vqlens.ui.dashboard;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.core.io.AmbiguousCodebookException;
import vqlens.core.io.CodebookFileException;
import vqlens.core.io.CodebookFiles;
import vqlens.core.io.CodebookFormat;
import vqlens.train.Checkpoint;
import vqlens.train.HeadMetrics;
import vqlens.train.Hyperparameters;
import vqlens.train.StepMetrics;
import vqlens.train.Subscription;
import vqlens.train.Trainer;
import vqlens.train.TrainerState;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSettings;
import vqlens.train.TrainingSnapshot;
import vqlens.train.data.DataSource;
import vqlens.ui.chart.CodeUsageModel;
import vqlens.ui.chart.CurveSeries;
import vqlens.ui.chart.DistanceHistogramModel;
import vqlens.ui.chart.LineChartModel;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.Scale;

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
 * slow motion: the dashboard asks the paused trainer for one step at a time, because every single step
 * publishes a snapshot, while a running trainer publishes only every {@code snapshotEvery} steps.
 */
public final class DashboardViewModel {
    /** Speeds at or below this (steps per second) are driven step by step. */
    public static final double SLOW_MOTION_MAX = 20;
    /**
     * Share of one core that chart updates may take: the FX thread's time (models, drawing commands) plus
     * the renderer's, estimated from the drawing time and {@link #setRenderCostFactor}. The chart rate
     * follows it, within the maximum rate and at least twice a second: an update that costs 10 ms in all
     * allows 10 per second. Costs are wall-clock time, so a machine busy with training also slows the charts.
     */
    static final double UI_BUDGET = 0.10;
    /** Event lines kept for the view. */
    static final int EVENT_LINES = 200;

    private static final System.Logger LOG = System.getLogger(DashboardViewModel.class.getName());

    private final DashboardServices services;
    private final SetupForm setup = new SetupForm();

    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state", RunState.NONE);
    private final ReadOnlyLongWrapper step = new ReadOnlyLongWrapper(this, "step", 0);
    private final ReadOnlyDoubleWrapper epoch = new ReadOnlyDoubleWrapper(this, "epoch", 0);
    private final ReadOnlyDoubleWrapper samplesPerSecond = new ReadOnlyDoubleWrapper(this, "samplesPerSecond", 0);
    private final ReadOnlyDoubleWrapper elapsedSeconds = new ReadOnlyDoubleWrapper(this, "elapsedSeconds", 0);
    private final ReadOnlyStringWrapper lastEvent = new ReadOnlyStringWrapper(this, "lastEvent", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyObjectWrapper<UserMessage> message = new ReadOnlyObjectWrapper<>(this, "message");
    private final ReadOnlyBooleanWrapper hasCodebooks = new ReadOnlyBooleanWrapper(this, "hasCodebooks", false);
    private final ReadOnlyObjectWrapper<Path> codebookFile = new ReadOnlyObjectWrapper<>(this, "codebookFile");
    private final ReadOnlyStringWrapper openedCodebook = new ReadOnlyStringWrapper(this, "openedCodebook", "");
    private final ReadOnlyLongWrapper chartsVersion = new ReadOnlyLongWrapper(this, "chartsVersion", 0);
    private final ReadOnlyIntegerWrapper headCount = new ReadOnlyIntegerWrapper(this, "headCount", 0);
    private final ReadOnlyBooleanWrapper slowMotion = new ReadOnlyBooleanWrapper(this, "slowMotion", false);
    private final ReadOnlyLongWrapper snapshotEvery = new ReadOnlyLongWrapper(this, "snapshotEvery", 0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 0);
    private final ObservableList<String> events = FXCollections.observableArrayList();
    private final ObservableList<String> eventsView = FXCollections.unmodifiableObservableList(events);

    private final LineChartModel errorChart = new LineChartModel("Quantisation error", "per element");
    private final LineChartModel perplexityChart = new LineChartModel("Perplexity per head", "");
    private final CurveSeries mseSeries;
    private final CurveSeries lossSeries;
    private final CurveSeries reconstructionSeries;
    private final ObservableList<CodeUsageModel> usage = FXCollections.observableArrayList();
    private final ObservableList<DistanceHistogramModel> histograms = FXCollections.observableArrayList();
    // one view each, kept: an unmodifiable view listens to its list weakly, so a fresh one per call would lose listeners
    private final ObservableList<CodeUsageModel> usageView = FXCollections.unmodifiableObservableList(usage);
    private final ObservableList<DistanceHistogramModel> histogramsView = FXCollections.unmodifiableObservableList(histograms);
    private CodeUsageModel.Order usageOrder = CodeUsageModel.Order.BY_USAGE;
    private Scale usageScale = Scale.LINEAR;
    private DistanceHistogramModel.Mode histogramMode = DistanceHistogramModel.Mode.NEAREST;

    private final BooleanBinding canStart;
    private final BooleanBinding canPauseResume;
    private final BooleanBinding canStep;
    private final BooleanBinding canStop;
    private final BooleanBinding canReset;

    // the run, FX thread only
    private Trainer trainer;
    private Subscription subscription;
    private SnapshotRelay<TrainingSnapshot> relay;
    private int generation;
    private TrainingSnapshot latest;
    private Opened opened;
    private boolean driving;
    private long drivenStep = -1;
    private boolean stepRequested;
    private int busyCount;
    private long updateNanos;
    private long updates;
    private double costEma = Double.NaN;
    private double renderCostFactor = 1;
    private int governed;
    /** The chart rate never drops below 2 updates per second. */
    static final long MAX_INTERVAL_NANOS = 500_000_000L;
    /** Updates of a run not counted by the rate governor. */
    static final int WARM_UP_UPDATES = 3;
    private long pendingRedraw;
    private final ReadOnlyDoubleWrapper chartRate = new ReadOnlyDoubleWrapper(this, "chartRate", 0);
    private final ReadOnlyObjectWrapper<Trainer> trainerOfRun = new ReadOnlyObjectWrapper<>(this, "trainer");

    /** A codebook opened from a file: a checkpoint to resume, or plain codebooks to continue from. */
    private record Opened(Path file, Codebooks codebooks, Checkpoint checkpoint) {
    }

    public DashboardViewModel(DashboardServices services) {
        this.services = Objects.requireNonNull(services, "services");
        mseSeries = errorChart.addSeries("quantisation MSE");
        lossSeries = errorChart.addSeries("total loss");
        reconstructionSeries = errorChart.addSeries("reconstruction MSE");
        errorChart.setScale(Scale.LOG);
        canStart = Bindings.createBooleanBinding(() -> switch (state.get()) {
            case NONE -> setup.isValid();
            case IDLE -> true;
            case FINISHED -> canContinueFinished();
            default -> false;
        }, state, setup.validProperty(), step, setup.field("maxSteps").textProperty());
        canPauseResume = Bindings.createBooleanBinding(() -> state.get() == RunState.RUNNING || state.get() == RunState.PAUSED, state);
        canStep = Bindings.createBooleanBinding(() -> switch (state.get()) {
            case NONE -> setup.isValid();
            case IDLE, PAUSED -> true;
            default -> false;
        }, state, setup.validProperty());
        canStop = Bindings.createBooleanBinding(() -> switch (state.get()) {
            case IDLE, RUNNING, PAUSED -> true;
            default -> false;
        }, state);
        canReset = Bindings.createBooleanBinding(() -> state.get() != RunState.NONE && state.get() != RunState.PREPARING, state);
        speed.addListener((obs, old, now) -> speedChanged());
    }

    // ================================================================== properties

    public SetupForm setup() {
        return setup;
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public RunState getState() {
        return state.get();
    }

    /** Steps done. */
    public ReadOnlyLongProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public long getStep() {
        return step.get();
    }

    public ReadOnlyDoubleProperty epochProperty() {
        return epoch.getReadOnlyProperty();
    }

    /** Rows per second of compute time, over the last window. */
    public ReadOnlyDoubleProperty samplesPerSecondProperty() {
        return samplesPerSecond.getReadOnlyProperty();
    }

    /** Compute time of the run. */
    public ReadOnlyDoubleProperty elapsedSecondsProperty() {
        return elapsedSeconds.getReadOnlyProperty();
    }

    /** The latest training event (initialisation, restarts, setting changes, errors), one line. */
    public ReadOnlyStringProperty lastEventProperty() {
        return lastEvent.getReadOnlyProperty();
    }

    /** The latest events, oldest first, at most {@value #EVENT_LINES}. */
    public ObservableList<String> events() {
        return eventsView;
    }

    /** A short status note ("Saved run.npz"), {@code ""} when none. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The latest message for a dialog; it passes through {@code null} before each one, so every message is a change. */
    public ReadOnlyObjectProperty<UserMessage> messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * The trainer of the current run; {@code null} when there is none. Set on the FX thread once the run's
     * trainer is made, cleared on reset (and when a codebook is opened, which discards the run). Others,
     * such as the inspector, may subscribe to it and call the trainer's thread-safe commands (snapshots,
     * checkpoints, listeners); they must not close it: the dashboard owns the run and closes its trainer.
     */
    public ReadOnlyObjectProperty<Trainer> trainerProperty() {
        return trainerOfRun.getReadOnlyProperty();
    }

    /** Whether there are codebooks to save (from the run, or opened). */
    public ReadOnlyBooleanProperty hasCodebooksProperty() {
        return hasCodebooks.getReadOnlyProperty();
    }

    /** The file last opened or saved, for Save and the window title; {@code null} when none. */
    public ReadOnlyObjectProperty<Path> codebookFileProperty() {
        return codebookFile.getReadOnlyProperty();
    }

    /** What was opened, e.g. {@code "run.npz: checkpoint at step 500, 4 x 256 x 8"}; {@code ""} when nothing. */
    public ReadOnlyStringProperty openedCodebookProperty() {
        return openedCodebook.getReadOnlyProperty();
    }

    /** Changes whenever the charts' models changed; the view redraws the charts then. */
    public ReadOnlyLongProperty chartsVersionProperty() {
        return chartsVersion.getReadOnlyProperty();
    }

    /** Heads of the run (0 before the first run): the number of usage and histogram panels. */
    public ReadOnlyIntegerProperty headCountProperty() {
        return headCount.getReadOnlyProperty();
    }

    /** True while the speed is slow motion and the run goes on step by step. */
    public ReadOnlyBooleanProperty slowMotionProperty() {
        return slowMotion.getReadOnlyProperty();
    }

    /** Steps between the run's snapshots (0 before a run). */
    public ReadOnlyLongProperty snapshotEveryProperty() {
        return snapshotEvery.getReadOnlyProperty();
    }

    /** True while a file is being read or written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Steps per second allowed; 0 = as fast as it goes. Changes apply at once. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding canPauseResumeProperty() {
        return canPauseResume;
    }

    public BooleanBinding canStepProperty() {
        return canStep;
    }

    public BooleanBinding canStopProperty() {
        return canStop;
    }

    public BooleanBinding canResetProperty() {
        return canReset;
    }

    public LineChartModel errorChart() {
        return errorChart;
    }

    public LineChartModel perplexityChart() {
        return perplexityChart;
    }

    /** One usage model per head of the run. */
    public ObservableList<CodeUsageModel> usageModels() {
        return usageView;
    }

    /** One histogram model per head of the run. */
    public ObservableList<DistanceHistogramModel> histogramModels() {
        return histogramsView;
    }

    /** The snapshot shown last, or {@code null}. */
    public TrainingSnapshot latestSnapshot() {
        return latest;
    }

    // ================================================================== chart settings

    /** Log or linear y for both curve charts' error chart. */
    public void setErrorScale(Scale scale) {
        errorChart.setScale(scale);
        chartsChanged();
    }

    public void setPerplexityScale(Scale scale) {
        perplexityChart.setScale(scale);
        chartsChanged();
    }

    /** TensorBoard's smoothing weight for the curves, {@code [0, 0.999]}. */
    public void setSmoothing(double weight) {
        errorChart.setSmoothing(weight);
        perplexityChart.setSmoothing(weight);
        chartsChanged();
    }

    public void setUsageOrder(CodeUsageModel.Order order) {
        usageOrder = Objects.requireNonNull(order, "order");
        usage.forEach(u -> u.setOrder(order));
        chartsChanged();
    }

    public void setUsageScale(Scale scale) {
        usageScale = Objects.requireNonNull(scale, "scale");
        usage.forEach(u -> u.setScale(scale));
        chartsChanged();
    }

    /** Which distance histograms the charts show. */
    public void setHistogramMode(DistanceHistogramModel.Mode mode) {
        histogramMode = Objects.requireNonNull(mode, "mode");
        histograms.forEach(d -> d.setMode(mode));
        chartsChanged();
    }

    private void chartsChanged() {
        chartsVersion.set(chartsVersion.get() + 1);
    }

    // ================================================================== commands

    /** Start: begins a run (none yet), starts an idle one, continues a finished one whose limit was raised. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        switch (state.get()) {
            case NONE -> launch(false);
            case IDLE, PAUSED, FINISHED -> run();
            default -> {
            }
        }
    }

    /** Space: pauses a running run, resumes a paused one (and starts when there is none). */
    public void pauseOrResume() {
        switch (state.get()) {
            case RUNNING -> pause();
            case PAUSED, IDLE -> run();
            case NONE -> start();
            default -> {
            }
        }
    }

    public void pause() {
        if (state.get() != RunState.RUNNING || trainer == null) {
            return;
        }
        if (driving) {
            driving = false;
            slowMotion.set(false);
            state.set(RunState.PAUSED);
        } else {
            trainer.pause();
        }
    }

    /** Right arrow: exactly one step (from no run, an idle or a paused one). */
    public void step() {
        if (!canStep.get()) {
            return;
        }
        if (state.get() == RunState.NONE) {
            launch(true);
        } else if (trainer != null) {
            trainer.step();
        }
    }

    public void stop() {
        if (!canStop.get() || trainer == null) {
            return;
        }
        driving = false;
        slowMotion.set(false);
        trainer.stop();
    }

    /** Discards the run: the charts clear and the set-up can be edited again. An opened codebook stays. */
    public void reset() {
        discardRun();
        notice.set("");
    }

    private void discardRun() {
        generation++;
        driving = false;
        slowMotion.set(false);
        if (relay != null) {
            relay.close();
            relay = null;
        }
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        Trainer old = trainer;
        trainer = null;
        trainerOfRun.set(null);
        if (old != null) {
            old.stop();
            services.background().execute(old::close); // waits for the step in progress: never on the FX thread
        }
        latest = null;
        step.set(0);
        epoch.set(0);
        samplesPerSecond.set(0);
        elapsedSeconds.set(0);
        snapshotEvery.set(0);
        lastEvent.set("");
        events.clear();
        clearCharts();
        hasCodebooks.set(opened != null);
        setup.setRunLocked(false);
        state.set(RunState.NONE);
    }

    private void clearCharts() {
        for (CurveSeries s : errorChart.series()) {
            s.clear();
        }
        perplexityChart.removeAllSeries();
        usage.clear();
        histograms.clear();
        headCount.set(0);
        chartsChanged();
    }

    /** Closes the run; call when the window goes away. */
    public void dispose() {
        discardRun();
    }

    // ------------------------------------------------------------------ launching a run

    private void launch(boolean singleStep) {
        if (!setup.isValid()) {
            return;
        }
        // everything the background work needs is read here, on the FX thread
        DataChoice data;
        QuantizerConfig quantizer;
        int every;
        TrainingSettings settings;
        try {
            data = setup.dataChoice();
            quantizer = setup.quantizer();
            long explicitEvery = setup.snapshotEveryValue();
            every = (int) (explicitEvery > 0 ? explicitEvery
                    : SnapshotCadence.auto(quantizer, setup.methodProperty().get(), setup.batchValue(), setup.dataRows(),
                            services.refreshHz()));
            settings = setup.settings(every);
        } catch (VqException e) { // a combination the form's checks let through: say so, start nothing
            say(UserMessage.error("Cannot start training", describe(e), null));
            return;
        }
        int gen = ++generation;
        Opened from = opened;
        setup.setRunLocked(true);
        state.set(RunState.PREPARING);
        prepareCharts(quantizer.heads());
        services.background().execute(() -> {
            DataSource source = null;
            try {
                source = data.open();
                Trainer made = makeTrainer(from, source, settings);
                List<StepMetrics> history = resumesExactly(from, settings) ? from.checkpoint().history() : List.of();
                services.fxThread().execute(() -> installed(gen, made, singleStep, every, history));
            } catch (RuntimeException | Error e) {
                if (source != null) {
                    source.close();
                }
                services.fxThread().execute(() -> launchFailed(gen, e));
            }
        });
    }

    /**
     * Whether a run continues the opened checkpoint exactly: it is one, and the set-up kept its method,
     * initialisation, batch and seed (else the run starts from its codebooks only).
     */
    private static boolean resumesExactly(Opened from, TrainingSettings settings) {
        if (from == null || from.checkpoint() == null) {
            return false;
        }
        TrainingSettings c = from.checkpoint().settings();
        return c.quantizer().equals(settings.quantizer()) && c.method() == settings.method() && c.init() == settings.init()
                && c.batch() == settings.batch() && c.seed() == settings.seed();
    }

    /** On the background thread: the trainer for the settings, continuing an opened codebook if any. */
    private Trainer makeTrainer(Opened from, DataSource source, TrainingSettings settings) {
        TrainerFactory factory = services.trainers();
        if (resumesExactly(from, settings)) {
            Checkpoint c = from.checkpoint();
            TrainingSettings s = c.settings().withHyper(settings.hyper()).withSnapshotEvery(settings.snapshotEvery())
                    .withMaxSteps(settings.maxSteps());
            Checkpoint adjusted = new Checkpoint(s, c.codebooks(), c.state(), c.history(), c.dataRows(), c.dataDim(),
                    c.dataDescription());
            return factory.resume(adjusted, settings.maxSteps(), source, services.training());
        }
        if (from != null) {
            Checkpoint warm = Checkpoint.startingFrom(from.codebooks(), settings, source.rows(), source.dim(), source.describe());
            return factory.resume(warm, settings.maxSteps(), source, services.training());
        }
        return factory.create(settings, source, services.training());
    }

    private void installed(int gen, Trainer made, boolean singleStep, int every, List<StepMetrics> history) {
        if (gen != generation) { // reset while preparing
            services.background().execute(made::close);
            return;
        }
        trainer = made;
        snapshotEvery.set(every);
        governed = 0;
        costEma = Double.NaN;
        for (StepMetrics m : history) {
            appendCurves(m);
        }
        relay = new SnapshotRelay<>(new SnapshotCoalescer(), s -> apply(gen, s),
                services.fxThread(), services.delayer(), services.refreshHz());
        SnapshotRelay<TrainingSnapshot> r = relay;
        subscription = made.addListener(r::offer, Runnable::run); // the relay only stores: safe on the training thread
        state.set(RunState.IDLE);
        trainerOfRun.set(made); // last: a listener sees a run that is fully set up
        if (singleStep) {
            made.step();
        } else {
            run();
        }
    }

    private void launchFailed(int gen, Throwable e) {
        if (gen != generation) {
            return;
        }
        LOG.log(Level.WARNING, "The run could not start", e);
        discardRun();
        say(UserMessage.error("Cannot start training", describe(e), null));
    }

    /** Starts or resumes the trainer at the current speed. */
    private void run() {
        if (trainer == null) {
            return;
        }
        double s = speed.get();
        if (isSlow(s)) {
            if (trainer.state() == TrainerState.RUNNING) {
                trainer.pause();
            }
            driving = true;
            slowMotion.set(true);
            stepRequested = false;
            state.set(RunState.RUNNING);
            driveOneStep();
        } else {
            trainer.setSpeedLimit(s > 0 ? s : 0);
            trainer.start();
        }
    }

    private static boolean isSlow(double stepsPerSecond) {
        return stepsPerSecond > 0 && stepsPerSecond <= SLOW_MOTION_MAX;
    }

    private void speedChanged() {
        double s = speed.get();
        if (trainer == null) {
            return;
        }
        boolean running = state.get() == RunState.RUNNING;
        if (isSlow(s)) {
            trainer.setSpeedLimit(0);
            if (running && !driving) {
                run();
            }
        } else {
            trainer.setSpeedLimit(s > 0 ? s : 0);
            if (driving) {
                driving = false;
                slowMotion.set(false);
                trainer.start();
            }
        }
    }

    /** Slow motion: one step now, the next one 1/speed later, once this one has been shown. */
    private void driveOneStep() {
        if (!driving || trainer == null) {
            return;
        }
        long max = setup.field("maxSteps").isApplicable() && setup.liveValidProperty().get() ? setup.maxStepsValue() : 0;
        if (max > 0 && step.get() >= max) {
            driving = false;
            slowMotion.set(false);
            state.set(RunState.FINISHED);
            return;
        }
        if (!stepRequested) {
            stepRequested = trainer.step();
            drivenStep = step.get();
        }
        int gen = generation;
        long delay = (long) (1e9 / Math.max(0.01, speed.get()));
        services.delayer().schedule(() -> services.fxThread().execute(() -> {
            if (gen == generation) {
                driveOneStep();
            }
        }), delay);
    }

    // ------------------------------------------------------------------ live settings

    /**
     * Applies the live fields (learning rate, decay, β, dead-code threshold, step limit) to the running
     * trainer, from its next step; the view calls it when such a field is committed (Enter, focus lost).
     * Invalid values stay marked at their field and are not applied.
     */
    public void applyLiveSettings() {
        if (trainer == null || !setup.liveValidProperty().get()) {
            return;
        }
        FormField steps = setup.field("maxSteps");
        try {
            trainer.setMaxSteps(setup.maxStepsValue());
        } catch (VqException e) {
            steps.setError(e.getMessage());
            return;
        }
        Hyperparameters h;
        try {
            h = setup.hyperparameters();
        } catch (VqException e) {
            setup.field("decay").setError(e.getMessage());
            return;
        }
        if (!h.equals(trainer.hyperparameters())) {
            try {
                trainer.setHyperparameters(h);
            } catch (VqException e) {
                setup.field("learningRate").setError(e.getMessage());
            }
        }
        canStart.invalidate();
    }

    private boolean canContinueFinished() {
        if (trainer == null || !setup.liveValidProperty().get()) {
            return false;
        }
        long max = setup.maxStepsValue();
        return max == 0 || step.get() < max;
    }

    // ------------------------------------------------------------------ snapshots

    /** Shows a snapshot (on the FX thread, from the relay). */
    void apply(int gen, TrainingSnapshot s) {
        if (gen != generation) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            show(s); // ends with chartsChanged(): the view redraws its charts within this call
        } finally {
            long cost = System.nanoTime() - t0;
            updateNanos += cost;
            updates++;
            govern(cost + (long) (pendingRedraw * renderCostFactor));
            pendingRedraw = 0;
        }
    }

    /**
     * The view's drawing time of the charts for the update being shown (its drawing commands, on the FX
     * thread); rendering them costs about {@link #setRenderCostFactor} times that again, on the renderer.
     */
    public void chartsDrawn(long nanos) {
        pendingRedraw += nanos;
    }

    /**
     * How much the renderer spends per nanosecond of drawing commands, as the view estimates it for its
     * graphics pipeline (a software renderer: several times; a GPU: about once).
     */
    public void setRenderCostFactor(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("render cost factor must be a finite number >= 0, got " + factor);
        }
        renderCostFactor = factor;
    }

    /** Sets the chart rate from the cost of the updates ({@link #UI_BUDGET}). */
    private void govern(long cost) {
        if (++governed <= WARM_UP_UPDATES) {
            return; // the first updates of a run pay for class loading and compilation: not a measure
        }
        // an outlier (a garbage collection, a busy machine) moves the estimate by at most a factor of 2
        double c = Double.isNaN(costEma) ? cost : Math.min(cost, 2 * costEma);
        costEma = Double.isNaN(costEma) ? c : 0.7 * costEma + 0.3 * c;
        if (relay != null) {
            relay.setInterval((long) Math.min(MAX_INTERVAL_NANOS, costEma / UI_BUDGET));
            long interval = relay.interval();
            chartRate.set(interval > 0 ? 1e9 / interval : 0);
        }
    }

    /** Chart updates per second at most, as the budget allows now (0 before a run, or unlimited). */
    public ReadOnlyDoubleProperty chartRateProperty() {
        return chartRate.getReadOnlyProperty();
    }

    /** FX-thread time spent showing snapshots, the charts' redraw included. */
    public long updateNanos() {
        return updateNanos;
    }

    /** Snapshots shown. */
    public long updates() {
        return updates;
    }

    private void show(TrainingSnapshot s) {
        latest = s;
        step.set(s.step());
        epoch.set(s.epoch());
        samplesPerSecond.set(s.samplesPerSecond());
        elapsedSeconds.set(s.elapsedSeconds());
        for (StepMetrics m : s.recentSteps()) {
            appendCurves(m);
        }
        if (!s.heads().isEmpty()) {
            updateHeads(s);
        }
        for (TrainingEvent e : s.events()) {
            event(e);
        }
        if (s.hasCodebooks()) {
            hasCodebooks.set(true);
        }
        RunState next = RunState.of(s.state());
        if (driving) {
            if (s.step() > drivenStep) {
                stepRequested = false;
            }
            if (next == RunState.PAUSED || next == RunState.IDLE) {
                next = RunState.RUNNING;
            } else {
                driving = false;
                slowMotion.set(false);
            }
        }
        state.set(next);
        chartsChanged();
    }

    private void event(TrainingEvent e) {
        String line = "step " + e.step() + ": " + e.message();
        lastEvent.set(line);
        events.add(line);
        if (events.size() > EVENT_LINES) {
            events.remove(0, events.size() - EVENT_LINES);
        }
        if (e.kind() == TrainingEvent.Kind.ERROR) {
            say(UserMessage.error("Training failed", e.message(), null));
        } else if (e.kind() == TrainingEvent.Kind.NON_FINITE) {
            driving = false;
            slowMotion.set(false);
            notice.set("Paused: " + e.message());
        }
    }

    private void prepareCharts(int heads) {
        clearCharts();
        List<CodeUsageModel> u = new ArrayList<>();
        List<DistanceHistogramModel> d = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            perplexityChart.addSeries("head " + h);
            CodeUsageModel m = new CodeUsageModel(h);
            m.setOrder(usageOrder);
            m.setScale(usageScale);
            u.add(m);
            DistanceHistogramModel hm = new DistanceHistogramModel(h);
            hm.setMode(histogramMode);
            d.add(hm);
        }
        histograms.setAll(d); // first: the view rebuilds its per-head charts when the usage list changes
        usage.setAll(u);
        headCount.set(heads);
    }

    private void appendCurves(StepMetrics m) {
        long x = m.step();
        mseSeries.append(x, m.mse());
        lossSeries.append(x, m.lossTotal());
        reconstructionSeries.append(x, m.lossReconstruction());
        List<CurveSeries> perHead = perplexityChart.series();
        for (int h = 0; h < Math.min(perHead.size(), m.heads()); h++) {
            perHead.get(h).append(x, m.perplexity(h));
        }
    }

    private void updateHeads(TrainingSnapshot s) {
        double threshold = s.settings().hyper().deadThreshold();
        double deadBelow = threshold > 0 ? threshold : 1.0; // the threshold line; restarts off → the trainer marks below 1 per step
        for (HeadMetrics hm : s.heads()) {
            int h = hm.head();
            if (h >= usage.size()) {
                continue;
            }
            usage.get(h).update(s.step(), hm.usageEma(), hm.usage(), hm.deadFlags(), deadBelow, hm.perplexity(), hm.usedShare());
            histograms.get(h).update(new DistanceHistogramModel.Pair(
                    DistanceHistogramModel.Frame.of(s.step(), hm.nearest().upper(), hm.nearest().counts(), hm.nearest().overflow()),
                    DistanceHistogramModel.Frame.of(s.step(), hm.allCodes().upper(), hm.allCodes().counts(), hm.allCodes().overflow())));
        }
    }

    // ------------------------------------------------------------------ files

    /** Uses a data file of rows (opened in the background to learn its size). */
    public void chooseDataFile(Path file) {
        Objects.requireNonNull(file, "file");
        setup.setDataFile(file, null);
        background(() -> {
            try (DataSource source = DataChoice.openFile(file)) {
                return SetupForm.FileInfo.ok(source.rows(), source.dim(), source.describe());
            } catch (VqException e) {
                return SetupForm.FileInfo.failed(oneLine(e.getMessage()));
            }
        }, info -> {
            if (file.equals(setup.dataFileProperty().get())) {
                setup.setDataFile(file, info);
            }
        }, "Cannot read the data file", file);
    }

    /**
     * Opens a codebook to continue training from: a VQ Lens checkpoint resumes exactly; any other codebook
     * file starts a run from its codes. Discards the current run. A file that cannot be read becomes an
     * error message; one with several codebooks, a question ({@link UserMessage.Kind#CHOOSE_KEY}).
     *
     * @param key the tensor or member to read, {@code null} to choose automatically
     */
    public void openCodebook(Path file, String key) {
        Objects.requireNonNull(file, "file");
        background(() -> {
            Codebooks books = CodebookFiles.load(file, key);
            Checkpoint checkpoint = null;
            if (key == null && CodebookFormat.of(file) == CodebookFormat.NPZ) {
                try {
                    checkpoint = Checkpoint.load(file);
                } catch (VqException notACheckpoint) {
                    // a plain codebook: continue from its codes
                }
            }
            return new Opened(file, books, checkpoint);
        }, this::opened, "Cannot open the codebook", file);
    }

    private void opened(Opened o) {
        discardRun();
        opened = o;
        Codebooks books = o.codebooks();
        if (o.checkpoint() != null) {
            Checkpoint c = o.checkpoint();
            setup.fillFrom(c.settings());
            DataChoice.parseDescription(c.dataDescription()).ifPresent(setup::fillFrom);
        }
        setup.setFixed(new SetupForm.Fixed(books.config(), o.file().getFileName().toString()));
        QuantizerConfig q = books.config();
        String shape = q.heads() + " × " + q.codes() + " × " + q.headDim();
        openedCodebook.set(o.file().getFileName() + ": " + (o.checkpoint() != null
                ? "checkpoint at step " + NumberText.grouped(o.checkpoint().state().step()) + ", " + shape
                : "codebook " + shape + (books.inited() ? "" : " (not initialised)")));
        codebookFile.set(o.file());
        hasCodebooks.set(true);
        notice.set("Opened " + o.file().getFileName() + ": Start continues training from it");
    }

    /** Forgets the opened codebook: the next run starts from fresh codebooks. */
    public void forgetOpenedCodebook() {
        if (state.get() != RunState.NONE) {
            discardRun();
        }
        opened = null;
        openedCodebook.set("");
        setup.setFixed(null);
        hasCodebooks.set(false);
        codebookFile.set(null);
    }

    /**
     * Saves the codebooks: {@code .npz} as a VQ Lens checkpoint (a native codebook file that also holds the
     * training state, so opening it continues the run exactly), other formats as plain codebooks.
     */
    public void save(Path file) {
        Objects.requireNonNull(file, "file");
        CodebookFormat format;
        try {
            format = CodebookFormat.of(file);
        } catch (CodebookFileException e) {
            say(UserMessage.error("Cannot save the codebook", e.getMessage(), file));
            return;
        }
        if (trainer != null && hasCodebooks.get()) {
            busy(+1);
            trainer.checkpoint().whenCompleteAsync((c, failure) -> {
                try {
                    if (failure != null) {
                        throw failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                    }
                    write(file, format, c.codebooks(), c);
                    services.fxThread().execute(() -> {
                        busy(-1);
                        saved(file, c.state().step());
                    });
                } catch (Throwable t) {
                    services.fxThread().execute(() -> {
                        busy(-1);
                        say(UserMessage.error("Cannot save the codebook", describe(t), file));
                    });
                }
            }, services.background());
        } else if (opened != null) {
            Opened o = opened;
            background(() -> {
                write(file, format, o.codebooks(), o.checkpoint());
                return o.checkpoint() != null ? o.checkpoint().state().step() : 0L;
            }, steps -> saved(file, steps), "Cannot save the codebook", file);
        } else {
            say(UserMessage.error("Nothing to save", "Train a codebook or open one first.", file));
        }
    }

    private static void write(Path file, CodebookFormat format, Codebooks books, Checkpoint checkpoint) {
        if (format == CodebookFormat.NPZ && checkpoint != null) {
            checkpoint.save(file);
        } else {
            CodebookFiles.save(file, books);
        }
    }

    private void saved(Path file, long atStep) {
        codebookFile.set(file);
        notice.set("Saved " + file.getFileName() + (atStep > 0 ? " (step " + NumberText.grouped(atStep) + ")" : ""));
    }

    /** Writes the metrics of every recorded step as CSV (field names of the metrics JSON lines). */
    public void exportMetrics(Path file) {
        Objects.requireNonNull(file, "file");
        Trainer t = trainer;
        Opened o = opened;
        Supplier<List<StepMetrics>> rows = t != null ? t::history
                : o != null && o.checkpoint() != null ? () -> o.checkpoint().history() : List::of;
        background(() -> {
            List<StepMetrics> h = rows.get();
            MetricsCsv.write(file, h);
            return h.size();
        }, n -> notice.set("Exported " + n + " steps to " + file.getFileName()), "Cannot export the metrics", file);
    }

    /**
     * Shows a message. Cleared first: messages are records, equal when their texts are, and a property
     * reports no change to an equal value, so the same problem twice would otherwise show only once.
     */
    private void say(UserMessage m) {
        message.set(null);
        message.set(m);
    }

    /** Tells the view about a problem it ran into itself (e.g. writing a PNG). */
    public void reportProblem(String title, String text, Path file) {
        say(UserMessage.error(title, text, file));
    }

    /** A status note from the view ("Exported 5 charts"). */
    public void setNotice(String text) {
        notice.set(text == null ? "" : text);
    }

    /** Runs {@code work} on the background executor and {@code done} with its result on the FX thread. */
    private <T> void background(Supplier<T> work, java.util.function.Consumer<T> done, String failureTitle, Path file) {
        busy(+1);
        services.background().execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (AmbiguousCodebookException e) {
                services.fxThread().execute(() -> {
                    busy(-1);
                    say(new UserMessage(UserMessage.Kind.CHOOSE_KEY, "Choose a codebook",
                            file.getFileName() + " holds " + e.candidates().size() + " codebooks; which one should be opened?",
                            file, e.candidates()));
                });
                return;
            } catch (RuntimeException | Error e) {
                if (!(e instanceof VqException)) {
                    LOG.log(Level.WARNING, failureTitle, e);
                }
                services.fxThread().execute(() -> {
                    busy(-1);
                    say(UserMessage.error(failureTitle, describe(e), file));
                });
                return;
            }
            services.fxThread().execute(() -> {
                busy(-1);
                done.accept(result);
            });
        });
    }

    private void busy(int delta) {
        busyCount += delta;
        busy.set(busyCount > 0);
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return oneLine(m);
    }

    private static String oneLine(String m) {
        return m.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The status bar's memory line: heap in use and the limit. */
    public static String memoryText() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        return String.format(Locale.ROOT, "heap %,d / %,d MB", used >> 20, rt.maxMemory() >> 20);
    }

    /** The trainer of the current run, for tests; {@code null} when none. */
    Trainer trainer() {
        return trainer;
    }

    /** The relay of the current run, for tests. */
    SnapshotRelay<TrainingSnapshot> relay() {
        return relay;
    }

    @Override
    public String toString() {
        return "DashboardViewModel[" + state.get() + ", step " + step.get() + "]";
    }
}
