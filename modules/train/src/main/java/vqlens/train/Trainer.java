package vqlens.train;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import vqlens.core.Codebooks;
import vqlens.core.VqException;
import vqlens.core.edit.CodebookEdit;
import vqlens.train.data.DataSource;
import vqlens.train.internal.EditEvents;
import vqlens.train.internal.TrainingRun;
import vqlens.train.internal.RowSampler;
import vqlens.train.internal.BoundedWait;
import vqlens.train.internal.SnapshotPublisher;
import vqlens.train.internal.StepResult;

/**
 * Trains a product quantizer's codebooks on a background thread and publishes what happens.
 *
 * <h2>Threads</h2>
 * All numerical work runs in tasks submitted to the injected {@link Executor} ("the training thread"; at
 * most one task at a time). Control methods may be called from any thread, return at once and take effect
 * between two steps. With a synchronous executor ({@code Runnable::run}, as tests use) the caller runs the
 * loop itself: {@link #start()} then returns when training finishes, fails, or is paused or stopped from a
 * listener or another thread. The first step creates the ND4J state (loading ND4J takes 0.5–3 s).
 *
 * <h2>Lifecycle</h2>
 * See {@link TrainerState}: {@code IDLE → start → RUNNING ⇄ PAUSED}, {@code step()} runs exactly one step
 * from IDLE or PAUSED (and leaves it PAUSED), {@link #startSlowMotion} runs one paced step at a time, the step
 * limit ends in FINISHED, {@link #stop()} in STOPPED
 * (terminal until {@link #reset()}), {@link #reset()} discards everything and returns to IDLE with fresh
 * codebooks (a resumed trainer then starts from scratch, not from its checkpoint). A NaN or infinite value
 * rolls the step back, adds a {@link TrainingEvent.Kind#NON_FINITE} event and PAUSES; a failure such as an
 * unreadable file adds an {@link TrainingEvent.Kind#ERROR} event and ends in FAILED. {@link #close()} stops,
 * waits for the loop and closes the data source.
 *
 * <h2>Live settings</h2>
 * {@link #setHyperparameters} (and the single-value setters) and {@link #setSpeedLimit} may be called while
 * running; a change applies before the next step and is recorded as a
 * {@link TrainingEvent.Kind#SETTING_CHANGED} event with the step it applies from.
 *
 * <h2>Editing</h2>
 * {@link #edit} changes the codebooks between two steps (never mid-step) and reconciles the training state, so
 * training continues from the edited codebooks; {@link #sampleRows} reads rows from the start of the data for
 * the inspector without moving the data cursor. Both are queued like the other commands and run on the
 * training executor, at once when the trainer is not running.
 *
 * <h2>Snapshots</h2>
 * Every {@code snapshotEvery} steps, after a single step, and at every state change the training thread
 * builds an immutable {@link TrainingSnapshot} and offers it to each listener's mailbox (latest-wins, see
 * {@link #addListener}); it never waits for a listener. {@link #snapshot()} returns the latest one.
 */
public final class Trainer implements AutoCloseable {
    private final Executor executor;
    private final DataSource data;
    private final Object lock = new Object();
    private final SnapshotPublisher publisher;
    private volatile TrainingRun trainingRun;

    // guarded by lock
    private TrainerState state = TrainerState.IDLE;
    private TrainerState publishedState = TrainerState.IDLE;
    private TrainingSettings settings;
    private Hyperparameters requestedHyper;
    private double speedLimit;
    private int singleSteps;
    // slow motion: RUNNING, but a step only when the pacer calls back (slowSteps); session tells stale callbacks apart
    private boolean slowMotion;
    private double slowStepsPerSecond;
    private Pacer pacer;
    private int slowSession;
    private int slowSteps;
    private boolean resetRequested;
    private boolean driving;
    private long stepsDone;
    private final List<CompletableFuture<Checkpoint>> checkpointRequests = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private long checkpointEvery;
    private Consumer<Checkpoint> checkpointSink;
    private List<TrainingEvent> controlEvents = new ArrayList<>();

    // training thread only
    private Checkpoint resumeFrom;
    private long lastStepStart;

    /**
     * A trainer for a fresh run. Takes ownership of {@code data} ({@link #close()} closes it).
     *
     * @throws VqException if the data's width differs from the quantizer's embedding dimension
     */
    public Trainer(TrainingSettings settings, DataSource data, Executor executor) {
        this(settings, data, executor, null);
    }

