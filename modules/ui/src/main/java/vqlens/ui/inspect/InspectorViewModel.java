package vqlens.ui.inspect;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.core.edit.CodebookEdit;
import vqlens.core.edit.CodebookEdits;
import vqlens.core.edit.PermuteCodes;
import vqlens.core.io.AmbiguousCodebookException;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.CodebookFiles;
import vqlens.train.HeadMetrics;
import vqlens.train.Subscription;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSnapshot;
import vqlens.train.VqVaeView;
import vqlens.train.data.DataSource;
import vqlens.ui.chart.NumberText;
import vqlens.ui.dashboard.DataChoice;
import vqlens.ui.dashboard.SnapshotCoalescer;
import vqlens.ui.dashboard.SnapshotRelay;
import vqlens.ui.dashboard.UserMessage;

/**
 * The inspector's state and commands: the codebooks on show (from a file, or following a running trainer),
 * per-code usage when known, the selected head and code, the data rows shown with them, and the edit history
 * (undo, redo, unsaved changes). No node and no toolkit call: call it on the FX thread; panes bind to its
 * read-only properties. Slow work runs on {@link InspectorServices#background()}, its results come back on
 * {@link InspectorServices#fxThread()}.
 *
 * <p>Lifecycle: empty (no codebooks) until codebooks are shown ({@link #show}, {@link #open} or
 * {@link #follow}); every {@link #apply} records the edit and its inverse, {@link #undo}/{@link #redo} walk
 * the history, {@link #markSaved} sets the point that counts as unchanged.
 *
 * <p>Edits go to one place, {@link #commit}: the codebooks on show change at once, and while a trainer is
 * followed the same edit is sent to it, applied between two steps; its snapshots then carry the edit on.
 * Usage is permuted with every {@link PermuteCodes}, so a code keeps its usage when it moves.
 */
public final class InspectorViewModel {

    /** How long a followed run may take to confirm an edit before the inspector stops waiting for it. */
    static final long EDIT_TIMEOUT_SECONDS = 30;
    /** Updates a second, at most, from a followed run. */
    static final double FOLLOW_HZ = 5;

    /** Data rows loaded from a file or sampled from a run, at most. */
    public static final int DATA_ROWS = 5_000;

    private final InspectorServices services;

    private final ReadOnlyObjectWrapper<Codebooks> codebooks = new ReadOnlyObjectWrapper<>(this, "codebooks");
    private final ReadOnlyObjectWrapper<CodeUsage> usage = new ReadOnlyObjectWrapper<>(this, "usage");
    private final ReadOnlyObjectWrapper<DataSample> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ReadOnlyObjectWrapper<VqVaeView> vqvaeView = new ReadOnlyObjectWrapper<>(this, "vqvaeView");
    private final IntegerProperty selectedHead = new SimpleIntegerProperty(this, "selectedHead", 0);
    private final IntegerProperty selectedCode = new SimpleIntegerProperty(this, "selectedCode", -1);
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyBooleanWrapper following = new ReadOnlyBooleanWrapper(this, "following");
    private final ReadOnlyStringWrapper sourceText = new ReadOnlyStringWrapper(this, "sourceText", NO_SOURCE);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(this, "undoText", "");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(this, "redoText", "");
    private final ReadOnlyObjectWrapper<UserMessage> message = new ReadOnlyObjectWrapper<>(this, "message");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final BooleanBinding hasCodebooks = codebooks.isNotNull();
    private final ReadOnlyBooleanWrapper saveInPlace = new ReadOnlyBooleanWrapper(this, "saveInPlace");
    private final ReadOnlyObjectWrapper<HeadStats> headStats = new ReadOnlyObjectWrapper<>(this, "headStats");
    private long statsGeneration;

    static final String NO_SOURCE = "No codebook: open a file, or follow the training run";

    private record Entry(CodebookEdit edit, CodebookEdit inverse) { }

    private final Deque<Entry> undoStack = new ArrayDeque<>();
    private final Deque<Entry> redoStack = new ArrayDeque<>();
    /** Undo depth that matches the saved file; -1 when no state in the history does. */
    private int savedDepth;
    private int busyCount;
    /** Whether {@link #usage} holds counts that a native file may keep (not a run's EMA rates). */
    private boolean usageIsCounts;
    /** Whether {@link #usage} was counted from the data rows; then it is counted again after edits. */
    private boolean usageDerived;
    private long usageGeneration;
    private String meta;
    private String key;

