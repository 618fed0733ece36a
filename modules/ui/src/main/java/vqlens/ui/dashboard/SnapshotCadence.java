package vqlens.ui.dashboard;

import vqlens.core.QuantizerConfig;
import vqlens.train.HeadMetrics;
import vqlens.train.UpdateRule;

/**
 * How often the dashboard's trainer publishes a snapshot ({@code TrainingSettings.snapshotEvery}), when the
 * user leaves it on "auto". Building a snapshot is not free (a forward pass over
 * {@value HeadMetrics#SAMPLED_ROWS} rows for the all-codes histogram, copies of the codebooks and usage),
 * and the trainer's interval is fixed for a run, so it is chosen before the run from a cost model: at
 * most about {@value #OVERHEAD_PERCENT}% of training time spent on snapshots, and not many more snapshots
 * per second than the charts can show. The costs are estimates measured on a 2-core x86 laptop CPU; only
 * their ratio matters, so a faster machine gets about the same interval.
 */
public final class SnapshotCadence {
    /** Target share of training time spent building snapshots, percent. */
    static final int OVERHEAD_PERCENT = 4;
    private static final double STEP_FIXED_SECONDS = 1.0e-3;
    private static final double SNAPSHOT_FIXED_SECONDS = 2.5e-3;
    private static final double SECONDS_PER_MULTIPLY_ADD = 4.6e-11;

    private SnapshotCadence() {
    }

    /** Estimated seconds of one training step. */
    static double stepSeconds(QuantizerConfig q, UpdateRule method, int batch, long dataRows) {
        double rows = method == UpdateRule.KMEANS ? Math.max(batch, dataRows) : batch;
        return STEP_FIXED_SECONDS * (method == UpdateRule.KMEANS ? Math.ceil(rows / batch) : 1)
                + rows * q.codes() * (double) q.embeddingDim() * SECONDS_PER_MULTIPLY_ADD;
    }

    /** Estimated seconds of building one snapshot. */
    static double snapshotSeconds(QuantizerConfig q) {
        return SNAPSHOT_FIXED_SECONDS + HeadMetrics.SAMPLED_ROWS * q.codes() * (double) q.embeddingDim() * SECONDS_PER_MULTIPLY_ADD;
    }

    /**
     * Steps between snapshots for a run of these settings, at least 1.
     *
     * @param refreshHz chart updates per second the dashboard shows, at most
     */
    public static int auto(QuantizerConfig q, UpdateRule method, int batch, long dataRows, double refreshHz) {
        double step = stepSeconds(q, method, batch, dataRows);
        double forOverhead = snapshotSeconds(q) / (OVERHEAD_PERCENT / 100.0 * step);
        double forRefresh = refreshHz > 0 ? 1 / (step * refreshHz) : 1;
        double every = Math.max(forOverhead, forRefresh);
        return (int) Math.max(1, Math.min(100_000, Math.round(every)));
    }
}
