package vqlens.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import vqlens.core.Codebooks;
import vqlens.core.io.CodebookDocument;
import vqlens.train.internal.CheckpointCodec;
import vqlens.train.internal.TrainingMeta;

/**
 * A paused run, complete: settings, codebooks, the {@link ResumeState} (optimizer moments, EMA
 * statistics, random state, data cursor, step) and the metrics history. {@link Trainer#resume} continues
 * it exactly.
 *
 * <p>On disk ({@link #save}) a checkpoint is a native codebook {@code .npz}: {@code codebooks.npy} and
 * {@code inited.npy} as {@code vqlens.core.io.CodebookFiles} writes them, so any tool that reads a VQ Lens
 * codebook reads a checkpoint, plus members {@code state.npy} (the settings and scalars as UTF-8
 * {@code key=value} lines in a uint8 array), {@code usage_hidden.npy}, {@code ema_sums_hidden.npy},
 * {@code optimizer_state.npy} and {@code history.npy} (one float64 row per recorded step).
 *
 * @param settings        the run's settings (with the live hyperparameters at the checkpoint)
 * @param codebooks       the codebooks
 * @param state           the rest of the training state
 * @param history         the recorded steps' metrics, oldest first
 * @param dataRows        rows in one pass over the data it trained on
 * @param dataDim         the data's width
 * @param dataDescription the data source's description, for messages
 */
public record Checkpoint(TrainingSettings settings, Codebooks codebooks, ResumeState state, List<StepMetrics> history,
                         long dataRows, int dataDim, String dataDescription) {

    public Checkpoint {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(codebooks, "codebooks");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(dataDescription, "dataDescription");
        history = List.copyOf(history);
    }

    /**
     * A run that starts from existing codebooks instead of an initialisation ("open a codebook to continue
     * training"): step 0, no statistics yet (the first update's debiased EMA equals its counts, so no code
     * looks dead because of the missing history), fresh optimizer moments, the reference module's random state.
     *
     * @throws vqlens.core.VqException if the codebooks' shape differs from the settings'
     */
    public static Checkpoint startingFrom(Codebooks codebooks, TrainingSettings settings, long dataRows, int dataDim,
                                          String dataDescription) {
        vqlens.core.QuantizerConfig q = settings.quantizer();
        if (!codebooks.config().equals(q)) {
            throw new vqlens.core.VqException("the codebook is " + codebooks.config() + " but the settings ask for " + q);
        }
        int entries = q.heads() * q.codes();
        double[] sums = settings.method() == UpdateRule.EMA ? new double[q.codebookValues()] : new double[0];
        float[] moments = settings.method() == UpdateRule.ADAM ? new float[2 * q.codebookValues()] : new float[0];
        double[] unset = new double[q.heads()];
        java.util.Arrays.fill(unset, Double.NaN);
        ResumeState state = new ResumeState(0, 0, settings.seed(), 1.0, new double[entries], sums, moments, unset, unset,
                0, 1, new long[entries]);
        return new Checkpoint(settings, codebooks.withInited(true), state, List.of(), dataRows, dataDim, dataDescription);
    }

    /**
     * The codebook as a file holds it: the codebooks, each code's usage since it got its value (when this
     * checkpoint counted it) and the {@code meta} JSON of the training (settings, data, steps, time).
     */
    public CodebookDocument document() {
        long[] totals = state.usageTotals();
        return CodebookDocument.of(codebooks, totals.length > 0 ? totals : null, TrainingMeta.of(this));
    }

    /**
     * Writes the checkpoint atomically (a temp file beside {@code file}, renamed over it).
     *
     * @throws vqlens.core.io.CodebookFileException if it cannot be written; an old file is then untouched
     */
    public void save(Path file) {
        CheckpointCodec.save(file, this);
    }

    /**
     * Reads a checkpoint written by {@link #save}.
     *
     * @throws vqlens.core.io.CodebookFileException if the file cannot be read, or is a plain codebook file
     *                                              rather than a checkpoint, or is damaged
     */
    public static Checkpoint load(Path file) {
        return CheckpointCodec.load(file);
    }
}
