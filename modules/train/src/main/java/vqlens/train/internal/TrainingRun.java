package vqlens.train.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import vqlens.core.internal.NativeArrays;
import vqlens.core.Codebooks;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.core.edit.CodebookEdit;
import vqlens.train.Checkpoint;
import vqlens.train.HeadMetrics;
import vqlens.train.Hyperparameters;
import vqlens.train.UpdateRule;
import vqlens.train.ResumeState;
import vqlens.train.StepMetrics;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSettings;
import vqlens.train.data.DataSource;

/**
 * One training run's numerical state and its step: read a batch (for k-means a whole pass, chunk by
 * chunk), initialise the codebooks on the first one, find the nearest codes with the quantizer's fast
 * encode, accumulate {@link BatchStats}, update the usage EMA and the codebooks, re-seed dead codes.
 * A NaN or infinite value anywhere rolls the step back completely (codebooks, statistics, optimizer,
 * random state, data cursor). Confined to the trainer's thread; only {@link #history()} may be read
 * from others.
 */
public final class TrainingRun {
    static {
        ClassPathReads.ensure(); // before any ND4J type below is resolved
    }

    private final TrainingSettings settings;
    private final QuantizerConfig config;
    private final DataSource data;
    private final DataCursor cursor;
    private final UsageEma usage;
    private final CodebookRule method;
    private final BatchStats stats;
    private final MetricsWindow window;
    private final DeadCodes deadCodes;
    /** Per code: rows assigned since it got its current value (see {@link ResumeState#usageTotals}). */
    private final long[] usageTotals;
    private final MetricsHistory history = new MetricsHistory();
    /** The rows the quantizer sees: the data rows, or in VQ-VAE mode the encoder outputs {@code z_e}. */
    private final float[] batch;
    /** VQ-VAE mode: the data rows (encoder inputs); else {@code null}. */
    private final float[] input;
    /** VQ-VAE mode: the network and its optimizer, which also update the codebooks; else {@code null}. */
    private final VqVaeRule vqvae;
    private final long[] indices;
    private SplitMix64 random;
    private ProductQuantizer quantizer;
    private float[] codebook;
    private long step;
    private double elapsedSeconds;
    private int lastRows;

    private TrainingRun(TrainingSettings settings, DataSource data) {
        this.settings = settings;
        this.config = settings.quantizer();
        this.data = data;
        requireFits(settings, data);
        this.cursor = new DataCursor(data);
        this.usage = new UsageEma(config.heads() * config.codes());
        this.indices = new long[settings.batch() * config.heads()];
        this.input = settings.vqvae() ? new float[settings.batch() * settings.dataDim()] : null;
        this.vqvae = settings.vqvae() ? new VqVaeRule(settings, input, indices) : null;
        this.method = vqvae != null ? vqvae : switch (settings.method()) {
            case EMA -> new EmaRule(config);
            case ADAM, SGD -> new GradientRule(config, settings.method(), settings.hyper().learningRate());
            case KMEANS -> new KMeansRule(config.headDim());
        };
        this.stats = new BatchStats(config, settings.batch(), HeadMetrics.HISTOGRAM_BINS);
        this.window = new MetricsWindow(config, HeadMetrics.HISTOGRAM_BINS);
        this.deadCodes = new DeadCodes(config);
        this.usageTotals = new long[config.heads() * config.codes()];
        this.batch = new float[settings.batch() * config.embeddingDim()];
        this.random = new SplitMix64(settings.seed());
        this.quantizer = ProductQuantizer.uninitialised(config, settings.seed());
        this.codebook = quantizer.snapshot().toArray();
    }

    /** @throws VqException if {@code data}'s rows are not as wide as the quantizer (or the VQ-VAE encoder) expects */
    public static void requireFits(TrainingSettings settings, DataSource data) {
        QuantizerConfig q = settings.quantizer();
        if (settings.vqvae() && data.dim() != settings.dataDim()) {
            throw new VqException(data.describe() + ": rows have " + data.dim() + " values but the VQ-VAE encoder expects "
                    + settings.dataDim());
        }
        if (!settings.vqvae() && data.dim() != q.embeddingDim()) {
            throw new VqException(data.describe() + ": rows have " + data.dim() + " values but the quantizer expects "
                    + q.embeddingDim() + " (" + q.heads() + " heads x " + q.headDim() + ")");
        }
    }

