package vqlens.train.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vqlens.core.DeadCodeRule;
import vqlens.core.QuantizerConfig;
import vqlens.train.TrainingEvent;

/**
 * Dead-code restarts as in Jukebox and vector-quantize-pytorch ({@code threshold_ema_dead_code}): after
 * an update, every code whose EMA usage is below the threshold is replaced by a row of the current batch
 * (distinct rows per head while the batch has enough). A re-seeded code's EMA usage starts at the fair share
 * ({@code rows / codes}, or the threshold if that is higher), so it has about
 * {@code ln(fair share / threshold) / (1 − decay)} steps to earn rows before it can count as dead again
 * (vector-quantize-pytorch resets it to the threshold, which re-seeds a code that earns nothing at every step).
 * A code re-seeded again within {@link #THRASH_STEPS} steps of its last restart is <em>thrashing</em>.
 * Remembers each code's last restart (not checkpointed: after a resume, thrashing is counted afresh).
 */
final class DeadCodes {
    /** A code re-seeded again within this many steps is counted as thrashing. */
    static final int THRASH_STEPS = 10;

    private final QuantizerConfig config;
    private final long[] lastRestart;

    DeadCodes(QuantizerConfig config) {
        this.config = config;
        this.lastRestart = new long[config.heads() * config.codes()];
    }

    /** What one step's restarts did: the events, and per head the codes re-seeded and those of them thrashing. */
    record Restarts(List<TrainingEvent> events, int[] restarted, int[] thrashing) {
    }

    /** The EMA usage a re-seeded (or user-set) code starts with: the fair share, or the threshold if higher. */
    static double restartUsage(double threshold, long rowsPerStep, int codes) {
        return Math.max(threshold, DeadCodeRule.fairShare(rowsPerStep, codes));
    }

    /** Each code's last restart step (0: never), for a caller that steps back. */
    long[] lastRestarts() {
        return lastRestart.clone();
    }

    void restoreLastRestarts(long[] values) {
        System.arraycopy(values, 0, lastRestart, 0, lastRestart.length);
    }

    /** The codes' last restarts follow a reorder of {@code head} as {@code PermuteCodes} does. */
    void permute(int head, int[] order) {
        CodeOrder.permute(lastRestart, head * config.codes(), order, 1);
    }

    /**
     * @param stepRows the rows this step assigned (the usage counts'), for the fair share
     * @param batch    the rows to re-seed from, {@code [rows, E]}
     */
    Restarts restart(float[] codebook, float[] batch, int rows, long stepRows, UsageEma usage, CodebookRule method,
                     double threshold, SplitMix64 random, long step) {
        int heads = config.heads();
        List<TrainingEvent> events = new ArrayList<>();
        int[] restartedPerHead = new int[heads];
        int[] thrashingPerHead = new int[heads];
        if (!(threshold > 0)) {
            return new Restarts(events, restartedPerHead, thrashingPerHead);
        }
        int codes = config.codes();
        int dim = config.headDim();
        int width = config.embeddingDim();
        double fairShare = DeadCodeRule.fairShare(stepRows, codes);
        double restartUsage = restartUsage(threshold, stepRows, codes);
        for (int h = 0; h < heads; h++) {
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
            int thrashing = 0;
            for (int i = 0; i < dead.size(); i++) {
                int k = dead.get(i);
                int row = i < picked.length ? picked[i] : random.nextInt(rows);
                System.arraycopy(batch, row * width + h * dim, codebook, (h * codes + k) * dim, dim);
                usage.setAverage(h * codes + k, restartUsage);
                method.restarted(h, k, codebook, usage);
                restarted[i] = k;
                long last = lastRestart[h * codes + k];
                thrashing += last > 0 && step - last <= THRASH_STEPS ? 1 : 0;
                lastRestart[h * codes + k] = step;
            }
            restartedPerHead[h] = restarted.length;
            thrashingPerHead[h] = thrashing;
            events.add(new TrainingEvent(step, TrainingEvent.Kind.RESTART, h, restarted,
                    message(h, restarted.length, thrashing, threshold, stepRows, codes, fairShare, restartUsage)));
        }
        return new Restarts(events, restartedPerHead, thrashingPerHead);
    }

    private static String message(int head, int restarted, int thrashing, double threshold, long rows, int codes,
                                  double fairShare, double restartUsage) {
        String m = String.format(Locale.ROOT, "head %d: %d dead code%s (EMA usage < %s) re-seeded from batch rows,"
                        + " starting at %s rows per step (fair share %d/%d = %.3g rows per code per step)", head, restarted,
                restarted == 1 ? "" : "s", compact(threshold), compact(restartUsage), rows, codes, fairShare);
        if (thrashing == 0) {
            return m;
        }
        return m + String.format(Locale.ROOT, "; %d of them %s re-seeded within the last %d steps too (thrashing:"
                        + " the threshold %s is %s the fair share %.3g; lower it, the default is fair share / 16 = %s)",
                thrashing, thrashing == 1 ? "was" : "were", THRASH_STEPS, compact(threshold),
                threshold >= fairShare ? "at or above" : "too close to", fairShare,
                compact(DeadCodeRule.defaultThreshold(rows, codes)));
    }

    private static String compact(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
