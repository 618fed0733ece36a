package vqlens.app.cli.internal;

import java.util.ArrayDeque;

/**
 * The pace the progress bar's ETA is computed from. The first step carries the set-up (ND4J's first run)
 * and the next ones the JIT's warm-up, both far slower than the rest: the pace is measured only after
 * {@link #SETTLE_NANOS} past the first step, over the later half of the time since then (at most the last
 * {@link #MAX_WINDOW_NANOS}), so the slow start weighs less the longer the run goes and a change of pace
 * in a long run is followed.
 */
final class StepPace {
    /**
     * No ETA before this long after the first step: its pace would still be the warm-up's (measured: ~2 s of
     * slower steps for 4 x 256 codes of 96 on 1,024 rows on a 2-core machine; an ETA at 1.5 s was 3.3x the truth).
     */
    static final long SETTLE_NANOS = 3_000_000_000L;
    /** The pace of a long run is that of its last minute. */
    static final long MAX_WINDOW_NANOS = 60_000_000_000L;

    /** Steps seen and when, oldest first; only the newest one at or before the window's start is kept of the older ones. */
    private final ArrayDeque<long[]> seen = new ArrayDeque<>();
    private long markNanos;
    private boolean marked;

    /** A measured pace: {@code steps} done in {@code seconds}. */
    record Pace(long steps, double seconds) {
    }

    /** Notes that {@code step} was done at {@code nanos} and gives the pace to count on, or null when there is none yet. */
    Pace after(long nanos, long step) {
        if (!marked) {
            marked = true;
            markNanos = nanos;
        }
        seen.addLast(new long[] {nanos, step});
        if (nanos - markNanos < SETTLE_NANOS) {
            return null;
        }
        long windowStart = Math.max(markNanos + (nanos - markNanos) / 2, nanos - MAX_WINDOW_NANOS);
        while (seen.size() > 1 && secondOldest()[0] <= windowStart) {
            seen.removeFirst();
        }
        long[] from = seen.peekFirst();
        long steps = step - from[1];
        return steps > 0 ? new Pace(steps, (nanos - from[0]) / 1e9) : null;
    }

    private long[] secondOldest() {
        var it = seen.iterator();
        it.next();
        return it.next();
    }
}
