package vqlens.ui.chart;

import java.util.Arrays;
import java.util.Objects;

/**
 * One curve: {@code (step, value)} points appended in increasing step order. When it holds
 * {@code capacity} points it drops every other one and from then on keeps only every second appended
 * point (then every fourth, ...), as TensorBoard's reservoir keeps long runs bounded: the curve keeps
 * its shape and its whole extent, with fewer points. Values may be {@code NaN} (a gap).
 */
public final class CurveSeries {
    /** Points a series keeps by default, at most. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final String name;
    private final int capacity;
    private long[] steps = new long[256];
    private double[] values = new double[256];
    private int size;
    private int stride = 1;
    private long appended;
    private long version;
    private Range range = Range.EMPTY;
    private double minPositive = Double.POSITIVE_INFINITY;

    public CurveSeries(String name) {
        this(name, DEFAULT_CAPACITY);
    }

    public CurveSeries(String name, int capacity) {
        this.name = Objects.requireNonNull(name, "name");
        if (capacity < 4) {
            throw new IllegalArgumentException("capacity must be at least 4, got " + capacity);
        }
        this.capacity = capacity;
    }

    public String name() {
        return name;
    }

    /** A copy under another name (an earlier run's curve kept beside the new run's). */
    public CurveSeries copy(String newName) {
        CurveSeries c = new CurveSeries(newName, capacity);
        c.steps = Arrays.copyOf(steps, Math.max(1, size));
        c.values = Arrays.copyOf(values, Math.max(1, size));
        c.size = size;
        c.stride = stride;
        c.appended = appended;
        c.range = range;
        c.minPositive = minPositive;
        return c;
    }

    /** Adds a point; its step must not be below the last one's. */
    public void append(long step, double value) {
        if (size > 0 && step < steps[size - 1]) {
            throw new IllegalArgumentException("step " + step + " is before the last step " + steps[size - 1]);
        }
        if (appended++ % stride != 0) {
            return;
        }
        if (size == capacity) {
            thin();
        }
        if (size == steps.length) {
            int grown = Math.min(capacity, steps.length * 2);
            steps = Arrays.copyOf(steps, grown);
            values = Arrays.copyOf(values, grown);
        }
        steps[size] = step;
        values[size] = value;
        size++;
        range = range.including(value);
        if (value > 0 && value < minPositive) {
            minPositive = value;
        }
        version++;
    }

    private void thin() {
        int kept = 0;
        for (int i = 0; i < size; i += 2) {
            steps[kept] = steps[i];
            values[kept] = values[i];
            kept++;
        }
        size = kept;
        stride *= 2;
        appended = 1; // the point being appended now is the first of the new stride
    }

    public void clear() {
        size = 0;
        stride = 1;
        appended = 0;
        range = Range.EMPTY;
        minPositive = Double.POSITIVE_INFINITY;
        version++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long step(int i) {
        return steps[i];
    }

    public double value(int i) {
        return values[i];
    }

    public long lastStep() {
        return size == 0 ? 0 : steps[size - 1];
    }

    public long firstStep() {
        return size == 0 ? 0 : steps[0];
    }

    /** Every how many appended points one is kept now (1 until the first thinning). */
    public int stride() {
        return stride;
    }

    /** Changes whenever the points change. */
    public long version() {
        return version;
    }

    /** The smallest and largest finite values ever appended (thinning may have dropped them). */
    public Range valueRange() {
        return range;
    }

    /** The smallest value {@code > 0} ever appended, {@code +inf} if none. */
    public double minPositive() {
        return minPositive;
    }

    /** Whether any appended value was finite. */
    public boolean hasFiniteValues() {
        return !range.isEmpty();
    }

    /** The index of the last point with {@code step <= target}, or -1. */
    public int indexAtOrBefore(long target) {
        int lo = 0;
        int hi = size - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (steps[mid] <= target) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The index of the point whose step is nearest to {@code target}, or -1 when empty. */
    public int indexNearest(double target) {
        if (size == 0) {
            return -1;
        }
        int i = indexAtOrBefore((long) Math.floor(target));
        if (i < 0) {
            return 0;
        }
        if (i + 1 < size && Math.abs(steps[i + 1] - target) < Math.abs(target - steps[i])) {
            return i + 1;
        }
        return i;
    }
}