    // following a run
    private LiveTraining live;
    private Subscription subscription;
    /** Hands the followed run's snapshots to the FX thread, spaced out; {@code null} when not following. */
    private SnapshotRelay<TrainingSnapshot> relay;
    private long liveStep = -1;
    /** Edits sent to the trainer and not yet confirmed: snapshots taken before them are stale. */
    private int editsInFlight;
    /** The latest snapshot that arrived while edits were in flight. */
    private TrainingSnapshot heldSnapshot;
    /** Whether the followed run was asked for data rows (once it has codebooks). */
    private boolean rowsAsked;

    /** A view model whose work runs on the caller's thread (tests, and panes used without the window). */
    public InspectorViewModel() {
        this(InspectorServices.synchronous());
    }

    public InspectorViewModel(InspectorServices services) {
        this.services = Objects.requireNonNull(services, "services");
        codebooks.addListener((obs, old, now) -> refreshStats());
        selectedHead.addListener((obs, old, now) -> refreshStats());
    }

    /** Heads up to this many K·K·D operations get their statistics at once on the FX thread; bigger ones in the background. */
    static final long STATS_INLINE_WORK = 40_000_000L;

    /** Norms, nearest codes and distances of the selected head's codes; {@code null} when none (or not computed yet). */
    public ReadOnlyObjectProperty<HeadStats> headStatsProperty() {
        return headStats.getReadOnlyProperty();
    }

    public HeadStats getHeadStats() {
        return headStats.get();
    }

    /** Whether Save may write over the file on show (it holds nothing but what a save writes). */
    public ReadOnlyBooleanProperty saveInPlaceProperty() {
        return saveInPlace.getReadOnlyProperty();
    }

    private void refreshStats() {
        Codebooks cb = codebooks.get();
        int head = selectedHead.get();
        long generation = ++statsGeneration;
        if (cb == null || head < 0 || head >= cb.config().heads()) {
            headStats.set(null);
            return;
        }
        long k = cb.config().codes();
        if (k * k * cb.config().headDim() <= STATS_INLINE_WORK) {
            headStats.set(HeadStats.of(cb, head));
            return;
        }
        services.background().execute(() -> {
            HeadStats s = HeadStats.of(cb, head);
            services.fxThread().execute(() -> {
                if (generation == statsGeneration) {
                    headStats.set(s);
                }
            });
        });
    }

    // ------------------------------------------------------------------ properties

    /** The codebooks on show, {@code null} when none. */
    public ReadOnlyObjectProperty<Codebooks> codebooksProperty() {
        return codebooks.getReadOnlyProperty();
    }

    public Codebooks getCodebooks() {
        return codebooks.get();
    }

    /** Whether codebooks are on show. */
    public BooleanBinding hasCodebooksProperty() {
        return hasCodebooks;
    }

    /** Per-code usage when the source knows it, else {@code null}. */
    public ReadOnlyObjectProperty<CodeUsage> usageProperty() {
        return usage.getReadOnlyProperty();
    }

    /** Data rows shown with the codebooks, {@code null} when none. */
    public ReadOnlyObjectProperty<DataSample> dataProperty() {
        return data.getReadOnlyProperty();
    }

    /** The head whose codes the panes show, 0-based. */
    public IntegerProperty selectedHeadProperty() {
        return selectedHead;
    }

    /** The selected code of the selected head, -1 for none. */
    public IntegerProperty selectedCodeProperty() {
        return selectedCode;
    }

    /** Whether the codebooks differ from the last save (or from what was opened). Never while following a run. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** What Undo would undo, e.g. {@code "swap head 0 codes 1 and 2"}; empty when nothing. */
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    /** What Redo would redo; empty when nothing. */
    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    /** The file the codebooks came from or were last saved to; {@code null} when none (or following a run). */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /**
     * The pictures of a followed VQ-VAE run (decoded code images, reconstructions) from its latest snapshot;
     * {@code null} for codebooks from a file or a run in quantizer mode.
     */
    public ReadOnlyObjectProperty<VqVaeView> vqvaeViewProperty() {
        return vqvaeView.getReadOnlyProperty();
    }