    private Trainer(TrainingSettings settings, DataSource data, Executor executor, Checkpoint resumeFrom) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.data = Objects.requireNonNull(data, "data");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.resumeFrom = resumeFrom;
        TrainingRun.requireFits(settings, data);
        stepsDone = resumeFrom == null ? 0 : resumeFrom.state().step();
        publisher = new SnapshotPublisher(data.rows(), settings, resumeFrom);
    }

    /**
     * A trainer that continues {@code checkpoint} on {@code data} (the same data it was trained on) exactly
     * as if it had never stopped. {@code maxSteps} replaces the checkpoint's step limit (the total, not the
     * steps still to run); the hyperparameters are the checkpoint's (change them with the setters).
     */
    public static Trainer fromCheckpoint(Checkpoint checkpoint, long maxSteps, DataSource data, Executor executor) {
        TrainingRun.requireSameData(checkpoint, data);
        return new Trainer(checkpoint.settings().withMaxSteps(maxSteps), data, executor, checkpoint);
    }

    // ---------------------------------------------------------------- control

    /**
     * IDLE or PAUSED (or FINISHED below a raised step limit) → RUNNING; in slow motion, back to running at full
     * speed (or the {@linkplain #setSpeedLimit speed limit}). @return whether the state or the mode changed
     */
    public boolean start() {
        return transition(() -> {
            if (slowMotion && state == TrainerState.RUNNING) {
                endSlowMotion();
                return true;
            }
            if (canRun()) {
                state = TrainerState.RUNNING;
                return true;
            }
            return false;
        });
    }

    /**
     * Slow motion, for teaching: RUNNING, one step at a time, each one published on its own whatever the snapshot
     * interval. After each step the trainer hands {@code pacer} the request for the next one, due
     * {@code 1/stepsPerSecond} later; the step limit then ends the run in FINISHED. {@link #pause()},
     * {@link #stop()}, {@link #reset()}, {@link #start()} and a NaN step end slow motion; a request from an
     * ended slow motion does nothing. Called again while in slow motion, it changes the speed only.
     *
     * @return false when the trainer cannot run (STOPPED, FAILED, or FINISHED at its step limit)
     * @throws VqException if {@code stepsPerSecond} is not a positive finite number
     */
    public boolean startSlowMotion(double stepsPerSecond, Pacer pacer) {
        if (!(stepsPerSecond > 0) || Double.isInfinite(stepsPerSecond)) {
            throw new VqException("slow motion needs a finite number of steps per second > 0, got " + stepsPerSecond);
        }
        Objects.requireNonNull(pacer, "pacer");
        return transition(() -> {
            if (slowMotion && state == TrainerState.RUNNING) {
                slowStepsPerSecond = stepsPerSecond;
                this.pacer = pacer;
                return false; // the next step is already asked for
            }
            if (!canRun() && state != TrainerState.RUNNING) {
                return false;
            }
            state = TrainerState.RUNNING;
            slowMotion = true;
            slowStepsPerSecond = stepsPerSecond;
            this.pacer = pacer;
            slowSession++;
            slowSteps = 1; // the first step at once
            return true;
        });
    }

    /** Whether the trainer is in {@linkplain #startSlowMotion slow motion}. */
    public boolean isSlowMotion() {
        synchronized (lock) {
            return slowMotion;
        }
    }

    private boolean canRun() {
        return state == TrainerState.IDLE || state == TrainerState.PAUSED
                || state == TrainerState.FINISHED && !limitReached();
    }

    /** Under the lock. */
    private void endSlowMotion() {
        slowMotion = false;
        slowSteps = 0;
        pacer = null;
        slowSession++;
    }

    /** The pacer's call for the next slow-motion step of {@code session}. */
    private void slowStepDue(int session) {
        transition(() -> {
            if (slowMotion && session == slowSession && state == TrainerState.RUNNING) {
                slowSteps++;
                return true;
            }
            return false;
        });
    }

    /** RUNNING → PAUSED after the step in progress. @return whether the state changed */
    public boolean pause() {
        return transition(() -> {
            if (state == TrainerState.RUNNING) {
                endSlowMotion();
                state = TrainerState.PAUSED;
                return true;
            }
            return false;
        });
    }

    /** PAUSED → RUNNING. @return whether the state changed */
    public boolean resume() {
        return transition(() -> {
            if (state == TrainerState.PAUSED) {
                state = TrainerState.RUNNING;
                return true;
            }
            return false;
        });
    }

    /** From IDLE or PAUSED: runs exactly one step, then PAUSED. @return false if not IDLE/PAUSED */
    public boolean step() {
        return transition(() -> {
            if (state == TrainerState.IDLE || state == TrainerState.PAUSED) {
                singleSteps++;
                return true;
            }
            return false;
        });
    }

    /** Any state → STOPPED after the step in progress. @return whether the state changed */
    public boolean stop() {
        return transition(() -> {
            singleSteps = 0;
            endSlowMotion();
            if (state != TrainerState.STOPPED) {
                state = TrainerState.STOPPED;
                return true;
            }
            return false;
        });
    }

    /** Discards the run (after the step in progress) and returns to IDLE with fresh codebooks. */
    public void reset() {
        transition(() -> {
            resetRequested = true;
            singleSteps = 0;
            endSlowMotion();
            state = TrainerState.IDLE;
            return true;
        });
    }

    /** Replaces the live settings from the next step on. */
    public void setHyperparameters(Hyperparameters hyper) {
        Objects.requireNonNull(hyper, "hyper");
        if (settings.method().usesLearningRate() && !(hyper.learningRate() > 0)) {
            throw new VqException("method " + settings.method().label() + " needs a learning rate > 0");
        }
        transition(() -> {
            requestedHyper = hyper;
            lock.notifyAll();
            return true;
        });
    }

    public void setLearningRate(double value) {
        setHyperparameters(hyperparameters().withLearningRate(value));
    }

    public void setDecay(double value) {
        setHyperparameters(hyperparameters().withDecay(value));
    }

    public void setBeta(double value) {
        setHyperparameters(hyperparameters().withBeta(value));
    }

    public void setDeadThreshold(double value) {
        setHyperparameters(hyperparameters().withDeadThreshold(value));
    }

    /** The live settings as last requested (possibly not applied yet). */
    public Hyperparameters hyperparameters() {
        synchronized (lock) {
            return requestedHyper != null ? requestedHyper : settings.hyper();
        }
    }

    /** At most {@code stepsPerSecond} steps per second while RUNNING (slow motion for teaching); 0 = no limit. */
    public void setSpeedLimit(double stepsPerSecond) {
        if (!(stepsPerSecond >= 0) || Double.isInfinite(stepsPerSecond)) {
            throw new VqException("speed limit must be a finite number of steps per second >= 0, got " + stepsPerSecond);
        }
        transition(() -> {
            if (speedLimit != stepsPerSecond) {
                controlEvents.add(TrainingEvent.of(stepsDone, TrainingEvent.Kind.SETTING_CHANGED, -1,
                        "speed limit " + format(speedLimit) + " -> " + format(stepsPerSecond) + " steps/s"));
                speedLimit = stepsPerSecond;
            }
            lock.notifyAll();
            return true;
        });
    }

    /** Changes the step limit (0 = none); a FINISHED trainer may then {@link #start()} again. */
    public void setMaxSteps(long maxSteps) {
        TrainingSettings next = settings.withMaxSteps(maxSteps); // validates
        synchronized (lock) {
            settings = next.withHyper(settings.hyper());
        }
    }

    /**
     * Asks for a checkpoint between two steps (or at once when idle).
     *
     * @return completed on the training thread with the checkpoint
     */
    public CompletableFuture<Checkpoint> checkpoint() {
        CompletableFuture<Checkpoint> future = new CompletableFuture<>();
        transition(() -> {
            checkpointRequests.add(future);
            return true;
        });
        return future;
    }

    /**
     * Hands a checkpoint to {@code sink} on the training thread after every step that is a multiple of
     * {@code steps} (training waits for the sink, e.g. while it writes the file). 0 turns it off.
     */
    public void checkpointEvery(long steps, Consumer<Checkpoint> sink) {
        if (steps < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + steps);
        }
        synchronized (lock) {
            checkpointEvery = steps;
            checkpointSink = sink;
        }
    }

    // ---------------------------------------------------------------- editing

    /**
     * Applies {@code edit} to the codebooks between two steps (at once, on the training executor, when not
     * running) and reconciles the training state with it: a changed code's usage EMA and EMA statistics are
     * reset to agree with its new value and its optimizer moments cleared, as for a dead-code restart; a
     * reordering moves every per-code state with its code. The edit is recorded as a
     * {@link TrainingEvent.Kind#EDIT} event and a snapshot with the edited codebooks is published right after.
     *
     * @return completed on the training thread with the edited codebooks, or exceptionally with a
     *         {@link VqException} when the edit does not fit (nothing changes then) or no codebooks exist yet
     */
    public CompletableFuture<Codebooks> edit(CodebookEdit edit) {
        Objects.requireNonNull(edit, "edit");
        CompletableFuture<Codebooks> future = new CompletableFuture<>();
        enqueue(new Command(() -> doEdit(edit, future), future));
        return future;
    }

    /**
     * Reads up to {@code maxRows} rows from the start of the data between two steps, for the inspector, and
     * leaves the data cursor where it was, so training goes on exactly as without the call.
     *
     * @return completed on the training thread with {@code [rows, data.dim()]} values, row-major
     */
    public CompletableFuture<float[]> sampleRows(int maxRows) {
        CompletableFuture<float[]> future = new CompletableFuture<>();
        enqueue(new Command(() -> {
            try {
                future.complete(RowSampler.firstRows(data, maxRows));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }, future));
        return future;
    }

    /**
     * VQ-VAE mode: decodes one latent made of the codes {@code indicesPerHead} (one code index per head), between
     * two steps on the training thread, so the inspector can change one head's index and see what the decoder
     * makes of it. A trainer that has not stepped yet creates its run first (a resumed one has codebooks then).
     *
     * @return completed with the decoder's output ({@code dataDim} values; an image, see {@link VqVaeView}), or
     *         exceptionally with a {@link VqException} in quantizer mode, before the codebooks exist, or for a
     *         wrong number of indices or an index out of range
     */
    public CompletableFuture<float[]> decode(int[] indicesPerHead) {
        int[] codes = indicesPerHead.clone();
        CompletableFuture<float[]> future = new CompletableFuture<>();
        if (!settings().vqvae()) {
            future.completeExceptionally(new VqException(
                    "decode needs the VQ-VAE mode (--mode vqvae): a quantizer-mode run has no decoder"));
            return future;
        }
        enqueue(new Command(() -> {
            try {
                future.complete(trainingRun().decode(codes));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }, future));
        return future;
    }

    /** Publishes a snapshot every {@code steps} steps from now on (and at every state change). */
    public void setSnapshotEvery(long steps) {
        if (steps < 1 || steps > Integer.MAX_VALUE) {
            throw new VqException("snapshot interval must be between 1 and " + Integer.MAX_VALUE + " steps, got " + steps);
        }
        synchronized (lock) {
            settings = settings.withSnapshotEvery((int) steps);
        }
    }

    /** A task for the training thread and the future a failure of the trainer completes. */
    private record Command(Runnable work, CompletableFuture<?> future) {
    }

    private void enqueue(Command command) {
        transition(() -> {
            commands.add(command);
            return true;
        });
    }

    private void doEdit(CodebookEdit edit, CompletableFuture<Codebooks> future) {
        Codebooks edited;
        try {
            if (trainingRun == null && resumeFrom == null) {
                throw new VqException("there are no codebooks to edit yet: the first training step initialises them");
            }
            edited = trainingRun().edit(edit, settings().hyper());
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return;
        }
        publisher.addEvents(List.of(EditEvents.of(stepsDone(), edit)));
        publish();
        future.complete(edited);
    }

    // ------------------------------------------------------------ observation

    public TrainerState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** The settings in force (with the live hyperparameters applied so far). */
    public TrainingSettings settings() {
        synchronized (lock) {
            return settings;
        }
    }

    /** The latest published snapshot (an IDLE one before anything ran). */
    public TrainingSnapshot snapshot() {
        return publisher.latest();
    }

    /** Every recorded step's metrics, oldest first (long runs keep every n-th step; see command-line.md under src/site/markdown). */
    public List<StepMetrics> history() {
        TrainingRun e = trainingRun;
        return e == null ? List.of() : e.history();
    }

    /**
     * Registers {@code listener}, to be called on {@code executor} (e.g. {@code Platform::runLater}, or a
     * single-thread executor). It receives the latest snapshot at once, then latest-wins: while it is busy
     * newer snapshots replace the undelivered one (merging their recent steps and events), and at most one
     * delivery task is queued on {@code executor} at any time. Training never waits for it, but a
     * synchronous {@code executor} would run the listener on the training thread.
     */
    public Subscription addListener(SnapshotListener listener, Executor executor) {
        return publisher.subscribe(Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(executor, "executor"));
    }

    /** Waits until the training loop has nothing left to do (not RUNNING, no pending command). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return BoundedWait.whileBusy(lock, () -> driving, timeout);
    }

    /** Stops, waits up to 60 s for the step in progress, closes the data source. */
    @Override
    public void close() {
        stop();
        try {
            awaitIdle(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        data.close();
    }

    // ------------------------------------------------------------ the loop

    private interface Change {
        boolean apply();
    }

    /** Applies a state change under the lock and makes sure the loop will act on it. */
    private boolean transition(Change change) {
        boolean changed;
        boolean launch = false;
        synchronized (lock) {
            changed = change.apply();
            if (changed && !driving) {
                driving = true;
                launch = true;
            }
            lock.notifyAll();
        }
        if (launch) {
            try {
                executor.execute(this::drive);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    driving = false;
                    lock.notifyAll();
                }
                throw e;
            }
        }
        return changed;
    }

    private boolean limitReached() {
        return settings.maxSteps() > 0 && stepsDone >= settings.maxSteps();
    }

    private void drive() {
        try {
            Runnable work;
            while ((work = nextWork()) != null) {
                work.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    private Runnable nextWork() throws InterruptedException {
        synchronized (lock) {
            while (true) {
                if (resetRequested) {
                    resetRequested = false;
                    return this::doReset;
                }
                if (requestedHyper != null) {
                    Hyperparameters h = requestedHyper;
                    requestedHyper = null;
                    return () -> applyHyper(h);
                }
                if (!checkpointRequests.isEmpty()) {
                    List<CompletableFuture<Checkpoint>> requests = new ArrayList<>(checkpointRequests);
                    checkpointRequests.clear();
                    return () -> fulfil(requests);
                }
                if (!commands.isEmpty()) {
                    Command command = commands.remove(0);
                    return () -> {
                        try {
                            command.work().run();
                        } catch (RuntimeException | Error e) {
                            command.future().completeExceptionally(e);
                            throw e;
                        }
                    };
                }
                if (!controlEvents.isEmpty()) {
                    List<TrainingEvent> events = controlEvents;
                    controlEvents = new ArrayList<>();
                    return () -> {
                        publisher.addEvents(events);
                        publishIfIdle();
                    };
                }
                boolean running = state == TrainerState.RUNNING;
                boolean runningOn = running && (!slowMotion || slowSteps > 0); // slow motion: only when a step is due
                if ((runningOn || singleSteps > 0) && limitReached()) {
                    singleSteps = 0;
                    if (runningOn) {
                        state = TrainerState.FINISHED;
                        endSlowMotion();
                    }
                    continue;
                }
                if (singleSteps > 0) {
                    singleSteps--;
                    return () -> doStep(true);
                }
                if (running && slowMotion) {
                    if (slowSteps > 0) {
                        slowSteps--;
                        int session = slowSession;
                        return () -> slowStep(session);
                    }
                } else if (running) {
                    if (speedLimit > 0 && lastStepStart != 0) {
                        long wait = lastStepStart + (long) (1e9 / speedLimit) - System.nanoTime();
                        if (wait > 0) {
                            lock.wait(wait / 1_000_000, (int) (wait % 1_000_000));
                            continue;
                        }
                    }
                    return () -> doStep(false);
                }
                if (publishedState != state) {
                    return this::publish;
                }
                driving = false;
                lock.notifyAll();
                return null;
            }
        }
    }

    private TrainingRun trainingRun() {
        TrainingRun e = trainingRun;
        if (e == null) {
            TrainingSettings current = settings();
            e = resumeFrom != null ? TrainingRun.fromCheckpoint(resumeFrom, data) : TrainingRun.start(current, data);
            trainingRun = e;
        }
        return e;
    }

    private void doStep(boolean single) {
        lastStepStart = System.nanoTime();
        TrainingRun e = trainingRun();
        StepResult result = e.step(settings().hyper());
        boolean publishNow;
        Checkpoint due = null;
        Consumer<Checkpoint> sink;
        synchronized (lock) {
            stepsDone = e.step();
            if (!resetRequested) {
                if (result.rolledBack() && (state == TrainerState.RUNNING || state == TrainerState.IDLE)) {
                    state = TrainerState.PAUSED;
                    singleSteps = 0;
                } else if (single && state == TrainerState.IDLE) {
                    state = TrainerState.PAUSED;
                }
                if (result.rolledBack()) {
                    endSlowMotion();
                }
                if (state == TrainerState.RUNNING && !slowMotion && limitReached()) {
                    state = TrainerState.FINISHED;
                }
            }
            publishNow = single || result.rolledBack() || stepsDone % settings.snapshotEvery() == 0
                    || state != publishedState;
            sink = checkpointSink;
            if (!result.rolledBack() && sink != null && checkpointEvery > 0 && stepsDone % checkpointEvery == 0) {
                due = e.checkpoint(settings);
            }
        }
        publisher.record(result);
        if (due != null) {
            sink.accept(due);
        }
        if (publishNow) {
            publish();
        }
    }

    /**
     * One slow-motion step, published, then the request for the next one to the pacer. The step limit is found
     * when that request comes, so the last step stays on show for its time before the run says FINISHED.
     */
    private void slowStep(int session) {
        doStep(true);
        Pacer p;
        long delay;
        synchronized (lock) {
            if (!slowMotion || session != slowSession) {
                return;
            }
            p = pacer;
            // paced from the step's start, so the step's own time counts: the chosen rate, when steps are fast enough
            delay = Math.max(0, lastStepStart + (long) (1e9 / slowStepsPerSecond) - System.nanoTime());
        }
        p.schedule(() -> slowStepDue(session), delay);
    }

    private void applyHyper(Hyperparameters h) {
        List<TrainingEvent> events = new ArrayList<>();
        synchronized (lock) {
            Hyperparameters old = settings.hyper();
            describeChange(events, "learning rate", old.learningRate(), h.learningRate());
            describeChange(events, "decay", old.decay(), h.decay());
            describeChange(events, "beta", old.beta(), h.beta());
            describeChange(events, "dead-code threshold", old.deadThreshold(), h.deadThreshold());
            settings = settings.withHyper(h);
        }
        publisher.addEvents(events);
        publishIfIdle();
    }

    private void describeChange(List<TrainingEvent> events, String name, double from, double to) {
        if (from != to) {
            events.add(TrainingEvent.of(stepsDone + 1, TrainingEvent.Kind.SETTING_CHANGED, -1,
                    name + " " + format(from) + " -> " + format(to) + " from step " + (stepsDone + 1)));
        }
    }

    private void publishIfIdle() {
        if (state() != TrainerState.RUNNING) {
            publish();
        }
    }

    private void fulfil(List<CompletableFuture<Checkpoint>> requests) {
        try {
            Checkpoint c = trainingRun().checkpoint(settings());
            requests.forEach(f -> f.complete(c));
        } catch (RuntimeException e) {
            requests.forEach(f -> f.completeExceptionally(e));
        }
    }

    private void doReset() {
        trainingRun = null;
        resumeFrom = null;
        lastStepStart = 0;
        publisher.reset();
        synchronized (lock) {
            stepsDone = 0;
        }
        publish();
    }

    private void fail(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        publisher.addEvents(List.of(TrainingEvent.of(stepsDone(), TrainingEvent.Kind.ERROR, -1,
                message.strip().replaceAll("\\s*\\R\\s*", " "))));
        List<CompletableFuture<Checkpoint>> requests;
        List<Command> pending;
        synchronized (lock) {
            state = TrainerState.FAILED;
            requests = new ArrayList<>(checkpointRequests);
            checkpointRequests.clear();
            pending = new ArrayList<>(commands);
            commands.clear();
        }
        requests.forEach(f -> f.completeExceptionally(t));
        pending.forEach(c -> c.future().completeExceptionally(t));
        try {
            publish();
        } catch (RuntimeException | Error ignored) {
            // the snapshot could not be built either; the state still says FAILED
        }
        synchronized (lock) {
            driving = false;
            lock.notifyAll();
        }
    }

    private long stepsDone() {
        synchronized (lock) {
            return stepsDone;
        }
    }

    /** Builds a snapshot on the training thread and offers it to every listener. */
    private void publish() {
        TrainerState st;
        TrainingSettings set;
        double limit;
        synchronized (lock) {
            st = state;
            set = settings;
            limit = speedLimit;
            publishedState = st;
        }
        publisher.publish(st, set, limit, trainingRun, resumeFrom);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
    }
}
