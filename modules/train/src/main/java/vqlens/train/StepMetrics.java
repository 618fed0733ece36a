package vqlens.train;

/**
 * The scalar metrics of one step: one point of every error curve, one line of the metrics JSON lines
 * and one row of the CSV export (field names in src/site/markdown/command-line.md, "Metrics").
 *
 * <p>Losses are means per element over the step's {@code rows × E} values. In quantizer mode the codebook
 * loss {@code mean((sg(z) − q)²)}, the commitment loss {@code mean((z − sg(q))²)} and the quantisation MSE
 * have the same value (they differ in where gradients flow, not in value), and there is no reconstruction
 * ({@code NaN}). For {@link UpdateRule#KMEANS} a step is a full pass, and the values are over that pass.
 *
 * @param step               1 for the first step
 * @param epoch              passes over the data completed so far, fractional ({@code rows consumed / data rows})
 * @param rows               rows this step looked at
 * @param lossTotal          {@code reconstruction (0 when none) + codebook + β·commitment}
 * @param lossReconstruction the decoder's reconstruction MSE, {@code NaN} without a decoder
 * @param lossCodebook       {@code mean((sg(z) − q)²)}
 * @param lossCommitment     {@code mean((z − sg(q))²)}, unweighted
 * @param mse                quantisation MSE per element {@code mean((z − z_q)²)}, before this step's update
 * @param perplexity         per head: {@code exp(−Σ p ln p)} of this step's code usage
 * @param used               per head: codes chosen at least once this step
 * @param dead               per head: codes whose EMA usage is below the dead-code threshold (below 1 when
 *                           restarts are off) after this step's update and before its restarts: a code
 *                           re-seeded at this step counts as dead
 * @param restarted          per head: codes re-seeded at this step
 * @param thrashing          per head: codes re-seeded at this step that had been re-seeded within the
 *                           previous 10 steps too (the threshold is too high for them to survive)
 * @param samplesPerSecond   rows per second of compute time for this step (no pauses, no speed-limit waits)
 * @param elapsedSeconds     compute time since training began (checkpoints carry it over)
 */
public record StepMetrics(long step, double epoch, long rows, double lossTotal, double lossReconstruction,
                          double lossCodebook, double lossCommitment, double mse, double[] perplexity, int[] used,
                          int[] dead, int[] restarted, int[] thrashing, double samplesPerSecond,
                          double elapsedSeconds) {

    public StepMetrics {
        perplexity = perplexity.clone();
        used = used.clone();
        dead = dead.clone();
        restarted = restarted.clone();
        thrashing = thrashing.clone();
    }

    /** Codes re-seeded at this step, all heads. */
    public int restarts() {
        return sum(restarted);
    }

    /** Codes thrashing at this step, all heads. */
    public int thrashingCodes() {
        return sum(thrashing);
    }

    @Override
    public int[] restarted() {
        return restarted.clone();
    }

    @Override
    public int[] thrashing() {
        return thrashing.clone();
    }

    private static int sum(int[] values) {
        int n = 0;
        for (int v : values) {
            n += v;
        }
        return n;
    }

    @Override
    public double[] perplexity() {
        return perplexity.clone();
    }

    @Override
    public int[] used() {
        return used.clone();
    }

    @Override
    public int[] dead() {
        return dead.clone();
    }

    public int heads() {
        return perplexity.length;
    }

    public double perplexity(int head) {
        return perplexity[head];
    }

    public int used(int head) {
        return used[head];
    }

    public int dead(int head) {
        return dead[head];
    }

    /** Equal in everything but wall-clock timing ({@code samplesPerSecond}, {@code elapsedSeconds}). */
    public boolean sameValuesAs(StepMetrics o) {
        return step == o.step && Double.compare(epoch, o.epoch) == 0 && rows == o.rows
                && Double.compare(lossTotal, o.lossTotal) == 0 && Double.compare(lossReconstruction, o.lossReconstruction) == 0
                && Double.compare(lossCodebook, o.lossCodebook) == 0 && Double.compare(lossCommitment, o.lossCommitment) == 0
                && Double.compare(mse, o.mse) == 0 && java.util.Arrays.equals(perplexity, o.perplexity)
                && java.util.Arrays.equals(used, o.used) && java.util.Arrays.equals(dead, o.dead)
                && java.util.Arrays.equals(restarted, o.restarted) && java.util.Arrays.equals(thrashing, o.thrashing);
    }
}
