package vqlens.train;

import java.util.Objects;
import vqlens.core.QuantizerConfig;
import vqlens.core.SettingProblem;

/**
 * Everything that defines a training run apart from its data. Equal settings and equal data give
 * bit-identical codebooks on the CPU backend.
 *
 * @param quantizer     heads, embedding dimension and codes per head
 * @param method        the update rule
 * @param init          how the codebooks start
 * @param batch         rows per step (for {@link UpdateRule#KMEANS}: rows per chunk of its full pass)
 * @param seed          drives initialisation, restarts and every other random choice
 * @param maxSteps      the trainer finishes after this many steps; 0 means no limit
 * @param hyper         the settings that may change while training runs
 * @param snapshotEvery a snapshot is published every this many steps (and at every state change)
 * @param network       the encoder and decoder of the full VQ-VAE mode, or {@code null} for quantizer mode
 *                      (then the data rows are the embeddings); VQ-VAE mode needs {@link UpdateRule#ADAM} or
 *                      {@link UpdateRule#SGD}, which then train the network and the codebooks together
 */
public record TrainingSettings(QuantizerConfig quantizer, UpdateRule method, Init init, int batch, long seed,
                               long maxSteps, Hyperparameters hyper, int snapshotEvery, VqVaeShape network) {

    /** Rows of one batch, at most (keeps {@code batch × E} within one Java array). */
    public static final int MAX_BATCH = 1 << 24;

    public TrainingSettings {
        Objects.requireNonNull(quantizer, "quantizer");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(hyper, "hyper");
        SettingProblem.throwFirst(TrainingRules.check(TrainingRules.Draft.empty()
                .hyper(method, hyper.learningRate(), null, null, null)
                .run((long) batch, maxSteps, (long) snapshotEvery)
                .shape(null, (long) quantizer.embeddingDim(), null)
                .network(network != null ? network.inputDim() : null, network != null ? network.hidden() : null)));
    }

    /** Quantizer mode (no network). */
    public TrainingSettings(QuantizerConfig quantizer, UpdateRule method, Init init, int batch, long seed, long maxSteps,
                            Hyperparameters hyper, int snapshotEvery) {
        this(quantizer, method, init, batch, seed, maxSteps, hyper, snapshotEvery, null);
    }

    /** True in the full VQ-VAE mode. */
    public boolean vqvae() {
        return network != null;
    }

    /** The width of a data row: the network's input in VQ-VAE mode, else the embedding dimension. */
    public int dataDim() {
        return network != null ? network.inputDim() : quantizer.embeddingDim();
    }

    public TrainingSettings withNetwork(VqVaeShape value) {
        return new TrainingSettings(quantizer, method, init, batch, seed, maxSteps, hyper, snapshotEvery, value);
    }

    /**
     * Defaults for everything but the shape, method, batch, seed and step limit (the dead-code threshold from
     * the batch: for k-means, whose step is a pass, set it from the data's rows if it matters).
     */
    public static TrainingSettings of(QuantizerConfig quantizer, UpdateRule method, int batch, long seed, long maxSteps) {
        return new TrainingSettings(quantizer, method, Init.LAZY, batch, seed, maxSteps,
                Hyperparameters.defaults(method, batch, quantizer.codes()), 1);
    }

    public TrainingSettings withHyper(Hyperparameters value) {
        return new TrainingSettings(quantizer, method, init, batch, seed, maxSteps, value, snapshotEvery, network);
    }

    public TrainingSettings withInit(Init value) {
        return new TrainingSettings(quantizer, method, value, batch, seed, maxSteps, hyper, snapshotEvery, network);
    }

    public TrainingSettings withMaxSteps(long value) {
        return new TrainingSettings(quantizer, method, init, batch, seed, value, hyper, snapshotEvery, network);
    }

    public TrainingSettings withSnapshotEvery(int value) {
        return new TrainingSettings(quantizer, method, init, batch, seed, maxSteps, hyper, value, network);
    }
}
