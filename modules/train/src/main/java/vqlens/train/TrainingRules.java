package vqlens.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import vqlens.core.QuantizerConfig;
import vqlens.core.SettingProblem;
import vqlens.train.data.BuiltInDataset;
import vqlens.train.data.SyntheticData;

/**
 * The rules a training set-up must meet, written once: the constructors of {@link Hyperparameters},
 * {@link TrainingSettings} and {@link VqVaeShape} throw the first problem, the dashboard's set-up form shows
 * every problem at its field, and {@code vqlens train} prints them. A value not known yet ({@code null}:
 * not typed, not a number) is skipped, so a form can check what it has.
 *
 * <p>Setting ids are the dashboard form's field ids: {@code heads, dim, codes, method, learningRate, decay,
 * beta, deadThreshold, batch, maxSteps, snapshotEvery, hidden, rows, clusters, spread}, and {@code data} for the
 * data choice.
 */
public final class TrainingRules {
    private TrainingRules() {
    }

    /** A set-up as far as it is known; every value may be {@code null}. */
    public record Draft(Long heads, Long dim, Long codes, UpdateRule method, Double learningRate, Double decay, Double beta,
                        Double deadThreshold, Long batch, Long maxSteps, Long snapshotEvery, Integer networkInput,
                        List<Integer> hidden) {
        /** Nothing known yet. */
        public static Draft empty() {
            return new Draft(null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        public Draft shape(Long h, Long e, Long k) {
            return new Draft(h, e, k, method, learningRate, decay, beta, deadThreshold, batch, maxSteps, snapshotEvery,
                    networkInput, hidden);
        }

        public Draft hyper(UpdateRule m, Double lr, Double d, Double b, Double threshold) {
            return new Draft(heads, dim, codes, m, lr, d, b, threshold, batch, maxSteps, snapshotEvery, networkInput, hidden);
        }

        public Draft run(Long rowsPerStep, Long steps, Long every) {
            return new Draft(heads, dim, codes, method, learningRate, decay, beta, deadThreshold, rowsPerStep, steps, every,
                    networkInput, hidden);
        }

        /** The VQ-VAE's network: its input width and hidden sizes ({@code null} in quantizer mode). */
        public Draft network(Integer input, List<Integer> sizes) {
            return new Draft(heads, dim, codes, method, learningRate, decay, beta, deadThreshold, batch, maxSteps,
                    snapshotEvery, input, sizes);
        }
    }

    /** Every problem of {@code draft}: the shape's first, then the live settings', the run's and the network's. */
    public static List<SettingProblem> check(Draft d) {
        List<SettingProblem> p = new ArrayList<>();
        if (d.heads() != null && d.dim() != null && d.codes() != null) {
            p.addAll(QuantizerConfig.problems(d.heads(), d.dim(), d.codes()));
        }
        p.addAll(hyperparameters(d.method(), d.learningRate(), d.decay(), d.beta(), d.deadThreshold()));
        if (d.batch() != null) {
            batch(p, d.batch(), Math.max(d.dim() != null ? d.dim() : 0, d.networkInput() != null ? d.networkInput() : 0));
        }
        if (d.maxSteps() != null && d.maxSteps() < 0) {
            p.add(new SettingProblem("maxSteps", "must be 0 (no limit) or more",
                    "steps must be >= 0 (0 = no limit), got " + d.maxSteps()));
        }
        if (d.snapshotEvery() != null && d.snapshotEvery() < 1) {
            p.add(new SettingProblem("snapshotEvery", "must be at least 1",
                    "snapshot interval must be >= 1 step, got " + d.snapshotEvery()));
        }
        if (d.hidden() != null) {
            p.addAll(network(d.networkInput(), d.hidden()));
            if (d.method() != null && !d.method().usesLearningRate()) {
                p.add(new SettingProblem("method", "the VQ-VAE trains by gradients: choose adam or sgd",
                        "the VQ-VAE mode trains by gradients: use method adam or sgd, not " + d.method().label()));
            }
        }
        return p;
    }

    /**
     * The live settings' rules. With {@code method} known, a method that uses a learning rate needs one
     * above 0; without it, any finite rate {@code >= 0} is allowed.
     */
    public static List<SettingProblem> hyperparameters(UpdateRule method, Double learningRate, Double decay, Double beta,
                                                       Double deadThreshold) {
        List<SettingProblem> p = new ArrayList<>();
        if (learningRate != null && (!(learningRate >= 0) || Double.isInfinite(learningRate))) {
            p.add(new SettingProblem("learningRate", "must be a finite number 0 or more",
                    "learning rate must be a finite number >= 0, got " + learningRate));
        } else if (learningRate != null && method != null && method.usesLearningRate() && !(learningRate > 0)) {
            p.add(new SettingProblem("learningRate", "must be above 0 for " + method.label(),
                    "method " + method.label() + " needs a learning rate > 0"));
        }
        if (decay != null && !(decay >= 0 && decay < 1)) {
            p.add(new SettingProblem("decay", "must be in [0, 1), e.g. 0.99", "decay must be in [0, 1), got " + decay));
        }
        if (beta != null && (!(beta >= 0) || Double.isInfinite(beta))) {
            p.add(new SettingProblem("beta", "must be 0 or more", "commitment weight beta must be a finite number >= 0, got " + beta));
        }
        if (deadThreshold != null && (!(deadThreshold >= 0) || Double.isInfinite(deadThreshold))) {
            p.add(new SettingProblem("deadThreshold", "must be 0 (no restarts) or more",
                    "dead-code threshold must be a finite number >= 0, got " + deadThreshold));
        }
        return p;
    }

    /** The VQ-VAE network's rules: an input width of at least 1, hidden sizes in {@code [1, 65536]}. */
    public static List<SettingProblem> network(Integer inputDim, List<Integer> hidden) {
        List<SettingProblem> p = new ArrayList<>();
        if (inputDim != null && inputDim < 1) {
            p.add(new SettingProblem("dim", "must be at least 1", "the VQ-VAE input width must be >= 1, got " + inputDim));
        }
        if (hidden.stream().anyMatch(h -> h == null || h < 1 || h > VqVaeShape.MAX_HIDDEN)) {
            p.add(new SettingProblem("hidden", "sizes must be in [1, " + VqVaeShape.MAX_HIDDEN + "]",
                    "VQ-VAE hidden sizes must be in [1, " + VqVaeShape.MAX_HIDDEN + "], got " + hidden));
        }
        return p;
    }

    /**
     * What the VQ-VAE mode can learn from: a data file, or a generated set whose rows have a width of their own
     * (the {@code shapes} images, the 2-D sets). A set whose width is the dimension ({@code mixture}, …) cannot
     * be: there the dimension is the latent width.
     */
    public static List<SettingProblem> vqvaeData(BuiltInDataset set) {
        return set == null || set.fixedDim() != 0 ? List.of()
                : List.of(new SettingProblem("data", set.label() + " has no width of its own: the VQ-VAE learns images, choose shapes, digits or a file",
                        "the VQ-VAE mode needs rows of a fixed width, e.g. images: use the shapes or digits set or a data file, not "
                                + set.label()));
    }

    /** A generated data set's rules: rows and clusters at least 1, clusters at most the rows, spread {@code >= 0}. */
    public static List<SettingProblem> generatedData(Long rows, Long dim, Long clusters, Double spread) {
        List<SettingProblem> p = new ArrayList<>();
        if (rows != null && rows < 1) {
            p.add(new SettingProblem("rows", "must be at least 1", "rows must be > 0, got " + rows));
        } else if (rows != null && dim != null && dim > 0 && rows * dim > SyntheticData.MAX_VALUES) {
            p.add(new SettingProblem("rows", "rows × dimension must be at most " + SyntheticData.MAX_VALUES,
                    rows + " x " + dim + " values is too large (limit " + SyntheticData.MAX_VALUES + ")"));
        }
        if (clusters != null && (clusters < 1 || rows != null && clusters > rows)) {
            p.add(new SettingProblem("clusters", clusters < 1 ? "must be at least 1" : "must be at most the rows (" + rows + ")",
                    "clusters must be in [1, rows], got " + clusters + (rows != null ? " for " + rows + " rows" : "")));
        }
        if (spread != null && (!(spread >= 0) || Double.isInfinite(spread))) {
            p.add(new SettingProblem("spread", "must be 0 or more", "spread must be a finite number >= 0, got " + spread));
        }
        return p;
    }

    private static void batch(List<SettingProblem> p, long batch, long width) {
        if (batch < 1 || batch > TrainingSettings.MAX_BATCH) {
            p.add(new SettingProblem("batch", batch < 1 ? "must be at least 1"
                    : String.format(Locale.ROOT, "must be at most %,d", TrainingSettings.MAX_BATCH),
                    "batch must be in [1, " + TrainingSettings.MAX_BATCH + "], got " + batch));
        } else if (batch * width > Integer.MAX_VALUE - 8) {
            p.add(new SettingProblem("batch", "a batch of " + batch + " × " + width + " values is too large",
                    "a batch of " + batch + " rows x " + width + " values does not fit one array; use a smaller batch"));
        }
    }
}
