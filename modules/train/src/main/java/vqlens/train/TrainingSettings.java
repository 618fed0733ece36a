package vqlens.train;

import java.util.Objects;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;

/**
 * Everything that defines a training run apart from its data. Equal settings and equal data give
 * bit-identical codebooks on the CPU backend.
 *
 * @param quantizer     heads, embedding dimension and codes per head
 * @param method        the update rule
 * @param init          how the codebooks start
 * @param batch         rows per step (for {@link Method#KMEANS}: rows per chunk of its full pass)
 * @param seed          drives initialisation, restarts and every other random choice
 * @param maxSteps      the trainer finishes after this many steps; 0 means no limit
 * @param hyper         the settings that may change while training runs
 * @param snapshotEvery a snapshot is published every this many steps (and at every state change)
 */
public record TrainingSettings(QuantizerConfig quantizer, Method method, Init init, int batch, long seed,
                               long maxSteps, Hyperparameters hyper, int snapshotEvery) {

    /** Rows of one batch, at most (keeps {@code batch × E} within one Java array). */
    public static final int MAX_BATCH = 1 << 24;

    public TrainingSettings {
        Objects.requireNonNull(quantizer, "quantizer");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(hyper, "hyper");
        if (batch < 1 || batch > MAX_BATCH) {
            throw new VqException("batch must be in [1, " + MAX_BATCH + "], got " + batch);
        }
        if ((long) batch * quantizer.embeddingDim() > Integer.MAX_VALUE - 8) {
            throw new VqException("a batch of " + batch + " rows x " + quantizer.embeddingDim()
                    + " values does not fit one array; use a smaller batch");
        }
        if (maxSteps < 0) {
            throw new VqException("steps must be >= 0 (0 = no limit), got " + maxSteps);
        }
        if (snapshotEvery < 1) {
            throw new VqException("snapshot interval must be >= 1 step, got " + snapshotEvery);
        }
        if (method.usesLearningRate() && !(hyper.learningRate() > 0)) {
            throw new VqException("method " + method.label() + " needs a learning rate > 0");
        }
    }

    /** Defaults for everything but the shape, method, batch, seed and step limit. */
    public static TrainingSettings of(QuantizerConfig quantizer, Method method, int batch, long seed, long maxSteps) {
        return new TrainingSettings(quantizer, method, Init.LAZY, batch, seed, maxSteps, Hyperparameters.defaults(method), 1);
    }

    public TrainingSettings withHyper(Hyperparameters value) {
        return new TrainingSettings(quantizer, method, init, batch, seed, maxSteps, value, snapshotEvery);
    }

    public TrainingSettings withInit(Init value) {
        return new TrainingSettings(quantizer, method, value, batch, seed, maxSteps, hyper, snapshotEvery);
    }

    public TrainingSettings withMaxSteps(long value) {
        return new TrainingSettings(quantizer, method, init, batch, seed, value, hyper, snapshotEvery);
    }

    public TrainingSettings withSnapshotEvery(int value) {
        return new TrainingSettings(quantizer, method, init, batch, seed, maxSteps, hyper, value);
    }
}