    /** @throws VqException unless {@code data} has the rows and width {@code checkpoint} was trained on */
    public static void requireSameData(Checkpoint checkpoint, DataSource data) {
        if (data.rows() != checkpoint.dataRows() || data.dim() != checkpoint.dataDim()) {
            throw new VqException("the checkpoint was trained on " + checkpoint.dataRows() + " x " + checkpoint.dataDim()
                    + " rows (" + checkpoint.dataDescription() + ") but " + data.describe() + " is " + data.rows() + " x "
                    + data.dim() + "; resume on the same data");
        }
    }

    /** A fresh run. Loads ND4J on first use (0.5–3 s): call it on the training thread. */
    public static TrainingRun start(TrainingSettings settings, DataSource data) {
        return new TrainingRun(settings, data);
    }

    /**
     * Continues {@code checkpoint} on {@code data}, which must be the data it was trained on (same rows
     * and width; the data cursor is restored by seeking).
     */
    public static TrainingRun fromCheckpoint(Checkpoint checkpoint, DataSource data) {
        requireSameData(checkpoint, data);
        TrainingRun trainingRun = new TrainingRun(checkpoint.settings(), data);
        trainingRun.load(checkpoint);
        return trainingRun;
    }

    private void load(Checkpoint checkpoint) {
        Codebooks books = checkpoint.codebooks();
        if (!books.config().equals(config)) {
            throw new VqException("checkpoint damaged: codebooks of " + books.config() + " but settings for " + config);
        }
        ResumeState s = checkpoint.state();
        if (!(s.decayProduct() >= 0 && s.decayProduct() <= 1) || s.step() < 0 || s.rowsConsumed() < 0) {
            throw new VqException("checkpoint damaged: decay product " + s.decayProduct() + ", step " + s.step()
                    + ", rows consumed " + s.rowsConsumed());
        }
        try {
            codebook = books.toArray();
            if (books.inited()) {
                quantizer = ProductQuantizer.of(books);
            } else {
                push();
            }
            usage.restore(s.usageHidden(), s.decayProduct());
            long[] totals = s.usageTotals();
            if (totals.length == usageTotals.length) {
                System.arraycopy(totals, 0, usageTotals, 0, totals.length);
            }
            method.restore(s.emaSumsHidden(), s.updateRuleState());
            window.restoreUppers(s.nearestUpper(), s.allCodesUpper());
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new VqException("checkpoint damaged: " + e.getMessage(), e);
        }
        random = new SplitMix64(s.rngState());
        cursor.moveTo(s.rowsConsumed());
        step = s.step();
        elapsedSeconds = s.elapsedSeconds();
        history.restore(checkpoint.history(), s.historyStride());
    }

    public long step() {
        return step;
    }

    /** The recorded metrics, oldest first (thread-safe copy). */
    public List<StepMetrics> history() {
        return history.copy();
    }