    /** Whether the codebooks follow a running trainer. */
    public ReadOnlyBooleanProperty followingProperty() {
        return following.getReadOnlyProperty();
    }

    public boolean isFollowing() {
        return following.get();
    }

    /** One line saying what is on show, e.g. {@code "seed.npz · 4 heads × 256 codes × 96 dims"}. */
    public ReadOnlyStringProperty sourceTextProperty() {
        return sourceText.getReadOnlyProperty();
    }

    /** What happened last (an edit, an undo, a save), for the status line. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Something to tell the user in a dialog (a new object each time); {@code null} at first. */
    public ReadOnlyObjectProperty<UserMessage> messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while a file is read or written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The name for the window title: the file's, {@code "training run"} when following, else empty. */
    public String documentName() {
        if (following.get()) {
            return "training run";
        }
        Path f = file.get();
        return f == null ? (codebooks.get() == null ? "" : "untitled") : String.valueOf(f.getFileName());
    }

    /** The running training followed, or {@code null}. */
    public LiveTraining live() {
        return live;
    }

    /** The step of the last snapshot shown while following, -1 when none. */
    public long liveStep() {
        return liveStep;
    }

    /** Whether {@link #getUsage()} holds counts of assignments (from a file), not rates (from a run). */
    public boolean usageIsCounts() {
        return usageIsCounts;
    }

    public CodeUsage getUsage() {
        return usage.get();
    }

    public DataSample getData() {
        return data.get();
    }

    // ------------------------------------------------------------------ showing

    /** Shows new codebooks (a file just opened): clears the history and counts them as saved. */
    public void show(Codebooks newCodebooks, CodeUsage newUsage) {
        codebooks.set(Objects.requireNonNull(newCodebooks, "newCodebooks"));
        vqvaeView.set(null);
        usage.set(fits(newUsage, newCodebooks) ? newUsage : null);
        usageIsCounts = usage.get() != null;
        usageDerived = false;
        clearHistory();
        keepSelectionInside(newCodebooks.config());
        refreshSource();
        deriveUsage();
    }

    /**
     * Sets the data rows shown with the codebooks ({@code null} for none). When the source knows no usage,
     * the rows give it: how many of them each code is nearest to.
     */
    public void setData(DataSample sample) {
        data.set(sample);
        deriveUsage();
    }

    /** Whether the usage on show was counted from the data rows (not given by the file or the run). */
    public boolean usageFromData() {
        return usageDerived;
    }

    /**
     * Counts the data rows nearest to each code, as the usage, when no other usage is known (not while
     * following a run, whose EMA usage is better). Again after every edit, since edits move the cells.
     */
    private void deriveUsage() {
        CodeUsage known = usage.get();
        if (following.get() || known != null && !usageDerived) {
            return;
        }
        long generation = ++usageGeneration;
        Codebooks cb = codebooks.get();
        DataSample d = fittingData();
        if (cb == null || d == null) {
            if (usageDerived) {
                usageDerived = false;
                usage.set(null);
            }
            return;
        }
        QuantizerConfig q = cb.config();
        Supplier<CodeUsage> count = () -> {
            float[] rows = d.values();
            double[] counts = new double[q.heads() * q.codes()];
            for (int h = 0; h < q.heads(); h++) {
                for (int code : CodebookEdits.nearestCodes(cb, h, rows, d.rows())) {
                    counts[h * q.codes() + code]++;
                }
            }
            return new CodeUsage(counts, q.heads(), q.codes(),
                    "rows nearest to each code, of the " + NumberText.grouped(d.rows()) + " data rows");
        };
        java.util.function.Consumer<CodeUsage> done = u -> {
            if (generation == usageGeneration && codebooks.get() == cb) {
                usageDerived = true;
                usageIsCounts = false;
                usage.set(u);
            }
        };
        if ((long) d.rows() * q.codes() * q.embeddingDim() <= STATS_INLINE_WORK) {
            done.accept(count.get());
        } else {
            services.background().execute(() -> {
                CodeUsage u = count.get();
                services.fxThread().execute(() -> done.accept(u));
            });
        }
    }

