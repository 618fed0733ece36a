package vqlens.train;

import java.util.Locale;

/**
 * How the codebooks learn.
 *
 * <ul>
 * <li>{@link #EMA}: exponential moving averages of assignment counts and sums with Laplace smoothing,
 * the rule of Sonnet's {@code VectorQuantizerEMA} (VQ-VAE, VQ-VAE-2), debiased as Sonnet 2 does; the
 * learning rate is not used.</li>
 * <li>{@link #ADAM}, {@link #SGD}: gradient descent on the codebook loss {@code mean((sg(z) − q)²)} with
 * ND4J's updaters ({@code org.nd4j.linalg.learning.config.Adam}/{@code Sgd}). The loss is a mean over
 * the batch's {@code B × E} values, as {@code F.mse_loss} in the PyTorch reference, so the gradient of a
 * code used by {@code n} rows is {@code 2 (n·c − Σz) / (B·E)}: SGD needs a large learning rate.</li>
 * <li>{@link #KMEANS}: full-batch Lloyd iterations; one step is one pass over all the data, streamed in
 * chunks of the batch size; an empty cluster keeps its code (or is restarted).</li>
 * </ul>
 */
public enum UpdateRule {
    EMA(0.0),
    ADAM(0.01),
    SGD(1.0),
    KMEANS(0.0);

    private final double defaultLearningRate;

    UpdateRule(double defaultLearningRate) {
        this.defaultLearningRate = defaultLearningRate;
    }

    /** True for the methods driven by a learning rate (Adam, SGD). */
    public boolean usesLearningRate() {
        return defaultLearningRate > 0;
    }

    /** The learning rate used when none is given (0 for the methods that do not use one). */
    public double defaultLearningRate() {
        return defaultLearningRate;
    }

    /** The command-line and file name: {@code ema}, {@code adam}, {@code sgd}, {@code kmeans}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #label()} (case-insensitive). */
    public static UpdateRule parse(String text) {
        for (UpdateRule m : values()) {
            if (m.label().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw new vqlens.core.VqException("unknown method '" + text + "'; expected ema, adam, sgd or kmeans");
    }
}
