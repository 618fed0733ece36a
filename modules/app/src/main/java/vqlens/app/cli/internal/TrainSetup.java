package vqlens.app.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import vqlens.core.QuantizerConfig;
import vqlens.core.SettingProblem;
import vqlens.core.VqException;
import vqlens.train.Checkpoint;
import vqlens.train.Hyperparameters;
import vqlens.train.Init;
import vqlens.train.UpdateRule;
import vqlens.train.TrainingRules;
import vqlens.train.TrainingSettings;
import vqlens.train.data.DataSource;

/**
 * The options of {@code vqlens train} after parsing: what is given ({@code null} = not given) and how it
 * becomes {@link TrainingSettings}, for a fresh run or for a resumed checkpoint (whose shape, method,
 * batch and seed a given option must match; its live settings a given option replaces).
 */
public record TrainSetup(TrainData data, Integer heads, Integer codes, Integer dim, UpdateRule method, Init init,
                         Double learningRate, Double decay, Double beta, Double deadThreshold, Long steps, Integer batch,
                         Long seed, int snapshotEvery, Path checkpointFile, TrainReport.Style progressStyle,
                         List<Integer> hidden) {

    /** The same options on {@code newData}. */
    public TrainSetup withData(TrainData newData) {
        return new TrainSetup(newData, heads, codes, dim, method, init, learningRate, decay, beta, deadThreshold, steps,
                batch, seed, snapshotEvery, checkpointFile, progressStyle, hidden);
    }

    /**
     * @param from the checkpoint being resumed, or {@code null}
     * @throws VqException when the options disagree with the data or the checkpoint
     */
    public TrainingSettings settings(DataSource source, Checkpoint from) {
        if (from == null) {
            checkAll(source);
        }
        if (from == null && hidden != null) {
            QuantizerConfig config = new QuantizerConfig(heads, dim, codes);
            UpdateRule m = methodOrDefault();
            return new TrainingSettings(config, m, init != null ? init : Init.LAZY, batch, seed, steps,
                    hyper(defaults(m, source, config)), snapshotEvery, new vqlens.train.VqVaeShape(source.dim(), hidden));
        }
        if (from == null) {
            QuantizerConfig config = new QuantizerConfig(heads, dim != null ? dim : source.dim(), codes);
            if (config.embeddingDim() != source.dim()) {
                throw new VqException(source.describe() + ": rows have " + source.dim() + " values, but --dim is " + dim);
            }
            UpdateRule m = methodOrDefault();
            return new TrainingSettings(config, m, init != null ? init : Init.LAZY, batch, seed, steps,
                    hyper(defaults(m, source, config)), snapshotEvery);
        }
        TrainingSettings base = from.settings();
        QuantizerConfig q = base.quantizer();
        same("--heads", heads, q.heads());
        same("--codes", codes, q.codes());
        same("--dim", dim, q.embeddingDim());
        same("--method", method, base.method());
        same("--init", init, base.init());
        same("--batch", batch, base.batch());
        same("--seed", seed, base.seed());
        long total = steps != null ? steps : base.maxSteps();
        if (total != 0 && total < from.state().step()) {
            throw new VqException("--steps " + total + " is below the checkpoint's step " + from.state().step()
                    + "; with --resume, --steps is the total");
        }
        return base.withMaxSteps(total).withHyper(hyper(base.hyper())).withSnapshotEvery(snapshotEvery);
    }

    /** Every rule the options break, in one line (the rules are {@link TrainingRules}'s, as the dashboard's). */
    private void checkAll(DataSource source) {
        UpdateRule m = methodOrDefault();
        Long e = dim != null ? (long) dim : hidden == null ? (long) source.dim() : null;
        TrainingRules.Draft draft = TrainingRules.Draft.empty()
                .shape(heads == null ? null : (long) heads, e, codes == null ? null : (long) codes)
                .hyper(m, learningRate, decay, beta, deadThreshold)
                .run(batch == null ? null : (long) batch, steps, (long) snapshotEvery)
                .network(hidden != null ? source.dim() : null, hidden);
        List<SettingProblem> problems = TrainingRules.check(draft);
        if (!problems.isEmpty()) {
            throw new VqException(SettingProblem.oneLine(problems));
        }
    }

    /** The given method, else the mode's default: Adam for the VQ-VAE, EMA for the quantizer. */
    private UpdateRule methodOrDefault() {
        return method != null ? method : hidden != null ? UpdateRule.ADAM : UpdateRule.EMA;
    }

    /** The method's defaults; the dead-code threshold from the rows a step sees (k-means: a pass over the data). */
    private Hyperparameters defaults(UpdateRule m, DataSource source, QuantizerConfig config) {
        long rowsPerStep = m == UpdateRule.KMEANS ? source.rows() : batch;
        return Hyperparameters.defaults(m, rowsPerStep, config.codes());
    }

    private Hyperparameters hyper(Hyperparameters base) {
        Hyperparameters h = base;
        h = learningRate != null ? h.withLearningRate(learningRate) : h;
        h = decay != null ? h.withDecay(decay) : h;
        h = beta != null ? h.withBeta(beta) : h;
        return deadThreshold != null ? h.withDeadThreshold(deadThreshold) : h;
    }

    private static void same(String option, Object given, Object inCheckpoint) {
        if (given != null && !Objects.equals(given, inCheckpoint)) {
            throw new VqException(option + " " + label(given) + " differs from the checkpoint's " + label(inCheckpoint)
                    + "; leave it out when resuming");
        }
    }

    private static String label(Object value) {
        if (value instanceof UpdateRule m) {
            return m.label();
        }
        return value instanceof Init i ? i.label() : String.valueOf(value);
    }
}
