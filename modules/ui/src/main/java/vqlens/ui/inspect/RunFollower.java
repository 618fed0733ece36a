package vqlens.ui.inspect;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.edit.CodebookEdit;
import vqlens.train.HeadMetrics;
import vqlens.train.Subscription;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSnapshot;
import vqlens.ui.chart.NumberText;
import vqlens.ui.common.SnapshotCoalescer;
import vqlens.ui.common.SnapshotRelay;
import vqlens.ui.common.TaskFailure;
import vqlens.ui.common.FailureText;

/**
 * Following a running trainer: shows its snapshots (spaced out to {@link InspectorViewModel#FOLLOW_HZ}), asks
 * it for data rows, and sends it the edits made meanwhile, holding back snapshots that may predate them.
 * Created once by {@link InspectorViewModel}; its state changes only on the FX thread, where the run's
 * snapshots and confirmations arrive through {@link InspectorServices#fxThread()}.
 */
final class RunFollower {

    private final InspectorState state;
    private final InspectorServices services;
    private final EditHistory history;
    private final DataRows dataRows;
    private final InspectorDocument document;

    private LiveTraining live;
    private Subscription subscription;
    /** Hands the followed run's snapshots to the FX thread, spaced out; {@code null} when not following. */
    private SnapshotRelay<TrainingSnapshot> relay;
    /** Edits sent to the trainer and not yet confirmed: snapshots taken before them are stale. */
    private int editsInFlight;
    /** The latest snapshot that arrived while edits were in flight. */
    private TrainingSnapshot heldSnapshot;
    /** Whether the followed run was asked for data rows (once it has codebooks). */
    private boolean rowsAsked;

    RunFollower(InspectorState state, InspectorServices services, EditHistory history, DataRows dataRows,
                InspectorDocument document) {
        this.state = state;
        this.services = services;
        this.history = history;
        this.dataRows = dataRows;
        this.document = document;
    }

    /** The running training followed, or {@code null}. */
    LiveTraining live() {
        return live;
    }

    void follow(LiveTraining training) {
        Objects.requireNonNull(training, "training");
        stop();
        live = training;
        state.following.set(true);
        document.forget();
        state.liveStep = -1;
        editsInFlight = 0;
        heldSnapshot = null;
        rowsAsked = false;
        history.clear();
        // At most FOLLOW_HZ updates a second: each one recomputes the head's statistics and redraws the
        // heatmap, distance matrix and 2-D view, too much to do for every snapshot of a fast run.
        SnapshotRelay<TrainingSnapshot> toFx = new SnapshotRelay<>(new SnapshotCoalescer(), s -> {
            if (live == training) {
                onSnapshot(s);
            }
        }, services.fxThread(), services.delayer(), InspectorViewModel.FOLLOW_HZ);
        relay = toFx;
        subscription = training.listen(toFx::offer, Runnable::run);
        state.refreshSource();
        state.statusText.set("Following " + training.describe());
    }

    /** Stops following; the last codebooks stay on show. */
    void stop() {
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
        state.following.set(false);
        history.clear();
        state.refreshSource();
    }

    /** Asks the followed run for its first {@link InspectorViewModel#DATA_ROWS} data rows. */
    void sampleRows() {
        LiveTraining training = live;
        if (training == null) {
            return;
        }
        state.tasks.after(training.sampleRows(InspectorViewModel.DATA_ROWS), rows -> rows, rows -> {
            if (live != training) {
                return;
            }
            int dim = training.rowDim();
            Codebooks cb = state.codebooks.get();
            if (cb != null && dim != cb.config().embeddingDim()) {
                state.statusText.set("The run's data rows (" + dim + " values) are not in the codes' space: no data rows shown");
                return;
            }
            if (rows != null && rows.length >= dim && rows.length % dim == 0) {
                dataRows.setData(new DataSample(rows, rows.length / dim, dim,
                        NumberText.grouped(rows.length / dim) + " rows of the training data"));
            }
        }, failure -> {
            if (live == training && failure instanceof TaskFailure.Failed f) {
                state.statusText.set("No data rows from the run: " + FailureText.of(f.cause()));
            }
        });
    }

    /**
     * Sends an edit already shown to the followed run, if any, to apply between two steps. {@code onRefused}
     * runs on the FX thread when the run refuses it.
     */
    void sendEdit(CodebookEdit edit, Runnable onRefused) {
        LiveTraining target = live;
        if (target == null) {
            return;
        }
        editsInFlight++;
        // A run that never confirms (it failed meanwhile) must not hold the snapshots back for ever.
        target.edit(edit).orTimeout(InspectorViewModel.EDIT_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenCompleteAsync((result, failure) -> {
            if (target != live) {
                return;
            }
            editsInFlight--;
            TrainingSnapshot held = heldSnapshot;
            if (editsInFlight == 0) {
                heldSnapshot = null;
            }
            if (failure != null) {
                onRefused.run();
                state.report("The training run did not take the edit", FailureText.of(failure), null);
            } else if (editsInFlight == 0) {
                if (held != null && held.events().stream().anyMatch(ev -> ev.kind() == TrainingEvent.Kind.EDIT)) {
                    onSnapshot(held); // published right after the edit: codebooks and usage with it
                } else if (result != null) {
                    state.codebooks.set(result);
                }
            }
        }, services.fxThread());
    }

    private void onSnapshot(TrainingSnapshot s) {
        if (editsInFlight > 0) {
            heldSnapshot = s; // may predate the edit: decided when the trainer confirms it
            return;
        }
        state.liveStep = s.step();
        Codebooks books = s.codebooks();
        if (books != null) {
            boolean first = state.codebooks.get() == null || !rowsAsked;
            state.codebooks.set(books);
            state.vqvaeView.set(s.vqvae());
            state.usage.set(emaUsage(s, books.config()));
            state.usageIsCounts = false;
            state.usageDerived = false;
            state.keepSelectionInside(books.config());
            if (first) {
                rowsAsked = true;
                sampleRows();
            }
        }
        state.refreshSource();
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
        double threshold = s.settings().hyper().deadThreshold(); // the run's own: the inspector flags what it re-seeds
        // dead the trainer's way (before restarts), not recomputed from the EMA after them (b026a17)
        return new CodeUsage(all, q.heads(), q.codes(), "EMA usage (rows per step) at step " + NumberText.grouped(s.step()),
                threshold > 0 ? threshold : Double.NaN, RunHealth.of(heads, q.heads(), q.codes()));
    }
}