    /**
     * Makes one step with {@code hyper}. A non-finite value rolls everything back and is reported as a
     * {@link TrainingEvent.Kind#NON_FINITE} event; other failures (an unreadable file) roll back and throw.
     */
    public StepResult step(Hyperparameters hyper) {
        Saved saved = save();
        long start = System.nanoTime();
        List<TrainingEvent> events = new ArrayList<>();
        long next = step + 1;
        try {
            int epoch = (int) (cursor.rowsConsumed() / data.rows());
            stats.clear();
            if (settings.method() == UpdateRule.KMEANS) {
                readPass(events, next);
            } else {
                readBatch(settings.batch(), events, next);
            }
            double mse = stats.squaredError() / ((double) stats.rows * config.embeddingDim());
            if (!Double.isFinite(mse)) {
                throw new NonFiniteException("the quantisation loss is " + mse);
            }
            usage.update(stats.counts, hyper.decay());
            method.update(codebook, stats, usage, hyper, next, epoch);
            requireFinite();
            DeadCodes.Restarts restarts = deadCodes.restart(codebook, batch, lastRows, stats.rows, usage, method,
                    hyper.deadThreshold(), random, next);
            events.addAll(restarts.events());
            push();
            step = next;
            long nanos = System.nanoTime() - start;
            elapsedSeconds += nanos / 1e9;
            window.add(stats, restarts, nanos);
            countUsage(restarts);
            StepMetrics metrics = metrics(mse, hyper, restarts, nanos);
            history.add(metrics);
            return new StepResult(metrics, events, false);
        } catch (NonFiniteException e) {
            restore(saved);
            return new StepResult(null, List.of(TrainingEvent.of(next, TrainingEvent.Kind.NON_FINITE, -1,
                    "step " + next + ": " + e.getMessage() + "; rolled back to step " + step)), true);
        } catch (RuntimeException | Error e) {
            restore(saved);
            throw e;
        }
    }

    private void readBatch(int n, List<TrainingEvent> events, long next) throws NonFiniteException {
        long firstRow = cursor.nextRow();
        if (vqvae != null) {
            cursor.next(input, n);
            vqvae.encode(input, n, batch);
        } else {
            cursor.next(batch, n);
        }
        if (!quantizer.isInited()) {
            initialise(n, events, next);
        }
        try {
            quantizer.encode(batch, n, firstRow, indices);
        } catch (VqException e) {
            throw new NonFiniteException(withRow(e.getMessage(), n, firstRow));
        }
        stats.accumulate(batch, n, indices, codebook, window.nearestUpper);
        lastRows = n;
    }

    /** k-means: one pass over all rows, in chunks of the batch size. */
    private void readPass(List<TrainingEvent> events, long next) throws NonFiniteException {
        long left = data.rows();
        while (left > 0) {
            int n = (int) Math.min(settings.batch(), left);
            readBatch(n, events, next);
            left -= n;
        }
    }

    private void initialise(int n, List<TrainingEvent> events, long next) throws NonFiniteException {
        try {
            Codebooks books = Initialisation.of(settings.init(), config, settings.seed(), batch, n, random);
            codebook = books.toArray();
            quantizer = ProductQuantizer.of(books);
        } catch (VqException e) {
            throw new NonFiniteException(e.getMessage());
        }
        events.add(TrainingEvent.of(next, TrainingEvent.Kind.INIT, -1, "codebooks initialised ("
                + settings.init().label() + ") from " + n + " rows"));
    }

    /** Names the first bad row when the quantizer's message does not (an overflowing squared norm). */
    private String withRow(String message, int n, long firstRow) {
        if (message.matches(".*\\brow [0-9].*")) {
            return message;
        }
        int width = config.embeddingDim();
        int dim = config.headDim();
        for (int b = 0; b < n; b++) {
            for (int h = 0; h < config.heads(); h++) {
                float sum = 0;
                for (int d = 0; d < dim; d++) {
                    float v = batch[b * width + h * dim + d];
                    sum += v * v;
                }
                if (!Float.isFinite(sum)) {
                    return "row " + ((firstRow + b) % data.rows()) + ": " + message;
                }
            }
        }
        return message;
    }

    private void requireFinite() throws NonFiniteException {
        if (vqvae != null && !vqvae.finite()) {
            throw new NonFiniteException("the VQ-VAE network update produced a non-finite loss or weight");
        }
        for (int i = 0; i < codebook.length; i++) {
            if (!Float.isFinite(codebook[i])) {
                int d = config.headDim();
                int k = i / d;
                throw new NonFiniteException("the update made head " + k / config.codes() + ", code "
                        + k % config.codes() + " " + codebook[i]);
            }
        }
    }

