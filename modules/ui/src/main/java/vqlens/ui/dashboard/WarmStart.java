package vqlens.ui.dashboard;

import java.util.Arrays;
import java.util.List;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.train.Checkpoint;
import vqlens.train.Method;
import vqlens.train.ResumeState;
import vqlens.train.TrainingSettings;

/**
 * Continues training from a plain codebook file (not a VQ Lens checkpoint). The trainer starts fresh runs
 * only from its own initialisation, and continues only a {@link Checkpoint}; so this builds the checkpoint
 * of "step 0 with these codebooks": each code's usage EMA starts at an even share of a batch
 * ({@code batch / K} per step, fully debiased), the EMA method's sums agree with the codes
 * ({@code code × usage}, so the first update moves codes from where they are instead of to the origin),
 * and Adam's moments start at zero. The sizes of that state follow the trainer's documented checkpoint
 * layout ({@link ResumeState}): EMA sums {@code [H·K·D]}, Adam {@code m} then {@code v}.
 */
final class WarmStart {

    private WarmStart() {
    }

    /**
     * @param settings  the run's settings; their quantizer must be the codebooks' shape
     * @param dataRows  rows in one pass over the data
     * @param dataDim   the data's width
     */
    static Checkpoint checkpoint(Codebooks codebooks, TrainingSettings settings, long dataRows, int dataDim,
                                 String dataDescription) {
        QuantizerConfig q = settings.quantizer();
        if (!codebooks.config().equals(q)) {
            throw new VqException("the codebook is " + codebooks.config() + " but the set-up asks for " + q);
        }
        int entries = q.heads() * q.codes();
        int values = q.codebookValues();
        double prior = Math.max(1.0, (double) settings.batch() / q.codes());
        double[] usage = new double[entries];
        Arrays.fill(usage, prior);
        double[] sums = new double[0];
        if (settings.method() == Method.EMA) {
            sums = new double[values];
            float[] v = codebooks.toArray();
            for (int i = 0; i < values; i++) {
                sums[i] = v[i] * prior;
            }
        }
        float[] optimizer = settings.method() == Method.ADAM ? new float[2 * values] : new float[0];
        double[] uppers = new double[q.heads()];
        Arrays.fill(uppers, Double.NaN);
        ResumeState state = new ResumeState(0, 0, settings.seed(), 0.0, usage, sums, optimizer, uppers, uppers, 0, 1);
        return new Checkpoint(settings, codebooks.withInited(true), state, List.of(), dataRows, dataDim, dataDescription);
    }
}
