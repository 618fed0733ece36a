package vqlens.ui.chart;

import java.util.Arrays;

/**
 * When each step of a run reached the window, in seconds since the run began: the wall-clock x axis. Steps
 * arrive in increasing order; between two recorded steps the time is interpolated.
 */
public final class StepTimes {
    private long[] steps = new long[256];
    private double[] seconds = new double[256];
    private int size;

    /** Records that {@code step} was reached at {@code at} seconds (not before the last record). */
    public void record(long step, double at) {
        if (size > 0 && (step <= steps[size - 1] || at < seconds[size - 1])) {
            if (step == steps[size - 1]) {
                return; // a repeated step (an edit's snapshot) keeps its first time
            }
            at = Math.max(at, seconds[size - 1]);
        }
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, size * 2);
            seconds = Arrays.copyOf(seconds, size * 2);
        }
        steps[size] = step;
        seconds[size++] = at;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The last time recorded, 0 when none. */
    public double last() {
        return size == 0 ? 0 : seconds[size - 1];
    }

    public void clear() {
        size = 0;
    }

    /** A copy, for an earlier run kept beside the new one. */
    public StepTimes copy() {
        StepTimes c = new StepTimes();
        c.steps = Arrays.copyOf(steps, Math.max(1, size));
        c.seconds = Arrays.copyOf(seconds, Math.max(1, size));
        c.size = size;
        return c;
    }

    /** The time of {@code step}: interpolated between records, the nearest record outside them; NaN when empty. */
    public double secondsAt(long step) {
        if (size == 0) {
            return Double.NaN;
        }
        int i = Arrays.binarySearch(steps, 0, size, step);
        if (i >= 0) {
            return seconds[i];
        }
        int after = -i - 1;
        if (after == 0) {
            return seconds[0];
        }
        if (after == size) {
            return seconds[size - 1];
        }
        double f = (double) (step - steps[after - 1]) / (steps[after] - steps[after - 1]);
        return seconds[after - 1] + f * (seconds[after] - seconds[after - 1]);
    }

    /** The step reached at {@code at} seconds (the last one at or before it), for the hover; 0 when empty. */
    public long stepAt(double at) {
        int lo = 0;
        int hi = size - 1;
        long found = size > 0 ? steps[0] : 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (seconds[mid] <= at) {
                found = steps[mid];
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