    // ------------------------------------------------------------------ editing

    /**
     * Applies {@code edit} to the codebooks on show and records it for undo; clears redo. While following a
     * run the trainer gets the edit too (between two steps).
     *
     * @throws VqException if the edit does not fit these codebooks (nothing changes then)
     */
    public void apply(CodebookEdit edit) {
        Codebooks before = requireCodebooks();
        CodebookEdit inverse = edit.inverse(before);
        Codebooks after = edit.apply(before);
        if (savedDepth > undoStack.size()) {
            savedDepth = -1;
        }
        Entry entry = new Entry(edit, inverse);
        undoStack.push(entry);
        redoStack.clear();
        commit(edit, after, entry);
        statusText.set(capitalised(edit.description()));
    }

    /** Undoes the last edit; false when there is none. */
    public boolean undo() {
        Entry last = undoStack.poll();
        if (last == null) {
            return false;
        }
        redoStack.push(last);
        commit(last.inverse(), last.inverse().apply(requireCodebooks()), null);
        statusText.set("Undid: " + last.edit().description());
        return true;
    }

    /** Redoes the last undone edit; false when there is none. */
    public boolean redo() {
        Entry next = redoStack.poll();
        if (next == null) {
            return false;
        }
        undoStack.push(next);
        commit(next.edit(), next.edit().apply(requireCodebooks()), null);
        statusText.set("Redid: " + next.edit().description());
        return true;
    }

    /**
     * The one place edits take effect: the codebooks on show and their usage change now; a followed trainer
     * gets the edit to apply between its steps. {@code entry} is the history entry to drop if the trainer
     * refuses the edit ({@code null} for undo and redo).
     */
    private void commit(CodebookEdit edit, Codebooks after, Entry entry) {
        codebooks.set(after);
        if (usageDerived) {
            deriveUsage();
        } else {
            usage.set(Usages.afterEdit(usage.get(), edit));
        }
        followSelection(edit);
        refreshFlags();
        LiveTraining target = live;
        if (target == null) {
            return;
        }
        editsInFlight++;
        // A run that never confirms (it failed meanwhile) must not hold the snapshots back for ever.
        target.edit(edit).orTimeout(EDIT_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS).whenCompleteAsync((result, failure) -> {
            if (target != live) {
                return;
            }
            editsInFlight--;
            TrainingSnapshot held = heldSnapshot;
            if (editsInFlight == 0) {
                heldSnapshot = null;
            }
            if (failure != null) {
                if (entry != null && undoStack.peek() == entry) {
                    undoStack.poll();
                    refreshFlags();
                }
                report("The training run did not take the edit", describe(failure), null);
            } else if (editsInFlight == 0) {
                if (held != null && held.events().stream().anyMatch(ev -> ev.kind() == TrainingEvent.Kind.EDIT)) {
                    onSnapshot(held); // published right after the edit: codebooks and usage with it
                } else if (result != null) {
                    codebooks.set(result);
                }
            }
        }, services.fxThread());
    }

    /** Keeps the selection on the same code when codes are reordered. */
    private void followSelection(CodebookEdit edit) {
        for (CodebookEdit step : edit.primitives()) {
            int code = selectedCode.get();
            if (step instanceof PermuteCodes p && p.head() == selectedHead.get() && code >= 0 && code < p.order().length) {
                int[] order = p.order();
                for (int i = 0; i < order.length; i++) {
                    if (order[i] == code) {
                        selectedCode.set(i);
                        break;
                    }
                }
            }
        }
    }

    /** The codebooks on show now count as saved. */
    public void markSaved() {
        savedDepth = undoStack.size();
        refreshFlags();
    }

    private void clearHistory() {
        undoStack.clear();
        redoStack.clear();
        savedDepth = 0;
        refreshFlags();
    }

    private Codebooks requireCodebooks() {
        Codebooks now = codebooks.get();
        if (now == null) {
            throw new IllegalStateException("no codebooks on show");
        }
        return now;
    }

