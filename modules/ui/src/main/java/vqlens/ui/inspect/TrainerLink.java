package vqlens.ui.inspect;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import vqlens.core.Codebooks;
import vqlens.core.edit.CodebookEdit;
import vqlens.train.SnapshotListener;
import vqlens.train.Subscription;
import vqlens.train.Trainer;

/**
 * A {@link Trainer} as the inspector follows it. The inspector never closes the trainer: the dashboard owns
 * the run. Thread-safe, as the trainer's commands are.
 */
public final class TrainerLink implements LiveTraining {

    private final Trainer trainer;

    public TrainerLink(Trainer trainer) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
    }

    public Trainer trainer() {
        return trainer;
    }

    @Override
    public Subscription listen(SnapshotListener listener, Executor executor) {
        return trainer.addListener(listener, executor);
    }

    @Override
    public CompletableFuture<Codebooks> edit(CodebookEdit edit) {
        return trainer.edit(edit);
    }

    @Override
    public CompletableFuture<float[]> sampleRows(int maxRows) {
        return trainer.sampleRows(maxRows);
    }

    @Override
    public int rowDim() {
        // the rows of the data file; in VQ-VAE mode those are the encoder's input, wider than the codes
        return trainer.settings().vqvae() ? trainer.settings().dataDim() : trainer.settings().quantizer().embeddingDim();
    }

    @Override
    public String describe() {
        return "the training run";
    }
}
