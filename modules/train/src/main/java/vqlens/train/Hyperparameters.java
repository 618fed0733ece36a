package vqlens.train;

import vqlens.core.DeadCodeRule;
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
 *                      vector-quantize-pytorch; 0 turns restarts off. The default is
 *                      {@link DeadCodeRule#DEFAULT_SHARE} of the fair share {@code rows per step / codes}
 */
public record Hyperparameters(double learningRate, double decay, double beta, double deadThreshold) {

    /** Sonnet's and VQ-VAE-2's decay. */
    public static final double DEFAULT_DECAY = 0.99;
    /** VQ-VAE's commitment weight. */
    public static final double DEFAULT_BETA = 0.25;

    public Hyperparameters {
        SettingProblem.throwFirst(TrainingRules.hyperparameters(null, learningRate, decay, beta, deadThreshold));
    }

    /**
     * The defaults for {@code method} with {@code rowsPerStep} rows per step over {@code codes} codes per head
     * (k-means: the data's rows, one step being a pass): its default learning rate, decay 0.99, β 0.25, and
     * the dead-code threshold {@link DeadCodeRule#defaultThreshold 1/16 of the fair share}.
     */
    public static Hyperparameters defaults(UpdateRule method, long rowsPerStep, int codes) {
        return new Hyperparameters(method.defaultLearningRate(), DEFAULT_DECAY, DEFAULT_BETA,
                DeadCodeRule.defaultThreshold(rowsPerStep, codes));
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
