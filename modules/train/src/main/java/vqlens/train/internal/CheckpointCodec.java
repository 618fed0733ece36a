package vqlens.train.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFileException;
import vqlens.core.io.CodebookFiles;
import vqlens.core.io.NpzReader;
import vqlens.core.io.NpzWriter;
import vqlens.train.Checkpoint;
import vqlens.train.Hyperparameters;
import vqlens.train.Init;
import vqlens.train.UpdateRule;
import vqlens.train.ResumeState;
import vqlens.train.StepMetrics;
import vqlens.train.TrainingSettings;

/**
 * Writes and reads {@link Checkpoint} files: a {@code .npz} (STORED zip of NPY members) whose
 * {@code codebooks}/{@code inited} members are a native VQ Lens codebook (read back through
 * {@link CodebookFiles}), plus the training state members. See {@link Checkpoint} for the layout.
 */
public final class CheckpointCodec {
    static final String FORMAT = "vqlens.checkpoint";
    /**
     * 2: a VQ-VAE network's optimizer state is {@code [m of all values, v of all values]} (1 kept it per
     * variable). Quantizer-mode checkpoints are the same in both and version 1 still loads for them.
     */
    static final int VERSION = 2;
    /**
     * Fixed columns of {@code history.npy}, then perplexity, used, dead, restarted and thrashing per head
     * (files written before restarted and thrashing were counted per head have the first three only).
     */
    static final List<String> HISTORY_COLUMNS = List.of("step", "epoch", "rows", "loss_total", "loss_reconstruction",
            "loss_codebook", "loss_commitment", "mse", "restarts", "samples_per_s", "elapsed_s");
    /** Per-head columns after the fixed ones: perplexity, used, dead, restarted, thrashing. */
    private static final int PER_HEAD_COLUMNS = 5;

    private CheckpointCodec() {
    }

    public static void save(Path file, Checkpoint c) {
        requireNpz(file);
        QuantizerConfig q = c.settings().quantizer();
        ResumeState s = c.state();
        int cols = HISTORY_COLUMNS.size() + PER_HEAD_COLUMNS * q.heads();
        CodebookDocument document = c.document();
        try (NpzWriter npz = NpzWriter.create(file)) {
            npz.floats("codebooks", c.codebooks().toArray(), q.heads(), q.codes(), q.headDim())
                    .bool("inited", c.codebooks().inited());
            // the native codebook's optional members, so a checkpoint opens as a codebook with its usage and meta
            document.usage().ifPresent(u -> npz.longs("usage", u, q.heads(), q.codes()));
            document.meta().ifPresent(m -> npz.text("meta", m));
            npz.bytes("state", properties(c))
                    .doubles("usage_hidden", s.usageHidden(), s.usageHidden().length)
                    .doubles("ema_sums_hidden", s.emaSumsHidden(), s.emaSumsHidden().length)
                    .floats("optimizer_state", s.updateRuleState(), s.updateRuleState().length)
                    .doubles("history", historyTable(c.history(), cols), c.history().size(), cols)
                    .commit();
        }
    }

