package vqlens.ui.dashboard;

import java.lang.System.Logger.Level;
import java.util.List;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import vqlens.core.VqException;
import vqlens.train.Pacer;
import vqlens.train.StepMetrics;
import vqlens.train.Subscription;
import vqlens.train.Trainer;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSnapshot;
import vqlens.train.data.DataSource;
import vqlens.ui.common.SnapshotCoalescer;
import vqlens.ui.common.SnapshotRelay;
import vqlens.ui.common.FailureText;

/**
 * The run's state machine: launches and discards the trainer, passes the commands on (slow motion and the
 * step limit are the trainer's: it is only asked), applies live settings and shows the run's snapshots.
 * Created by {@link DashboardViewModel} with it as the properties' bean; used on the FX thread only (the
 * trainer is made on the background executor and snapshots arrive through a {@link SnapshotRelay}).
 */
final class RunControl {

    private final DashboardServices services;
    private final SetupForm setup;
    private final ChartFeed charts;
    private final ChartRateGovernor governor;
    private final StatusMessages status;
    private final CurrentCodebooks currentCodebooks;

    final ReadOnlyObjectWrapper<RunState> state;
    final ReadOnlyLongWrapper step;
    final ReadOnlyDoubleWrapper epoch;
    final ReadOnlyDoubleWrapper samplesPerSecond;
    final ReadOnlyDoubleWrapper elapsedSeconds;
    /** Wall-clock seconds from the run's start to the last step shown (pauses and slow motion included). */
    final ReadOnlyDoubleWrapper wallSeconds;
    private long runStartNanos = System.nanoTime();
    final ReadOnlyBooleanWrapper slowMotion;
    /** Steps per second as they are shown (slow motion's real pace); NaN before two steps. */
    final ReadOnlyDoubleWrapper shownStepsPerSecond;
    private final StepRate stepRate = new StepRate();
    final ReadOnlyLongWrapper snapshotEvery;
    final DoubleProperty speed;
    final ReadOnlyObjectWrapper<Trainer> trainerOfRun;

    final CommandAvailability commands;

    private Trainer trainer;
    private Subscription subscription;
    private SnapshotRelay<TrainingSnapshot> relay;
    // bumped when a run is launched or discarded: late callbacks of an older run compare and drop out
    private int generation;
    private TrainingSnapshot latest;

    RunControl(Object bean, DashboardServices services, SetupForm setup, ChartFeed charts, ChartRateGovernor governor,
            StatusMessages status, CurrentCodebooks currentCodebooks) {
        this.services = services;
        this.setup = setup;
        this.charts = charts;
        this.governor = governor;
        this.status = status;
        this.currentCodebooks = currentCodebooks;
        state = new ReadOnlyObjectWrapper<>(bean, "state", RunState.NONE);
        step = new ReadOnlyLongWrapper(bean, "step", 0);
        epoch = new ReadOnlyDoubleWrapper(bean, "epoch", 0);
        samplesPerSecond = new ReadOnlyDoubleWrapper(bean, "samplesPerSecond", 0);
        elapsedSeconds = new ReadOnlyDoubleWrapper(bean, "elapsedSeconds", 0);
        wallSeconds = new ReadOnlyDoubleWrapper(bean, "wallSeconds", 0);
        slowMotion = new ReadOnlyBooleanWrapper(bean, "slowMotion", false);
        shownStepsPerSecond = new ReadOnlyDoubleWrapper(bean, "shownStepsPerSecond", Double.NaN);
        snapshotEvery = new ReadOnlyLongWrapper(bean, "snapshotEvery", 0);
        speed = new SimpleDoubleProperty(bean, "speed", 0);
        trainerOfRun = new ReadOnlyObjectWrapper<>(bean, "trainer");
        commands = new CommandAvailability(state, step, setup, this::canContinueFinished);
        speed.addListener((obs, old, now) -> speedChanged());
    }

    Trainer trainer() {
        return trainer;
    }

    SnapshotRelay<TrainingSnapshot> relay() {
        return relay;
    }

    TrainingSnapshot latest() {
        return latest;
    }

    // ================================================================== commands

    void start() {
        if (!commands.canStart.get()) {
            return;
        }
        switch (state.get()) {
            case NONE -> launch(false);
            case IDLE, PAUSED, FINISHED -> run();
            default -> {
            }
        }
    }

    void pauseOrResume() {
        switch (state.get()) {
            case RUNNING -> pause();
            case PAUSED, IDLE -> run();
            case NONE -> start();
            default -> {
            }
        }
    }

    void pause() {
        if (state.get() != RunState.RUNNING || trainer == null) {
            return;
        }
        trainer.pause();
    }

    void step() {
        if (!commands.canStep.get()) {
            return;
        }
        if (state.get() == RunState.NONE) {
            launch(true);
        } else if (trainer != null) {
            trainer.step();
        }
    }

    void stop() {
        if (!commands.canStop.get() || trainer == null) {
            return;
        }
        trainer.stop();
    }

    /** Ends the run: its trainer closes in the background, the charts clear, the set-up unlocks. */
    void discard() {
        generation++;
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
        wallSeconds.set(0);
        snapshotEvery.set(0);
        status.clearEvents();
        charts.clear();
        currentCodebooks.runDiscarded();
        setup.setRunLocked(false);
        state.set(RunState.NONE);
    }

    // ================================================================== launching a run