    private void refreshFlags() {
        canUndo.set(!undoStack.isEmpty());
        canRedo.set(!redoStack.isEmpty());
        undoText.set(undoStack.isEmpty() ? "" : undoStack.peek().edit().description());
        redoText.set(redoStack.isEmpty() ? "" : redoStack.peek().edit().description());
        dirty.set(!following.get() && codebooks.get() != null && savedDepth != undoStack.size());
    }

    // ------------------------------------------------------------------ files

    /**
     * Opens a codebook file in the background (stops following a run). A file with several candidate
     * codebooks becomes a question ({@link UserMessage.Kind#CHOOSE_KEY}); one that cannot be read, an error
     * message. The codebooks on show stay until the new ones are read.
     *
     * @param key the tensor or member to read, {@code null} to choose automatically
     */
    public void open(Path path, String chosenKey) {
        Objects.requireNonNull(path, "path");
        background(() -> CodebookFiles.describe(path, chosenKey), info -> {
            CodebookDocument document = info.document();
            stopFollowing();
            CodeUsage counts = document.usage().map(u -> Usages.fromCounts(u, document.codebooks().config(),
                    "usage saved in the file")).orElse(null);
            show(document.codebooks(), counts);
            meta = document.meta().orElse(null);
            key = info.key() != null && info.candidates().size() > 1 ? info.key() : null;
            file.set(path);
            saveInPlace.set(onlyWhatSaveWrites(info));
            refreshSource();
            refreshFlags();
            statusText.set("Opened " + path.getFileName());
            checkDataFits();
        }, "Cannot open the codebook", path);
    }

    /**
     * Saves the codebooks on show in the format of the extension, atomically, in the background; a native
     * {@code .npz} keeps the usage counts and meta of the file opened. Then they count as saved.
     *
     * @param then runs on the FX thread after a successful save (may be {@code null})
     */
    public void save(Path path, Runnable then) {
        Objects.requireNonNull(path, "path");
        Codebooks books = requireCodebooks();
        CodebookDocument document = document(books);
        int depth = undoStack.size();
        background(() -> {
            CodebookFiles.save(path, document);
            return path;
        }, saved -> {
            if (!following.get()) {
                file.set(saved);
                key = null;
                saveInPlace.set(true);
                if (undoStack.size() == depth) {
                    markSaved();
                } else {
                    savedDepth = depth <= undoStack.size() ? depth : -1;
                    refreshFlags();
                }
                refreshSource();
            }
            statusText.set("Saved " + saved.getFileName());
            if (then != null) {
                then.run();
            }
        }, "Cannot save the codebook", path);
    }

    /**
     * Whether saving over {@code info}'s file keeps everything it held: not when it has more arrays than the
     * codebooks, {@code inited}, usage and meta (a model's state_dict, a training checkpoint).
     */
    static boolean onlyWhatSaveWrites(CodebookFileInfo info) {
        Set<String> written = switch (info.format()) {
            case NPZ -> Set.of("codebooks", "inited", "usage", "meta");
            case SAFETENSORS -> Set.of("codebooks", "inited");
            case NPY, CSV -> Set.of();
        };
        return written.containsAll(info.keys());
    }

