package vqlens.train.internal;

import java.util.ArrayList;
import java.util.List;
import vqlens.train.StepMetrics;

/**
 * Every step's metrics while the run is short; past {@value #CAPACITY} rows it keeps every second row and
 * from then on only steps that are multiples of the doubled stride (so the curve keeps its whole span at
 * half the resolution, like TensorBoard's reservoir but deterministic). Thread-safe: the UI and the CLI
 * copy it while training appends.
 */
final class MetricsHistory {
    static final int CAPACITY = 100_000;

    private final List<StepMetrics> rows = new ArrayList<>();
    private long stride = 1;

    synchronized void add(StepMetrics m) {
        if (m.step() % stride != 0) {
            return;
        }
        rows.add(m);
        if (rows.size() >= CAPACITY) {
            stride *= 2;
            rows.removeIf(r -> r.step() % stride != 0);
        }
    }

    synchronized List<StepMetrics> copy() {
        return List.copyOf(rows);
    }

    synchronized long stride() {
        return stride;
    }

    synchronized void restore(List<StepMetrics> values, long newStride) {
        rows.clear();
        rows.addAll(values);
        stride = Math.max(1, newStride);
    }
}