    private StepMetrics metrics(double mse, Hyperparameters hyper, DeadCodes.Restarts restarts, long nanos) {
        int heads = config.heads();
        int codes = config.codes();
        double deadBelow = deadBelow(hyper);
        double[] perplexity = new double[heads];
        int[] used = new int[heads];
        int[] dead = new int[heads];
        for (int h = 0; h < heads; h++) {
            perplexity[h] = Perplexity.of(stats.counts, h * codes, codes);
            for (int k = 0; k < codes; k++) {
                used[h] += stats.count(h, k) > 0 ? 1 : 0;
                dead[h] += usage.isBelow(h * codes + k, deadBelow) ? 1 : 0;
            }
        }
        for (int h = 0; h < heads; h++) {
            dead[h] += restarts.restarted()[h]; // re-seeded codes were dead before their restart (their EMA was reset)
        }
        double loss = mse + hyper.beta() * mse;
        double reconstruction = Double.NaN;
        double codebookLoss = mse;
        double commitment = mse;
        if (vqvae != null) {
            reconstruction = vqvae.lastReconstruction();
            codebookLoss = vqvae.lastCodebookLoss();
            commitment = vqvae.lastCommitment();
            loss = reconstruction + codebookLoss + hyper.beta() * commitment;
        }
        return new StepMetrics(step, cursor.epoch(), stats.rows, loss, reconstruction, codebookLoss, commitment, mse,
                perplexity, used, dead, restarts.restarted(), restarts.thrashing(), stats.rows * 1e9 / Math.max(1, nanos), elapsedSeconds);
    }

    private void countUsage(DeadCodes.Restarts restarts) {
        for (int i = 0; i < usageTotals.length; i++) {
            usageTotals[i] += stats.counts[i];
        }
        for (TrainingEvent e : restarts.events()) {
            for (int k : e.codes()) {
                usageTotals[e.head() * config.codes() + k] = 0; // a new code: its usage starts now
            }
        }
    }

    /** The rows a step assigns: a batch, or for k-means a pass over the data. */
    private long rowsPerStep() {
        return settings.method() == UpdateRule.KMEANS ? data.rows() : settings.batch();
    }

    /** Codes below this EMA usage count as dead: the restart threshold, or 1 when restarts are off. */
    static double deadBelow(Hyperparameters hyper) {
        return hyper.deadThreshold() > 0 ? hyper.deadThreshold() : 1.0;
    }

    /**
     * VQ-VAE mode: the pictures for a snapshot (redrawn when {@code fresh}, else at most every 250 ms);
     * {@code null} in quantizer mode and before the codebooks exist.
     */
    public vqlens.train.VqVaeView vqvaeView(boolean fresh) {
        return vqvae == null || !quantizer.isInited() ? null : vqvae.view(step, codebook, quantizer, data, fresh);
    }

    /** VQ-VAE mode: the decoder's output for one latent made of one code per head. */
    public float[] decode(int[] indicesPerHead) {
        if (vqvae == null) {
            throw new VqException("decode needs the VQ-VAE mode (--mode vqvae): a quantizer-mode run has no decoder");
        }
        if (!quantizer.isInited()) {
            throw new VqException("there are no codebooks to decode yet: the first training step initialises them");
        }
        return vqvae.decode(codebook, quantizer, indicesPerHead);
    }

    /**
     * The per-head metrics and codebooks since the previous view, for a snapshot; {@code heads} is
     * {@code null} when no step ran since then.
     */
    public TrainingRunView view(Hyperparameters hyper) {
        window.reopenIfEdited();
        double rate = window.samplesPerSecond();
        List<HeadMetrics> heads = null;
        if (window.hasNews()) {
            int n = Math.min(HeadMetrics.SAMPLED_ROWS, lastRows);
            int[] rows = KMeansPlusPlus.sampleRows(lastRows, n, SplitMix64.derived(settings.seed(), step));
            int width = config.embeddingDim();
            float[] sample = new float[n * width];
            for (int i = 0; i < n; i++) {
                System.arraycopy(batch, rows[i] * width, sample, i * width, width);
            }
            heads = window.close(codebook, usage, deadBelow(hyper), quantizer, sample, n);
        }
        Codebooks books = quantizer.isInited() ? Codebooks.of(config, codebook, true) : null;
        return new TrainingRunView(step, cursor.epoch(), data.rows(), rate, elapsedSeconds, heads, books);
    }