    private CodebookDocument document(Codebooks books) {
        CodeUsage u = usage.get();
        long[] counts = null;
        if (u != null && usageIsCounts) {
            double[] values = u.counts();
            counts = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                counts[i] = Math.round(values[i]);
            }
        }
        return counts == null && meta == null ? CodebookDocument.of(books) : CodebookDocument.of(books, counts, meta);
    }

    /**
     * Loads up to {@code maxRows} data rows from a {@code .npy} or {@code .csv} file in the background
     * (the first rows of the file).
     */
    public void loadData(Path path, int maxRows) {
        Objects.requireNonNull(path, "path");
        background(() -> {
            try (DataSource source = DataChoice.openFile(path)) {
                return read(source, maxRows, source.describe());
            }
        }, sample -> {
            setData(sample);
            statusText.set("Loaded " + sample.description());
            checkDataFits();
        }, "Cannot read the data rows", path);
    }

    static DataSample read(DataSource source, int maxRows, String what) {
        long n = Math.min(source.rows(), Math.max(1, maxRows));
        if (n < 1) {
            throw new VqException(what + ": no rows");
        }
        float[] values = new float[Math.toIntExact(n * source.dim())];
        int got = 0;
        while (got < n) {
            float[] chunk = new float[(int) (n - got) * source.dim()];
            int rows = source.read(chunk, (int) (n - got));
            if (rows <= 0) {
                break;
            }
            System.arraycopy(chunk, 0, values, got * source.dim(), rows * source.dim());
            got += rows;
        }
        if (got < n) {
            float[] cut = new float[got * source.dim()];
            System.arraycopy(values, 0, cut, 0, cut.length);
            values = cut;
        }
        if (got == 0) {
            throw new VqException(what + ": no rows");
        }
        return new DataSample(values, got, source.dim(), NumberText.grouped(got) + " rows of " + what);
    }

    /** Tells the user when the data rows do not have one value per embedding dimension of the codebooks. */
    private void checkDataFits() {
        DataSample d = data.get();
        Codebooks cb = codebooks.get();
        if (d != null && cb != null && d.dim() != cb.config().embeddingDim()) {
            report("The data rows do not fit the codebooks", d.description() + ": rows have " + d.dim()
                    + " values but the codebooks take " + cb.config().embeddingDim() + " (" + cb.config().heads()
                    + " heads × " + cb.config().headDim() + "); the rows are not used.", null);
            data.set(null);
            deriveUsage();
        }
    }

    /** The data rows when they fit the codebooks on show, else {@code null}. */
    DataSample fittingData() {
        DataSample d = data.get();
        Codebooks cb = codebooks.get();
        return d != null && cb != null && d.dim() == cb.config().embeddingDim() ? d : null;
    }

    // ------------------------------------------------------------------ following a run

    /**
     * Follows a running trainer: its codebooks and EMA usage replace what is on show at every snapshot, and
     * edits go to it. Clears the history; asks it for data rows. Replaces any run followed before.
     */
    public void follow(LiveTraining training) {
        Objects.requireNonNull(training, "training");
        stopFollowing();
        live = training;
        following.set(true);
        file.set(null);
        saveInPlace.set(false);
        meta = null;
        key = null;
        liveStep = -1;
        editsInFlight = 0;
        heldSnapshot = null;
        rowsAsked = false;
        clearHistory();
        // At most FOLLOW_HZ updates a second: each one recomputes the head's statistics and redraws the
        // heatmap, distance matrix and 2-D view, too much to do for every snapshot of a fast run.
        SnapshotRelay<TrainingSnapshot> toFx = new SnapshotRelay<>(new SnapshotCoalescer(), s -> {
            if (live == training) {
                onSnapshot(s);
            }
        }, services.fxThread(), services.delayer(), FOLLOW_HZ);
        relay = toFx;
        subscription = training.listen(toFx::offer, Runnable::run);
        refreshSource();
        statusText.set("Following " + training.describe());
    }

    /** Stops following; the last codebooks stay on show (not saved anywhere yet). */
    public void stopFollowing() {
        if (live == null) {
            return;
        }
        Subscription s = subscription;
        SnapshotRelay<TrainingSnapshot> r = relay;
        live = null;
        subscription = null;
        relay = null;
        if (s != null) {
            s.close();
        }
        if (r != null) {
            r.close();
        }
        following.set(false);
        clearHistory();
        refreshSource();
    }

    /** Asks the followed run for data rows (the first {@value #DATA_ROWS} of its data). */
    public void sampleLiveRows() {
        LiveTraining training = live;
        if (training == null) {
            return;
        }
        busy(+1);
        training.sampleRows(DATA_ROWS).whenCompleteAsync((rows, failure) -> {
            busy(-1);
            if (live != training) {
                return;
            }
            if (failure != null) {
                statusText.set("No data rows from the run: " + describe(failure));
                return;
            }
            int dim = training.rowDim();
            Codebooks cb = codebooks.get();
            if (cb != null && dim != cb.config().embeddingDim()) {
                statusText.set("The run's data rows (" + dim + " values) are not in the codes' space: no data rows shown");
                return;
            }
            if (rows != null && rows.length >= dim && rows.length % dim == 0) {
                setData(new DataSample(rows, rows.length / dim, dim,
                        NumberText.grouped(rows.length / dim) + " rows of the training data"));
            }
        }, services.fxThread());
    }

    private void onSnapshot(TrainingSnapshot s) {
        if (editsInFlight > 0) {
            heldSnapshot = s; // may predate the edit: decided when the trainer confirms it
            return;
        }
        liveStep = s.step();
        Codebooks books = s.codebooks();
        if (books != null) {
            boolean first = codebooks.get() == null || !rowsAsked;
            codebooks.set(books);
            vqvaeView.set(s.vqvae());
            usage.set(emaUsage(s, books.config()));
            usageIsCounts = false;
            usageDerived = false;
            keepSelectionInside(books.config());
            if (first) {
                rowsAsked = true;
                sampleLiveRows();
            }
        }
        refreshSource();
    }

    private static CodeUsage emaUsage(TrainingSnapshot s, QuantizerConfig q) {
        List<HeadMetrics> heads = s.heads();
        if (heads.size() != q.heads()) {
            return null;
        }
        double[] all = new double[q.heads() * q.codes()];
        for (HeadMetrics h : heads) {
            double[] ema = h.usageEma();
            if (ema.length != q.codes() || h.head() < 0 || h.head() >= q.heads()) {
                return null;
            }
            System.arraycopy(ema, 0, all, h.head() * q.codes(), q.codes());
        }
        return new CodeUsage(all, q.heads(), q.codes(), "EMA usage (rows per step) at step " + NumberText.grouped(s.step()));
    }

    // ------------------------------------------------------------------ helpers

    private void keepSelectionInside(QuantizerConfig q) {
        if (selectedHead.get() >= q.heads() || selectedHead.get() < 0) {
            selectedHead.set(0);
        }
        if (selectedCode.get() >= q.codes()) {
            selectedCode.set(-1);
        }
    }

    private static boolean fits(CodeUsage u, Codebooks cb) {
        return u != null && u.heads() == cb.config().heads() && u.codes() == cb.config().codes();
    }

    private void refreshSource() {
        Codebooks cb = codebooks.get();
        String shape = cb == null ? "" : shape(cb.config());
        if (following.get()) {
            sourceText.set(cb == null ? "Following training: waiting for the first step"
                    : "Following training · step " + NumberText.grouped(Math.max(0, liveStep)) + " · " + shape);
        } else if (cb == null) {
            sourceText.set(NO_SOURCE);
        } else {
            Path f = file.get();
            String name = f == null ? "Unsaved codebooks" : String.valueOf(f.getFileName());
            sourceText.set(name + (key != null ? " [" + key + "]" : "") + " · " + shape
                    + (cb.inited() ? "" : " · not initialised"));
        }
    }

    static String shape(QuantizerConfig q) {
        return q.heads() + (q.heads() == 1 ? " head × " : " heads × ") + NumberText.grouped(q.codes()) + " codes × "
                + q.headDim() + " dims";
    }

    private <T> void background(Supplier<T> work, java.util.function.Consumer<T> done, String problem, Path path) {
        busy(+1);
        services.background().execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                services.fxThread().execute(() -> {
                    busy(-1);
                    failed(e, problem, path);
                });
                return;
            }
            services.fxThread().execute(() -> {
                busy(-1);
                done.accept(result);
            });
        });
    }

    private void failed(RuntimeException e, String problem, Path path) {
        if (e instanceof AmbiguousCodebookException ambiguous) {
            message.set(new UserMessage(UserMessage.Kind.CHOOSE_KEY, "Choose a codebook",
                    path.getFileName() + " holds " + ambiguous.candidates().size()
                            + " codebooks. Which one should the inspector show?", path, ambiguous.candidates()));
            return;
        }
        report(problem, describe(e), path);
    }

    /** Shows an error dialog (through {@link #messageProperty()}). */
    void report(String title, String text, Path path) {
        message.set(new UserMessage(UserMessage.Kind.ERROR, title, text, path, List.of()));
    }

    private void busy(int delta) {
        busyCount += delta;
        busy.set(busyCount > 0);
    }

    static String describe(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        String text = cause.getMessage();
        if (text == null || text.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        int newline = text.indexOf('\n');
        return cause instanceof VqException ? (newline < 0 ? text : text.substring(0, newline))
                : cause.getClass().getSimpleName() + ": " + (newline < 0 ? text : text.substring(0, newline));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
