package vqlens.ui.inspect;

import java.nio.file.Path;
import java.util.Objects;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.core.edit.CodebookEdit;
import vqlens.core.edit.PermuteCodes;
import vqlens.core.io.CodebookFileInfo;
import vqlens.train.VqVaeView;
import vqlens.train.data.DataSource;
import vqlens.ui.chart.NumberText;
import vqlens.ui.common.UserMessage;

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
 * Usage is permuted with every {@link PermuteCodes}, so a code keeps its usage when it moves; a code given a new
 * value starts at usage 0 ({@link Usages#afterEdit}).
 *
 * <p>A facade: the state lives in {@link InspectorState}; {@link InspectorDocument} (show, open, save),
 * {@link EditCommands} with {@link EditHistory} (apply, undo, redo), {@link RunFollower} (following a run),
 * {@link DataRows} (data rows and usage counted from them) and {@link HeadStatsUpdater} do the work.
 */
public final class InspectorViewModel {

    /** How long a followed run may take to confirm an edit before the inspector stops waiting for it. */
    static final long EDIT_TIMEOUT_SECONDS = 30;
    /** Updates a second, at most, from a followed run. */
    static final double FOLLOW_HZ = 5;

    /** Data rows loaded from a file or sampled from a run, at most. */
    public static final int DATA_ROWS = 5_000;

    static final String NO_SOURCE = "No codebook: open a file, or follow the training run";

    /** Heads up to this many K·K·D operations get their statistics at once on the FX thread; bigger ones in the background. */
    static final long STATS_INLINE_WORK = 40_000_000L;

    private final InspectorState state;
    private final DataRows dataRows;
    private final EditHistory history;
    private final InspectorDocument document;
    private final RunFollower follower;
    private final EditCommands edits;

    /** A view model whose work runs on the caller's thread (tests, and panes used without the window). */
    public InspectorViewModel() {
        this(InspectorServices.synchronous());
    }

    public InspectorViewModel(InspectorServices services) {
        Objects.requireNonNull(services, "services");
        state = new InspectorState(this, services);
        dataRows = new DataRows(state, services);
        history = new EditHistory(state);
        document = new InspectorDocument(state, history, dataRows, this::stopFollowing);
        follower = new RunFollower(state, services, history, dataRows, document);
        edits = new EditCommands(state, history, dataRows, follower);
        new HeadStatsUpdater(state, services); // listens to the codebooks and the selected head from now on
    }

    /** Norms, nearest codes and distances of the selected head's codes; {@code null} when none (or not computed yet). */
    public ReadOnlyObjectProperty<HeadStats> headStatsProperty() {
        return state.headStats.getReadOnlyProperty();
    }

    public HeadStats getHeadStats() {
        return state.headStats.get();
    }

    /** Whether Save may write over the file on show (it holds nothing but what a save writes). */
    public ReadOnlyBooleanProperty saveInPlaceProperty() {
        return state.saveInPlace.getReadOnlyProperty();
    }

    // ------------------------------------------------------------------ properties

    /** The codebooks on show, {@code null} when none. */
    public ReadOnlyObjectProperty<Codebooks> codebooksProperty() {
        return state.codebooks.getReadOnlyProperty();
    }

    public Codebooks getCodebooks() {
        return state.codebooks.get();
    }

    /** Whether codebooks are on show. */
    public BooleanBinding hasCodebooksProperty() {
        return state.hasCodebooks;
    }

    /** Per-code usage when the source knows it, else {@code null}. */
    public ReadOnlyObjectProperty<CodeUsage> usageProperty() {
        return state.usage.getReadOnlyProperty();
    }

    /** Data rows shown with the codebooks, {@code null} when none. */
    public ReadOnlyObjectProperty<DataSample> dataProperty() {
        return state.data.getReadOnlyProperty();
    }

    /** The head whose codes the panes show, 0-based. */
    public IntegerProperty selectedHeadProperty() {
        return state.selectedHead;
    }

    /** The selected code of the selected head, -1 for none. */
    public IntegerProperty selectedCodeProperty() {
        return state.selectedCode;
    }

    /** Whether the codebooks differ from the last save (or from what was opened). Never while following a run. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return state.dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return state.dirty.get();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return state.canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return state.canRedo.getReadOnlyProperty();
    }

    /** What Undo would undo, e.g. {@code "swap head 0 codes 1 and 2"}; empty when nothing. */
    public ReadOnlyStringProperty undoTextProperty() {
        return state.undoText.getReadOnlyProperty();
    }

    /** What Redo would redo; empty when nothing. */
    public ReadOnlyStringProperty redoTextProperty() {
        return state.redoText.getReadOnlyProperty();
    }

    /** The file the codebooks came from or were last saved to; {@code null} when none (or following a run). */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return state.file.getReadOnlyProperty();
    }

    /**
     * The pictures of a followed VQ-VAE run (decoded code images, reconstructions) from its latest snapshot;
     * {@code null} for codebooks from a file or a run in quantizer mode.
     */
    public ReadOnlyObjectProperty<VqVaeView> vqvaeViewProperty() {
        return state.vqvaeView.getReadOnlyProperty();
    }

    /** Whether the codebooks follow a running trainer. */
    public ReadOnlyBooleanProperty followingProperty() {
        return state.following.getReadOnlyProperty();
    }

    public boolean isFollowing() {
        return state.following.get();
    }

    /** One line saying what is on show, e.g. {@code "seed.npz · 4 heads × 256 codes × 96 dims"}. */
    public ReadOnlyStringProperty sourceTextProperty() {
        return state.sourceText.getReadOnlyProperty();
    }

    /** What happened last (an edit, an undo, a save), for the status line. */
    public ReadOnlyStringProperty statusTextProperty() {
        return state.statusText.getReadOnlyProperty();
    }

    /** Something to tell the user in a dialog (a new object each time); {@code null} at first. */
    public ReadOnlyObjectProperty<UserMessage> messageProperty() {
        return state.message.getReadOnlyProperty();
    }

    /** True while a file is read or written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return state.tasks.busyProperty();
    }

    /** The name for the window title: the file's, {@code "training run"} when following, else empty. */
    public String documentName() {
        if (state.following.get()) {
            return "training run";
        }
        Path f = state.file.get();
        return f == null ? (state.codebooks.get() == null ? "" : "untitled") : String.valueOf(f.getFileName());
    }

    /** The running training followed, or {@code null}. */
    public LiveTraining live() {
        return follower.live();
    }

    /** The step of the last snapshot shown while following, -1 when none. */
    public long liveStep() {
        return state.liveStep;
    }

    /** Whether {@link #getUsage()} holds counts of assignments (from a file), not rates (from a run). */
    public boolean usageIsCounts() {
        return state.usageIsCounts;
    }

    public CodeUsage getUsage() {
        return state.usage.get();
    }

    public DataSample getData() {
        return state.data.get();
    }

    // ------------------------------------------------------------------ showing

    /** Shows new codebooks (a file just opened): clears the history and counts them as saved. */
    public void show(Codebooks newCodebooks, CodeUsage newUsage) {
        document.show(newCodebooks, newUsage);
    }

    /**
     * Sets the data rows shown with the codebooks ({@code null} for none). When the source knows no usage,
     * the rows give it: how many of them each code is nearest to.
     */
    public void setData(DataSample sample) {
        dataRows.setData(sample);
    }

    /** Whether the usage on show was counted from the data rows (not given by the file or the run). */
    public boolean usageFromData() {
        return state.usageDerived;
    }

    // ------------------------------------------------------------------ editing

    /**
     * Applies {@code edit} to the codebooks on show and records it for undo; clears redo. While following a
     * run the trainer gets the edit too (between two steps).
     *
     * @throws VqException if the edit does not fit these codebooks (nothing changes then)
     */
    public void apply(CodebookEdit edit) {
        edits.apply(edit);
    }

    /** Undoes the last edit; false when there is none. */
    public boolean undo() {
        return edits.undo();
    }

    /** Redoes the last undone edit; false when there is none. */
    public boolean redo() {
        return edits.redo();
    }

    /** The codebooks on show now count as saved. */
    public void markSaved() {
        history.markSaved();
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
        document.open(path, chosenKey);
    }

    /**
     * Saves the codebooks on show in the format of the extension, atomically, in the background; a native
     * {@code .npz} keeps the usage counts and meta of the file opened. Then they count as saved.
     *
     * @param then runs on the FX thread after a successful save (may be {@code null})
     */
    public void save(Path path, Runnable then) {
        document.save(path, then);
    }

    /**
     * The model file (checkpoint, FAISS index, a safetensors state_dict) the codebooks were read from, when Save can
     * write the edit back into it; {@code null} otherwise.
     */
    public ReadOnlyObjectProperty<vqlens.core.io.CodebookSource> writeBackSourceProperty() {
        return state.writeBackSource.getReadOnlyProperty();
    }

    /** Writes the edit into the model file it came from, or into a copy at {@code out}; see {@link #writeBackSourceProperty}. */
    public void writeBack(Path out, Runnable then) {
        document.writeBack(out, then);
    }

    /**
     * Whether saving over {@code info}'s file keeps everything it held: not when it has more arrays than the
     * codebooks, {@code inited}, usage and meta (a model's state_dict, a training checkpoint).
     */
    static boolean onlyWhatSaveWrites(CodebookFileInfo info) {
        return InspectorDocument.onlyWhatSaveWrites(info);
    }

    /**
     * Loads up to {@code maxRows} data rows from a {@code .npy} or {@code .csv} file in the background
     * (the first rows of the file).
     */
    public void loadData(Path path, int maxRows) {
        dataRows.load(path, maxRows);
    }

    static DataSample read(DataSource source, int maxRows, String what) {
        return DataRows.read(source, maxRows, what);
    }

    /** The data rows when they fit the codebooks on show, else {@code null}. */
    DataSample fittingData() {
        return dataRows.fittingData();
    }

    // ------------------------------------------------------------------ following a run

    /**
     * Follows a running trainer: its codebooks and EMA usage replace what is on show at every snapshot, and
     * edits go to it. Clears the history; asks it for data rows. Replaces any run followed before.
     */
    public void follow(LiveTraining training) {
        follower.follow(training);
    }

    /** Stops following; the last codebooks stay on show (not saved anywhere yet). */
    public void stopFollowing() {
        follower.stop();
    }

    /** Asks the followed run for data rows (the first {@value #DATA_ROWS} of its data). */
    public void sampleLiveRows() {
        follower.sampleRows();
    }

    // ------------------------------------------------------------------ helpers

    static String shape(QuantizerConfig q) {
        return q.heads() + (q.heads() == 1 ? " head × " : " heads × ") + NumberText.grouped(q.codes()) + " codes × "
                + q.headDim() + " dims";
    }

    /** Shows an error dialog (through {@link #messageProperty()}). */
    void report(String title, String text, Path path) {
        state.report(title, text, path);
    }
}
