package vqlens.ui.dashboard;

import javafx.beans.property.ReadOnlyDoubleWrapper;
import vqlens.train.TrainingSnapshot;
import vqlens.ui.common.SnapshotRelay;

/**
 * Keeps chart updates within {@link #UI_BUDGET}: measures what showing each snapshot costs (the FX
 * thread's time plus the renderer's estimate) and sets the run's relay interval from it. Created by
 * {@link DashboardViewModel} with it as the properties' bean; used on the FX thread only.
 */
final class ChartRateGovernor {
    /** See {@link DashboardViewModel#UI_BUDGET}. */
    static final double UI_BUDGET = 0.10;
    /** The chart rate never drops below 2 updates per second. */
    static final long MAX_INTERVAL_NANOS = 500_000_000L;
    /** Updates of a run not counted by the rate governor. */
    static final int WARM_UP_UPDATES = 3;

    final ReadOnlyDoubleWrapper chartRate;
    private long updateNanos;
    private long updates;
    private double costEma = Double.NaN;
    private double renderCostFactor = 1;
    private int governed;
    private long pendingRedraw;

    ChartRateGovernor(Object bean) {
        chartRate = new ReadOnlyDoubleWrapper(bean, "chartRate", 0);
    }

    /** A new run: its first updates warm up again and its cost is measured afresh. */
    void restart() {
        governed = 0;
        costEma = Double.NaN;
    }

    /** The view's drawing time for the update being shown. */
    void chartsDrawn(long nanos) {
        pendingRedraw += nanos;
    }

    void setRenderCostFactor(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("render cost factor must be a finite number >= 0, got " + factor);
        }
        renderCostFactor = factor;
    }

    /** Counts one update that took {@code showNanos} on the FX thread and adjusts {@code relay}'s interval. */
    void updated(long showNanos, SnapshotRelay<TrainingSnapshot> relay) {
        updateNanos += showNanos;
        updates++;
        govern(showNanos + (long) (pendingRedraw * renderCostFactor), relay);
        pendingRedraw = 0;
    }

    private void govern(long cost, SnapshotRelay<TrainingSnapshot> relay) {
        if (++governed <= WARM_UP_UPDATES) {
            return; // the first updates of a run pay for class loading and compilation: not a measure
        }
        // an outlier (a garbage collection, a busy machine) moves the estimate by at most a factor of 2
        double c = Double.isNaN(costEma) ? cost : Math.min(cost, 2 * costEma);
        costEma = Double.isNaN(costEma) ? c : 0.7 * costEma + 0.3 * c;
        if (relay != null) {
            relay.setInterval((long) Math.min(MAX_INTERVAL_NANOS, costEma / UI_BUDGET));
            long interval = relay.interval();
            chartRate.set(interval > 0 ? 1e9 / interval : 0);
        }
    }

    long updateNanos() {
        return updateNanos;
    }

    long updates() {
        return updates;
    }
}
