package vqlens.train.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vqlens.train.Checkpoint;
import vqlens.train.Hyperparameters;
import vqlens.train.StepMetrics;
import vqlens.train.TrainingSettings;

/**
 * The {@code meta} JSON a trained codebook carries (src/site/markdown/formats.md): what made it, when, how it
 * was trained and on what, and what its {@code usage} counts mean.
 */
public final class TrainingMeta {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingMeta() {
    }

    public static String of(Checkpoint c) {
        TrainingSettings s = c.settings();
        Hyperparameters h = s.hyper();
        ObjectNode meta = JSON.createObjectNode();
        var descriptor = Checkpoint.class.getModule().getDescriptor();
        meta.put("created_by", "VQ Lens " + (descriptor == null ? "(class path)"
                : descriptor.rawVersion().orElse("(development)")));
        meta.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode t = meta.putObject("training");
        t.put("mode", s.vqvae() ? "vqvae" : "quantizer");
        t.put("method", s.method().label());
        t.put("init", s.init().label());
        t.put("heads", s.quantizer().heads());
        t.put("codes", s.quantizer().codes());
        t.put("dim", s.quantizer().embeddingDim());
        t.put("batch", s.batch());
        t.put("seed", s.seed());
        t.put("steps", c.state().step());
        t.put("learning_rate", h.learningRate());
        t.put("decay", h.decay());
        t.put("beta", h.beta());
        t.put("dead_threshold", h.deadThreshold());
        t.put("data", c.dataDescription());
        t.put("data_rows", c.dataRows());
        t.put("train_seconds", c.state().elapsedSeconds());
        if (!c.history().isEmpty()) {
            StepMetrics last = c.history().get(c.history().size() - 1);
            t.put("last_mse", last.mse());
        }
        meta.put("usage", c.state().usageTotals().length > 0
                ? "rows assigned to each code since it got its current value (a restart or an edit resets it)"
                : "none: the checkpoint this was saved from did not count usage");
        return meta.toString();
    }
}