    private void launch(boolean singleStep) {
        if (!setup.isValid()) {
            return;
        }
        RunLaunch launch; // everything the background work needs is read here, on the FX thread
        try {
            launch = RunLaunch.read(setup, services, currentCodebooks.opened());
        } catch (VqException e) { // a combination the form's checks let through: say so, start nothing
            status.error("Cannot start training", FailureText.of(e), null);
            return;
        }
        int gen = ++generation;
        setup.setRunLocked(true);
        state.set(RunState.PREPARING);
        charts.prepare(launch.quantizer().heads(), launch.settings().vqvae());
        services.background().execute(() -> {
            DataSource source = null;
            try {
                source = launch.data().open();
                Trainer made = launch.makeTrainer(source, services);
                List<StepMetrics> history = launch.history();
                services.fxThread().execute(() -> installed(gen, made, singleStep, launch.every(), history));
            } catch (RuntimeException | Error e) {
                if (source != null) {
                    source.close();
                }
                services.fxThread().execute(() -> launchFailed(gen, e));
            }
        });
    }

    private void installed(int gen, Trainer made, boolean singleStep, int every, List<StepMetrics> history) {
        if (gen != generation) { // reset while preparing
            services.background().execute(made::close);
            return;
        }
        trainer = made;
        snapshotEvery.set(every);
        governor.restart();
        for (StepMetrics m : history) { // steps of a checkpoint: their compute time stands for the wall time
            charts.appendCurves(m, m.elapsedSeconds());
        }
        runStartNanos = System.nanoTime() - (long) (charts.wallSeconds() * 1e9);
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
        log().log(Level.WARNING, "The run could not start", e);
        discard();
        status.error("Cannot start training", FailureText.of(e), null);
    }

    // ================================================================== speed and slow motion

    /** Starts or resumes the trainer at the current speed: up to {@link DashboardViewModel#SLOW_MOTION_MAX}, in slow motion. */
    private void run() {
        if (trainer == null) {
            return;
        }
        double s = speed.get();
        if (isSlow(s)) {
            trainer.setSpeedLimit(0);
            trainer.startSlowMotion(s, slowMotionPacer());
        } else {
            trainer.setSpeedLimit(s > 0 ? s : 0);
            trainer.start();
        }
    }

    private static boolean isSlow(double stepsPerSecond) {
        return stepsPerSecond > 0 && stepsPerSecond <= DashboardViewModel.SLOW_MOTION_MAX;
    }

    /** The next slow-motion step is asked for on the FX thread, behind the delivery of the last one: each is shown. */
    private Pacer slowMotionPacer() {
        return (next, delayNanos) -> services.delayer().schedule(() -> services.fxThread().execute(next), delayNanos);
    }

    private void speedChanged() {
        if (trainer == null || state.get() != RunState.RUNNING) {
            return;
        }
        run(); // switches between slow motion and running at (or without) a speed limit; the trainer keeps its state
    }

    // ================================================================== live settings

    /** See {@link DashboardViewModel#applyLiveSettings}. */
    void applyLiveSettings() {
        if (trainer == null || !setup.liveValidProperty().get()) {
            return;
        }
        if (LiveSettings.apply(setup, trainer)) {
            commands.canStart.invalidate(); // a raised step limit may let a finished run continue
        }
    }

    private boolean canContinueFinished() {
        if (trainer == null || !setup.liveValidProperty().get()) {
            return false;
        }
        long max = setup.maxStepsValue();
        return max == 0 || step.get() < max;
    }

    // ================================================================== snapshots

    /** Shows a snapshot of run {@code gen} (on the FX thread, from the relay) and accounts for its cost. */
    void apply(int gen, TrainingSnapshot s) {
        if (gen != generation) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            show(s); // ends with charts.changed(): the view redraws its charts within this call
        } finally {
            governor.updated(System.nanoTime() - t0, relay);
        }
    }

    private void show(TrainingSnapshot s) {
        latest = s;
        stepRate.shown(s.step(), System.nanoTime());
        shownStepsPerSecond.set(stepRate.stepsPerSecond());
        step.set(s.step());
        epoch.set(s.epoch());
        samplesPerSecond.set(s.samplesPerSecond());
        elapsedSeconds.set(s.elapsedSeconds());
        // the steps of one snapshot reached the window together: spread them over the time since the last
        double before = charts.wallSeconds();
        double now = Math.max(before, (System.nanoTime() - runStartNanos) / 1e9);
        List<StepMetrics> recent = s.recentSteps();
        for (int i = 0; i < recent.size(); i++) {
            charts.appendCurves(recent.get(i), before + (now - before) * (i + 1) / recent.size());
        }
        wallSeconds.set(charts.wallSeconds());
        if (!s.heads().isEmpty()) {
            charts.updateHeads(s);
        }
        charts.updatePictures(s.vqvae());
        for (TrainingEvent e : s.events()) {
            event(e);
        }
        if (s.hasCodebooks()) {
            currentCodebooks.runHasCodebooks();
        }
        RunState next = RunState.of(s.state());
        slowMotion.set(next == RunState.RUNNING && isSlow(speed.get()));
        state.set(next);
        charts.changed();
    }

    private void event(TrainingEvent e) {
        status.event(e);
        if (e.kind() == TrainingEvent.Kind.ERROR) {
            status.error("Training failed", e.message(), null);
        } else if (e.kind() == TrainingEvent.Kind.NON_FINITE) { // the trainer paused (and left slow motion)
            status.setNotice("Paused: " + e.message());
        }
    }

    /** Looked up on first use, not at class load: the first lookup costs the window's first frame ~20 ms. */
    private static System.Logger log() {
        return System.getLogger(DashboardViewModel.class.getName());
    }
}
