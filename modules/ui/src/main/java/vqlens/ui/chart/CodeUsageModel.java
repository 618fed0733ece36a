package vqlens.ui.chart;

import java.util.Arrays;
import java.util.Objects;

/**
 * One head's code usage for the usage bar chart: per code the usage EMA (assignments per step, the
 * quantity the dead-code threshold applies to) and the window's raw counts, which codes are dead, and
 * the head's perplexity and share of codes used for the title.
 */
public final class CodeUsageModel {

    /** The order of the bars. */
    public enum Order {
        /** Most used first: the long tail and the dead codes show at the right. */
        BY_USAGE,
        /** Code 0 first. */
        BY_INDEX
    }

    private final int head;
    private double[] usage = new double[0];
    private long[] counts = new long[0];
    private boolean[] dead = new boolean[0];
    private int[] byUsage = new int[0];
    private double deadBelow = Double.NaN;
    private double perplexity = Double.NaN;
    private double usedShare = Double.NaN;
    private int deadCount;
    private int[] restarts = new int[0];
    private int restartedCount;
    private int thrashing;
    private long step;
    private Order order = Order.BY_USAGE;
    private Scale scale = Scale.LINEAR;
    private long version;

    public CodeUsageModel(int head) {
        this.head = head;
    }

    public int head() {
        return head;
    }

    /**
     * Replaces the data.
     *
     * @param usage      per code, the usage EMA (copied)
     * @param counts     per code, assignments in the last window (copied)
     * @param dead       per code, whether the trainer counts it as dead (copied)
     * @param restarts   per code, times the trainer re-seeded it in the window (copied)
     * @param thrashing  re-seedings in the window of codes re-seeded shortly before
     * @param deadBelow  the dead-code threshold, for the chart's threshold line
     * @param perplexity the window's perplexity
     * @param usedShare  share of codes used in the window, {@code [0, 1]}
     */
    public void update(long step, double[] usage, long[] counts, boolean[] dead, int[] restarts, int thrashing,
                       double deadBelow, double perplexity, double usedShare) {
        if (usage.length != counts.length || usage.length != dead.length || usage.length != restarts.length) {
            throw new IllegalArgumentException("usage, counts and dead flags differ in length: " + usage.length + ", "
                    + counts.length + ", " + dead.length);
        }
        this.step = step;
        this.usage = usage.clone();
        this.counts = counts.clone();
        this.deadBelow = deadBelow;
        this.perplexity = perplexity;
        this.usedShare = usedShare;
        this.dead = dead.clone();
        this.restarts = restarts.clone();
        this.thrashing = thrashing;
        deadCount = 0;
        restartedCount = 0;
        for (int k = 0; k < dead.length; k++) {
            deadCount += dead[k] ? 1 : 0;
            restartedCount += restarts[k] > 0 ? 1 : 0;
        }
        Integer[] idx = new Integer[usage.length];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = k;
        }
        double[] u = this.usage;
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(u[b], u[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        byUsage = Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
        version++;
    }

    public void clear() {
        usage = new double[0];
        counts = new long[0];
        dead = new boolean[0];
        restarts = new int[0];
        thrashing = 0;
        restartedCount = 0;
        byUsage = new int[0];
        perplexity = Double.NaN;
        usedShare = Double.NaN;
        deadBelow = Double.NaN;
        deadCount = 0;
        step = 0;
        version++;
    }

    public boolean isEmpty() {
        return usage.length == 0;
    }

    public int codes() {
        return usage.length;
    }

    public long step() {
        return step;
    }

    public double usage(int code) {
        return usage[code];
    }

    public long count(int code) {
        return counts[code];
    }

    public boolean dead(int code) {
        return dead[code];
    }

    public int deadCount() {
        return deadCount;
    }

    /** Codes re-seeded at least once in the window. */
    public int restartedCount() {
        return restartedCount;
    }

    /** Times {@code code} was re-seeded in the window. */
    public int restarts(int code) {
        return restarts[code];
    }

    /** Re-seedings in the window of codes re-seeded shortly before (the threshold is too high for them). */
    public int thrashing() {
        return thrashing;
    }

    public double deadBelow() {
        return deadBelow;
    }

    public double perplexity() {
        return perplexity;
    }

    public double usedShare() {
        return usedShare;
    }

    /** The code drawn at bar {@code position} in the current order. */
    public int codeAt(int position) {
        return order == Order.BY_INDEX ? position : byUsage[position];
    }

    /** The bar position of {@code code} in the current order. */
    public int positionOf(int code) {
        if (order == Order.BY_INDEX) {
            return code;
        }
        for (int p = 0; p < byUsage.length; p++) {
            if (byUsage[p] == code) {
                return p;
            }
        }
        return -1;
    }

    /** The largest usage. */
    public double maxUsage() {
        double max = 0;
        for (double v : usage) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** The smallest positive usage, {@code +inf} if none. */
    public double minPositiveUsage() {
        double min = Double.POSITIVE_INFINITY;
        for (double v : usage) {
            if (v > 0) {
                min = Math.min(min, v);
            }
        }
        return min;
    }

    public Order order() {
        return order;
    }

    public void setOrder(Order value) {
        if (value != order) {
            order = Objects.requireNonNull(value, "order");
            version++;
        }
    }

    public Scale scale() {
        return scale;
    }

    public void setScale(Scale value) {
        if (value != scale) {
            scale = Objects.requireNonNull(value, "scale");
            version++;
        }
    }

    /** Changes whenever anything drawn changes. */
    public long version() {
        return version;
    }
}
