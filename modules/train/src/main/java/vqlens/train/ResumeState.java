package vqlens.train;

/**
 * The training state a {@link Checkpoint} holds besides the codebooks and settings: with it, a resumed run
 * continues bit for bit as if it had never stopped. Arrays are copied in and out.
 *
 * @param step            steps done
 * @param rowsConsumed    the data cursor: rows read since the start, over all passes
 * @param rngState        the trainer's random generator (SplitMix64 state)
 * @param decayProduct    {@code Π γ} over the steps so far: the EMA debiasing factor is {@code 1 − Π γ}
 * @param usageHidden     {@code [H·K]} the usage EMA's hidden (un-debiased) values
 * @param emaSumsHidden   {@code [H·K·D]} the EMA method's hidden sums (empty for other methods)
 * @param updateRuleState the update rule's own state: Adam's {@code m} then {@code v} (empty for EMA,
 *                        k-means and SGD); in VQ-VAE mode the network's weights followed by their Adam moments
 * @param nearestUpper    {@code [H]} upper edges of the nearest-distance histograms ({@code NaN} = not fixed yet)
 * @param allCodesUpper   {@code [H]} upper edges of the all-codes histograms ({@code NaN} = not fixed yet)
 * @param elapsedSeconds  compute time so far
 * @param historyStride   the metrics history keeps every {@code historyStride}-th step (it thins itself when long)
 * @param usageTotals     {@code [H·K]} rows assigned to each code since it got its current value (a restart or
 *                        an edit that sets it starts it at 0), the {@code usage} a saved codebook carries; empty
 *                        when unknown (a checkpoint of an earlier VQ Lens)
 */
public record ResumeState(long step, long rowsConsumed, long rngState, double decayProduct, double[] usageHidden,
                          double[] emaSumsHidden, float[] updateRuleState, double[] nearestUpper, double[] allCodesUpper,
                          double elapsedSeconds, long historyStride, long[] usageTotals) {

    /** A state without usage totals (they count from here). */
    public ResumeState(long step, long rowsConsumed, long rngState, double decayProduct, double[] usageHidden,
                       double[] emaSumsHidden, float[] updateRuleState, double[] nearestUpper, double[] allCodesUpper,
                       double elapsedSeconds, long historyStride) {
        this(step, rowsConsumed, rngState, decayProduct, usageHidden, emaSumsHidden, updateRuleState, nearestUpper,
                allCodesUpper, elapsedSeconds, historyStride, new long[0]);
    }

    public ResumeState {
        usageTotals = usageTotals.clone();
        usageHidden = usageHidden.clone();
        emaSumsHidden = emaSumsHidden.clone();
        updateRuleState = updateRuleState.clone();
        nearestUpper = nearestUpper.clone();
        allCodesUpper = allCodesUpper.clone();
    }

    @Override
    public double[] usageHidden() {
        return usageHidden.clone();
    }

    @Override
    public long[] usageTotals() {
        return usageTotals.clone();
    }

    @Override
    public double[] emaSumsHidden() {
        return emaSumsHidden.clone();
    }

    @Override
    public float[] updateRuleState() {
        return updateRuleState.clone();
    }

    @Override
    public double[] nearestUpper() {
        return nearestUpper.clone();
    }

    @Override
    public double[] allCodesUpper() {
        return allCodesUpper.clone();
    }
}
