package vqlens.ui.dashboard;

import java.util.ArrayDeque;

/**
 * Steps per second as shown: from the step numbers on show and when they arrived (wall-clock nanoseconds),
 * over the last {@link #WINDOW_NANOS}. Slow motion shows it beside the chosen rate, so a rate the machine
 * cannot reach (a step, or drawing it, takes longer) is never claimed. FX thread only.
 */
final class StepRate {
    /** Long enough to hold a few slow-motion steps at the slowest speed (0.5 steps/s). */
    static final long WINDOW_NANOS = 6_000_000_000L;

    private final ArrayDeque<long[]> seen = new ArrayDeque<>();

    /** Step {@code step} went on show at {@code nanos}. */
    void shown(long step, long nanos) {
        if (!seen.isEmpty() && step == seen.peekLast()[0]) {
            return; // the same step again (an edit's snapshot): no new pace
        }
        if (!seen.isEmpty() && step < seen.peekLast()[0]) {
            seen.clear(); // a new run, or a reset
        }
        seen.addLast(new long[] {step, nanos});
        while (seen.size() > 2 && nanos - seen.peekFirst()[1] > WINDOW_NANOS) {
            seen.removeFirst();
        }
    }

    /** Steps per second over the window; NaN until two steps were seen. */
    double stepsPerSecond() {
        if (seen.size() < 2) {
            return Double.NaN;
        }
        long[] first = seen.peekFirst();
        long[] last = seen.peekLast();
        long nanos = last[1] - first[1];
        return nanos > 0 ? (last[0] - first[0]) * 1e9 / nanos : Double.NaN;
    }

    void clear() {
        seen.clear();
    }
}
