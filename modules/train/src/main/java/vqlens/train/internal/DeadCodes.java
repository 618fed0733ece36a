package vqlens.train.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vqlens.core.QuantizerConfig;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingRules;

/**
 * Dead-code restarts as in Jukebox and vector-quantize-pytorch ({@code threshold_ema_dead_code}): after
 * an update, every code whose EMA usage is below the threshold is replaced by a row of the current batch
 * (distinct rows per head while the batch has enough), and its EMA usage is set to the threshold, so it
 * survives only if it then earns at least that many rows per step.
 */
final class DeadCodes {
    private DeadCodes() {
    }

    /**
     * @return one {@link TrainingEvent.Kind#RESTART} event per head that had dead codes
     */
    static List<TrainingEvent> restart(QuantizerConfig config, float[] codebook, float[] batch, int rows, UsageEma usage,
                                       CodebookRule method, double threshold, SplitMix64 random, long step) {
        List<TrainingEvent> events = new ArrayList<>();
        if (!(threshold > 0)) {
            return events;
        }
        int codes = config.codes();
        int dim = config.headDim();
        int width = config.embeddingDim();
        for (int h = 0; h < config.heads(); h++) {
            List<Integer> dead = new ArrayList<>();
            for (int k = 0; k < codes; k++) {
                if (usage.isBelow(h * codes + k, threshold)) {
                    dead.add(k);
                }
            }
            if (dead.isEmpty()) {
                continue;
            }
            int[] picked = KMeansPlusPlus.sampleRows(rows, Math.min(rows, dead.size()), random);
            int[] restarted = new int[dead.size()];
            for (int i = 0; i < dead.size(); i++) {
                int k = dead.get(i);
                int row = i < picked.length ? picked[i] : random.nextInt(rows);
                System.arraycopy(batch, row * width + h * dim, codebook, (h * codes + k) * dim, dim);
                usage.setAverage(h * codes + k, threshold);
                method.restarted(h, k, codebook, usage);
                restarted[i] = k;
            }
            double fairShare = TrainingRules.fairShare(rows, codes);
            events.add(new TrainingEvent(step, TrainingEvent.Kind.RESTART, h, restarted, String.format(Locale.ROOT,
                    "head %d: %d dead code%s (EMA usage < %s) re-seeded from batch rows (fair share %d/%d = %.3g rows"
                            + " per code per step)", h, restarted.length, restarted.length == 1 ? "" : "s", threshold,
                    rows, codes, fairShare)));
        }
        return events;
    }
}
