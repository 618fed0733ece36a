package vqlens.train;

import vqlens.core.SettingProblem;

/**
 * The settings a trainer takes while it runs; a change is applied between two steps.
 *
 * @param learningRate  step size of {@link UpdateRule#ADAM} and {@link UpdateRule#SGD} (ignored by the others)
 * @param decay         the EMA decay {@code γ} in {@code [0, 1)}: of the EMA method's statistics and of the
 *                      usage EMA every method keeps for metrics and dead-code restarts
 * @param beta          the commitment weight {@code β} in the total loss
 *                      {@code reconstruction + codebook + β·commitment}
 * @param deadThreshold a code whose EMA usage (assignments per step) falls below this is re-seeded from a
 *                      row of the current batch, as {@code threshold_ema_dead_code} in
 *                      vector-quantize-pytorch; 0 turns restarts off
 */
public record Hyperparameters(double learningRate, double decay, double beta, double deadThreshold) {

    /** Sonnet's and VQ-VAE-2's decay. */
    public static final double DEFAULT_DECAY = 0.99;
    /** VQ-VAE's commitment weight. */
    public static final double DEFAULT_BETA = 0.25;
    /** vector-quantize-pytorch's usual dead-code threshold. */
    public static final double DEFAULT_DEAD_THRESHOLD = 2.0;

    public Hyperparameters {
        SettingProblem.throwFirst(TrainingRules.hyperparameters(null, learningRate, decay, beta, deadThreshold));
    }

    /** The defaults for {@code method}: its default learning rate, decay 0.99, β 0.25, threshold 2. */
    public static Hyperparameters defaults(UpdateRule method) {
        return new Hyperparameters(method.defaultLearningRate(), DEFAULT_DECAY, DEFAULT_BETA, DEFAULT_DEAD_THRESHOLD);
    }

    public Hyperparameters withLearningRate(double value) {
        return new Hyperparameters(value, decay, beta, deadThreshold);
    }

    public Hyperparameters withDecay(double value) {
        return new Hyperparameters(learningRate, value, beta, deadThreshold);
    }

    public Hyperparameters withBeta(double value) {
        return new Hyperparameters(learningRate, decay, value, deadThreshold);
    }

    public Hyperparameters withDeadThreshold(double value) {
        return new Hyperparameters(learningRate, decay, beta, value);
    }
}
