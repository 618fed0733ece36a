package vqlens.ui.chart;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * One head's distance histograms: the distances from rows to their nearest code and to all codes, as
 * shares of their totals (so the two, with very different counts, share one axis), plus a trail of
 * earlier pairs that the chart draws fading (TensorBoard's overlay mode). The trail keeps a pair when
 * training has moved on by at least an eighth of the steps so far, so it spans the run rather than the
 * last second.
 */
public final class DistanceHistogramModel {

    /** Which histograms are drawn. */
    public enum Mode {
        /** Distances from rows to their nearest code: the quantisation error's distribution. */
        NEAREST,
        /** Distances from sampled rows to every code. */
        ALL_CODES,
        /** Both on one axis. */
        BOTH;

        public boolean showsNearest() {
            return this != ALL_CODES;
        }

        public boolean showsAllCodes() {
            return this != NEAREST;
        }
    }

    /** Pairs kept in the trail, at most. */
    public static final int TRAIL = 6;

    /**
     * One histogram.
     *
     * @param step     when it was measured
     * @param upper    the last bin edge; bins are {@code upper / bins} wide from 0
     * @param shares   per bin, its share of {@code total}
     * @param counts   per bin, the raw count
     * @param total    values counted, overflow included
     * @param overflow values above {@code upper}
     */
    public record Frame(long step, double upper, double[] shares, long[] counts, long total, long overflow) {
        public Frame {
            shares = shares.clone();
            counts = counts.clone();
        }

        /** A frame from raw bin counts. */
        public static Frame of(long step, double upper, long[] counts, long overflow) {
            long total = overflow;
            for (long c : counts) {
                total += c;
            }
            double[] shares = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                shares[i] = total > 0 ? (double) counts[i] / total : 0;
            }
            return new Frame(step, upper, shares, counts, total, overflow);
        }

        public int bins() {
            return shares.length;
        }

        public double binWidth() {
            return upper / shares.length;
        }

        public double share(int bin) {
            return shares[bin];
        }

        public long count(int bin) {
            return counts[bin];
        }

        /** The bin holding distance {@code d}, or -1 outside {@code [0, upper)}. */
        public int binOf(double d) {
            if (!(d >= 0) || d >= upper) {
                return -1;
            }
            return Math.min(shares.length - 1, (int) (d / upper * shares.length));
        }

        public double maxShare() {
            double m = 0;
            for (double s : shares) {
                m = Math.max(m, s);
            }
            return m;
        }

        /** The upper edge of the last bin holding a value (0 when none). */
        public double extent() {
            for (int b = shares.length - 1; b >= 0; b--) {
                if (counts[b] > 0) {
                    return (b + 1) * binWidth();
                }
            }
            return 0;
        }
    }

    /** The two histograms of one moment. */
    public record Pair(Frame nearest, Frame allCodes) {
        public Pair {
            Objects.requireNonNull(nearest, "nearest");
            Objects.requireNonNull(allCodes, "allCodes");
        }

        public long step() {
            return nearest.step();
        }
    }

    private final int head;
    private Mode mode = Mode.NEAREST;
    private Pair current;
    private final Deque<Pair> trail = new ArrayDeque<>();
    private long version;

    public DistanceHistogramModel(int head) {
        this.head = head;
    }

    public int head() {
        return head;
    }

    /** Replaces the current pair; the previous one joins the trail when enough steps have passed. */
    public void update(Pair pair) {
        Objects.requireNonNull(pair, "pair");
        if (current != null && pair.step() > current.step()) {
            long lastKept = trail.isEmpty() ? Long.MIN_VALUE / 2 : trail.peekLast().step();
            if (current.step() - lastKept >= Math.max(1, pair.step() / 8)) {
                trail.addLast(current);
                while (trail.size() > TRAIL) {
                    trail.removeFirst();
                }
            }
        }
        current = pair;
        version++;
    }

    public void clear() {
        current = null;
        trail.clear();
        version++;
    }

    public boolean isEmpty() {
        return current == null;
    }

    /** The latest pair, or {@code null}. */
    public Pair current() {
        return current;
    }

    /** Earlier pairs, oldest first. */
    public List<Pair> trail() {
        return new ArrayList<>(trail);
    }

    public Mode mode() {
        return mode;
    }

    public void setMode(Mode value) {
        if (value != mode) {
            mode = Objects.requireNonNull(value, "mode");
            version++;
        }
    }

    /** The frames drawn in the current mode, the trail's first (oldest first), the current ones last. */
    public List<Frame> shownFrames() {
        List<Frame> out = new ArrayList<>();
        List<Pair> all = trail();
        if (current != null) {
            all.add(current);
        }
        for (Pair p : all) {
            if (mode.showsAllCodes()) {
                out.add(p.allCodes());
            }
            if (mode.showsNearest()) {
                out.add(p.nearest());
            }
        }
        return out;
    }

    /** The x axis's end: just past the last non-empty bin of every frame shown (so the data fills the width). */
    public double maxDistance() {
        double m = 0;
        double upper = 0;
        for (Frame f : shownFrames()) {
            m = Math.max(m, f.extent());
            upper = Math.max(upper, f.upper());
        }
        return m > 0 ? Math.min(upper, m * 1.05) : upper;
    }

    /**
     * The largest share of the current frames shown: the y axis's end. Earlier frames do not stretch it (the
     * first, right after initialisation, often has a tall spike at 0 that would flatten everything else); the
     * chart cuts them at the top.
     */
    public double maxShare() {
        double m = 0;
        if (current != null) {
            if (mode.showsNearest()) {
                m = Math.max(m, current.nearest().maxShare());
            }
            if (mode.showsAllCodes()) {
                m = Math.max(m, current.allCodes().maxShare());
            }
        }
        return m;
    }

    public long version() {
        return version;
    }
}