    /** Everything needed to continue exactly from here. */
    public Checkpoint checkpoint(TrainingSettings current) {
        ResumeState state = new ResumeState(step, cursor.rowsConsumed(), random.state(), usage.decayProduct(),
                usage.hidden(), method.emaSums(), method.updateRuleState(), window.nearestUpper.clone(),
                window.allCodesUpper.clone(), elapsedSeconds, history.stride(), usageTotals);
        return new Checkpoint(current, Codebooks.of(config, codebook, quantizer.isInited()), state, history.copy(),
                data.rows(), data.dim(), data.describe());
    }

    /**
     * Applies {@code edit} between two steps and reconciles the per-code state with it (see
     * {@link EditReconciler}), so training continues from the edited codebooks. Nothing changes when the
     * edit does not fit.
     *
     * @return the edited codebooks
     * @throws VqException before the codebooks exist, or if the edit does not fit them
     */
    public Codebooks edit(CodebookEdit edit, Hyperparameters hyper) {
        if (!quantizer.isInited()) {
            throw new VqException("there are no codebooks to edit yet: the first training step initialises them");
        }
        Codebooks edited = edit.apply(Codebooks.of(config, codebook, true)); // validates; changes nothing
        List<CodebookEdit> primitives = edit.primitives();
        if (!EditReconciler.supported(primitives, method)) {
            throw new VqException("reordering codes is not available while this mode trains (its optimizer's "
                    + "per-code state cannot be reordered); pause, save and edit the saved codebook instead");
        }
        Saved saved = save();
        try {
            EditReconciler.apply(primitives, config, codebook, usage, usageTotals, method, window, deadCodes,
                    DeadCodes.restartUsage(hyper.deadThreshold(), rowsPerStep(), config.codes()));
            if (!Arrays.equals(codebook, edited.toArray())) {
                throw new IllegalStateException("edit and reconciliation disagree: " + edit.description());
            }
            push();
        } catch (RuntimeException | Error e) {
            restore(saved);
            throw e;
        }
        return edited;
    }

    /**
     * Copies the codebook into the quantizer's ND4J array: a bulk copy into host memory when it is there (an ND4J
     * assign is a native op, whose OpenMP hand-off cost up to a tenth of a small VQ-VAE step), else an assign.
     */
    private void push() {
        INDArray target = quantizer.codebooks();
        if (NativeArrays.isDenseRowMajor(target, DataType.FLOAT) && target.data().offset() == 0
                && vqlens.core.runtime.ComputeRuntime.isCpu()) {
            NativeArrays.floatView(target).put(0, codebook, 0, codebook.length);
            return;
        }
        target.assign(Nd4j.createFromArray(codebook)
                .reshape('c', config.heads(), config.codes(), config.headDim()));
    }

    private record Saved(float[] codebook, boolean inited, double[] usageHidden, double decayProduct,
                         double[] emaSums, float[] updateRuleState, long rngState, long rowsConsumed,
                         double[] nearestUpper, double[] allCodesUpper, long[] usageTotals) {
    }

    private Saved save() {
        return new Saved(codebook.clone(), quantizer.isInited(), usage.hidden(), usage.decayProduct(), method.emaSums(),
                method.rollbackState(), random.state(), cursor.rowsConsumed(), window.nearestUpper.clone(),
                window.allCodesUpper.clone(), usageTotals.clone());
    }

    private void restore(Saved s) {
        codebook = s.codebook;
        if (!s.inited && quantizer.isInited()) {
            quantizer = ProductQuantizer.uninitialised(config, settings.seed());
        }
        push();
        usage.restore(s.usageHidden, s.decayProduct);
        method.restore(s.emaSums, s.updateRuleState);
        random = new SplitMix64(s.rngState);
        cursor.moveTo(s.rowsConsumed);
        window.restoreUppers(s.nearestUpper, s.allCodesUpper);
        System.arraycopy(s.usageTotals, 0, usageTotals, 0, usageTotals.length);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TrainingRun[%s, %s, step %d]", config, settings.method().label(), step);
    }
}
