package vqlens.ui.inspect;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import vqlens.core.Codebooks;
import vqlens.core.edit.CodebookEdit;
import vqlens.train.SnapshotListener;
import vqlens.train.Subscription;

/**
 * The running training the inspector follows: its snapshots, edits applied between two steps, and rows of
 * its data. {@link TrainerLink} adapts a {@link vqlens.train.Trainer}; tests may fake it. All methods are
 * thread-safe and return at once.
 */
public interface LiveTraining {

    /** Registers {@code listener} on {@code executor}; latest-wins, at most one delivery pending. */
    Subscription listen(SnapshotListener listener, Executor executor);

    /** Applies {@code edit} between two steps; completes with the codebooks after it. */
    CompletableFuture<Codebooks> edit(CodebookEdit edit);

    /** Up to {@code maxRows} rows of the data the codes see, {@code [rows, embeddingDim]} row-major. */
    CompletableFuture<float[]> sampleRows(int maxRows);

    /** Values per row that {@link #sampleRows} returns. */
    int rowDim();

    /** One line for people, e.g. {@code "the running training (mixture: 20000 x 16, …)"}. */
    String describe();
}