    public static Checkpoint load(Path file) {
        requireNpz(file);
        Codebooks codebooks = CodebookFiles.load(file);
        try (NpzReader npz = NpzReader.open(file)) {
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(new ByteArrayInputStream(member(file, npz, "state").bytes("state")),
                    StandardCharsets.UTF_8));
            String version = p.getProperty(FORMAT);
            if (!String.valueOf(VERSION).equals(version) && !"1".equals(version)) {
                throw new CodebookFileException(file, "is a codebook, not a training checkpoint (no " + FORMAT
                        + " state), or a checkpoint of another version");
            }
            if ("1".equals(version) && p.getProperty("vqvae_input_dim") != null) {
                throw new CodebookFileException(file, "is a VQ-VAE checkpoint of an earlier VQ Lens whose network state "
                        + "this version reads differently: it cannot be resumed (its codebooks still open as a codebook)");
            }
            TrainingSettings settings = settings(p);
            int heads = settings.quantizer().heads();
            ResumeState state = new ResumeState(longValue(p, "step"), longValue(p, "rows_consumed"),
                    longValue(p, "rng_state"), doubleValue(p, "decay_product"),
                    member(file, npz, "usage_hidden").doubles("usage_hidden"),
                    member(file, npz, "ema_sums_hidden").doubles("ema_sums_hidden"),
                    member(file, npz, "optimizer_state").floats("optimizer_state"),
                    doubles(p, "nearest_upper", heads), doubles(p, "all_codes_upper", heads),
                    doubleValue(p, "elapsed_seconds"), longValue(p, "history_stride"),
                    npz.has("usage") ? npz.longs("usage") : new long[0]);
            if (state.usageHidden().length != heads * settings.quantizer().codes()) {
                throw new IllegalArgumentException("usage_hidden has " + state.usageHidden().length + " values");
            }
            List<StepMetrics> history = history(member(file, npz, "history").shape("history"), npz.doubles("history"), heads);
            return new Checkpoint(settings, codebooks, state, history, longValue(p, "data_rows"),
                    (int) longValue(p, "data_dim"), p.getProperty("data_description", ""));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CodebookFileException cfe) {
                throw cfe;
            }
            throw new CodebookFileException(file, "damaged checkpoint: " + e.getMessage());
        }
    }

    private static byte[] properties(Checkpoint c) {
        TrainingSettings s = c.settings();
        QuantizerConfig q = s.quantizer();
        Hyperparameters h = s.hyper();
        ResumeState r = c.state();
        Properties p = new Properties();
        p.setProperty(FORMAT, String.valueOf(VERSION));
        p.setProperty("heads", String.valueOf(q.heads()));
        p.setProperty("dim", String.valueOf(q.embeddingDim()));
        p.setProperty("codes", String.valueOf(q.codes()));
        p.setProperty("method", s.method().label());
        p.setProperty("init", s.init().label());
        p.setProperty("batch", String.valueOf(s.batch()));
        p.setProperty("seed", String.valueOf(s.seed()));
        p.setProperty("max_steps", String.valueOf(s.maxSteps()));
        p.setProperty("snapshot_every", String.valueOf(s.snapshotEvery()));
        p.setProperty("learning_rate", Double.toString(h.learningRate()));
        p.setProperty("decay", Double.toString(h.decay()));
        p.setProperty("beta", Double.toString(h.beta()));
        p.setProperty("dead_threshold", Double.toString(h.deadThreshold()));
        if (s.network() != null) {
            p.setProperty("vqvae_input_dim", String.valueOf(s.network().inputDim()));
            p.setProperty("vqvae_hidden", s.network().hiddenLabel());
        }
        p.setProperty("step", String.valueOf(r.step()));
        p.setProperty("rows_consumed", String.valueOf(r.rowsConsumed()));
        p.setProperty("rng_state", String.valueOf(r.rngState()));
        p.setProperty("decay_product", Double.toString(r.decayProduct()));
        p.setProperty("nearest_upper", join(r.nearestUpper()));
        p.setProperty("all_codes_upper", join(r.allCodesUpper()));
        p.setProperty("elapsed_seconds", Double.toString(r.elapsedSeconds()));
        p.setProperty("history_stride", String.valueOf(r.historyStride()));
        p.setProperty("history_columns", String.join(",", HISTORY_COLUMNS) + ",perplexity[H],used[H],dead[H],restarted[H],thrashing[H]");
        p.setProperty("data_rows", String.valueOf(c.dataRows()));
        p.setProperty("data_dim", String.valueOf(c.dataDim()));
        p.setProperty("data_description", c.dataDescription());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            p.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), "VQ Lens training checkpoint");
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static TrainingSettings settings(Properties p) {
        QuantizerConfig q = new QuantizerConfig((int) longValue(p, "heads"), (int) longValue(p, "dim"),
                (int) longValue(p, "codes"));
        Hyperparameters h = new Hyperparameters(doubleValue(p, "learning_rate"), doubleValue(p, "decay"),
                doubleValue(p, "beta"), doubleValue(p, "dead_threshold"));
        return new TrainingSettings(q, UpdateRule.parse(text(p, "method")), Init.parse(text(p, "init")),
                (int) longValue(p, "batch"), longValue(p, "seed"), longValue(p, "max_steps"), h,
                (int) longValue(p, "snapshot_every"),
                p.getProperty("vqvae_input_dim") == null ? null : new vqlens.train.VqVaeShape(
                        (int) longValue(p, "vqvae_input_dim"),
                        vqlens.train.VqVaeShape.parseHidden(p.getProperty("vqvae_hidden", ""))));
    }

    private static double[] historyTable(List<StepMetrics> history, int cols) {
        double[] t = new double[history.size() * cols];
        int i = 0;
        for (StepMetrics m : history) {
            t[i++] = m.step();
            t[i++] = m.epoch();
            t[i++] = m.rows();
            t[i++] = m.lossTotal();
            t[i++] = m.lossReconstruction();
            t[i++] = m.lossCodebook();
            t[i++] = m.lossCommitment();
            t[i++] = m.mse();
            t[i++] = m.restarts();
            t[i++] = m.samplesPerSecond();
            t[i++] = m.elapsedSeconds();
            for (double v : m.perplexity()) {
                t[i++] = v;
            }
            for (int v : m.used()) {
                t[i++] = v;
            }
            for (int[] perHead : List.of(m.dead(), m.restarted(), m.thrashing())) {
                for (int v : perHead) {
                    t[i++] = v;
                }
            }
        }
        return t;
    }

    private static int[] ints(double[] t, int from, int count) {
        return Arrays.stream(Arrays.copyOfRange(t, from, from + count)).mapToInt(v -> (int) v).toArray();
    }

    private static List<StepMetrics> history(long[] shape, double[] t, int heads) {
        int cols = HISTORY_COLUMNS.size() + PER_HEAD_COLUMNS * heads;
        int oldCols = HISTORY_COLUMNS.size() + 3 * heads;
        if (shape.length != 2 || (shape[1] != cols && shape[1] != oldCols)) {
            throw new IllegalArgumentException("history has shape " + Arrays.toString(shape) + ", expected [n, " + cols + "]");
        }
        boolean perHeadRestarts = shape[1] == cols;
        cols = (int) shape[1];
        List<StepMetrics> out = new ArrayList<>();
        for (int r = 0; r < shape[0]; r++) {
            int o = r * cols;
            int f = o + HISTORY_COLUMNS.size();
            double[] perplexity = Arrays.copyOfRange(t, f, f + heads);
            int[] used = Arrays.stream(Arrays.copyOfRange(t, f + heads, f + 2 * heads)).mapToInt(v -> (int) v).toArray();
            int[] dead = ints(t, f + 2 * heads, heads);
            int[] restarted = perHeadRestarts ? ints(t, f + 3 * heads, heads) : new int[heads];
            int[] thrashing = perHeadRestarts ? ints(t, f + 4 * heads, heads) : new int[heads];
            if (!perHeadRestarts) {
                restarted[0] = (int) t[o + 8]; // older files kept the total only: it stands as head 0's
            }
            out.add(new StepMetrics((long) t[o], t[o + 1], (long) t[o + 2], t[o + 3], t[o + 4], t[o + 5], t[o + 6], t[o + 7],
                    perplexity, used, dead, restarted, thrashing, t[o + 9], t[o + 10]));
        }
        return out;
    }

    private static void requireNpz(Path file) {
        Path name = file.getFileName();
        if (name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new CodebookFileException(file, "checkpoints are .npz files (a native codebook plus the training state)");
        }
    }

    /** {@code npz}, after checking it holds {@code name}: a plain codebook lacks the training state. */
    private static NpzReader member(Path file, NpzReader npz, String name) {
        if (!npz.has(name)) {
            throw new CodebookFileException(file, "is a codebook, not a training checkpoint (no member " + name + ".npy)");
        }
        return npz;
    }

    private static String text(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("state has no '" + key + "'");
        }
        return v;
    }

    private static long longValue(Properties p, String key) {
        return Long.parseLong(text(p, key));
    }

    private static double doubleValue(Properties p, String key) {
        return Double.parseDouble(text(p, key));
    }

    private static String join(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : ",").append(Double.toString(v));
        }
        return s.toString();
    }

    private static double[] doubles(Properties p, String key, int n) {
        double[] v = Arrays.stream(text(p, key).split(",")).mapToDouble(Double::parseDouble).toArray();
        if (v.length != n) {
            throw new IllegalArgumentException(key + " has " + v.length + " values, expected " + n);
        }
        return v;
    }
}
