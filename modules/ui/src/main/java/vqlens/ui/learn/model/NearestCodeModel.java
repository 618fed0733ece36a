package vqlens.ui.learn.model;

import java.util.Arrays;
import vqlens.core.Codebooks;
import vqlens.core.DistanceTerms;
import vqlens.core.NearestCodes;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;

/**
 * Lesson 1, "the nearest code": data points and K codes on a plane; the learner adds, drags and deletes both.
 * Each point goes to its nearest code by core's {@link NearestCodes} (the encoder's formula and first-index tie
 * rule), the cells come from core's {@link VoronoiCells}, the MSE and usage follow.
 */
public final class NearestCodeModel extends PlaneLessonModel {
    public static final int MIN_CODES = 2;
    public static final int MAX_CODES = 64;
    public static final int MAX_POINTS = 5_000;
    /** Grid step of snap-to-grid: codes snapped to it can sit exactly on each other (a tie). */
    public static final float SNAP = 0.5f;
    static final int START_POINTS = 600;
    static final int START_CODES = 6;
    static final long START_SEED = 1;

    private float[] codes;
    private boolean snap;
    private boolean movedSinceReset;
    private PlaneScene scene;
    private double startMse;
    private int selected = -1;

    private final TryThis deadCode;
    private final TryThis tie;
    private final TryThis lowerError;

    public NearestCodeModel() {
        deadCode = task("Drag a code until its cell holds no data point: you made a dead code (it would never be"
                + " chosen, so it would never learn).", this::hasDeadCode);
        tie = task("Make a tie: select a code and press Duplicate. Two codes at exactly the same place — the"
                + " points all go to the lower index, as argmin's first minimum does.", this::hasTie);
        lowerError = task("Bring the error (MSE) below a third of where it started, by moving or adding codes.",
                () -> scene != null && mse() < startMse / 3);
        restart();
        changed();
    }

    @Override
    protected void restart() {
        snap = false;
        selected = -1;
        draw(PlaneDataset.BLOBS, START_POINTS, START_SEED);
        codes = new float[START_CODES * 2];
        for (int k = 0; k < START_CODES; k++) { // a ring around the data's middle: visible, not yet good
            double angle = 2 * Math.PI * k / START_CODES;
            codes[2 * k] = (float) (centreX() + 0.3 * bounds.width() * Math.cos(angle));
            codes[2 * k + 1] = (float) (centreY() + 0.3 * bounds.height() * Math.sin(angle));
        }
        movedSinceReset = false;
        recompute();
        startMse = mse();
    }

    private double centreX() {
        return (bounds.minX() + bounds.maxX()) / 2;
    }

    private double centreY() {
        return (bounds.minY() + bounds.maxY()) / 2;
    }

    private void recompute() {
        int k = codes.length / 2;
        Codebooks books = Codebooks.of(new QuantizerConfig(1, 2, k), codes, true);
        int[] assignment = NearestCodes.ofHead(books, 0, points, points.length / 2);
        scene = PlaneScene.of(points, codes, assignment, bounds, null);
    }

    // ------------------------------------------------------------------ what the view shows

    public PlaneScene scene() {
        return scene;
    }

    public boolean snap() {
        return snap;
    }

    public int selected() {
        return selected;
    }

    /** {@code Σ‖z − c(z)‖² / (2n)}: the mean squared error per value, as the trainer reports it. */
    public double mse() {
        double sum = 0;
        int[] a = scene.assignment();
        for (int i = 0; i < a.length; i++) {
            double dx = points[2 * i] - codes[2 * a[i]];
            double dy = points[2 * i + 1] - codes[2 * a[i] + 1];
            sum += dx * dx + dy * dy;
        }
        return a.length == 0 ? 0 : sum / (2.0 * a.length);
    }

    public double startMse() {
        return startMse;
    }

    /** The expansion and the direct distance from point {@code point} to its code, from core. */
    public DistanceTerms termsOf(int point) {
        int code = scene.assignment()[point];
        Codebooks books = Codebooks.of(new QuantizerConfig(1, 2, codes.length / 2), codes, true);
        return DistanceTerms.of(books, 0, new float[] {points[2 * point], points[2 * point + 1]}, code);
    }

    // ------------------------------------------------------------------ moves

    public void setDataset(PlaneDataset value, int rows, long newSeed) {
        if (rows < 1 || rows > MAX_POINTS) {
            throw new VqException("points: 1 to " + MAX_POINTS + ", got " + rows);
        }
        draw(value, rows, newSeed);
        recompute();
        startMse = mse();
        changed();
    }

    public void setSnap(boolean value) {
        snap = value;
        changed();
    }

    public void select(int code) {
        selected = code >= 0 && code < codes.length / 2 ? code : -1;
        changed();
    }

    /** Adds a code at {@code (x, y)}; false at {@link #MAX_CODES}. */
    public boolean addCode(double x, double y) {
        if (codes.length / 2 >= MAX_CODES) {
            return false;
        }
        codes = Arrays.copyOf(codes, codes.length + 2);
        put(codes, codes.length / 2 - 1, x, y);
        selected = codes.length / 2 - 1;
        movedSinceReset = true;
        recompute();
        changed();
        return true;
    }

    public void moveCode(int code, double x, double y) {
        put(codes, code, x, y);
        movedSinceReset = true;
        recompute();
        changed();
    }

    /** Deletes a code; false at {@link #MIN_CODES}. Higher codes move down one index, as an edit's delete does. */
    public boolean deleteCode(int code) {
        int k = codes.length / 2;
        if (k <= MIN_CODES || code < 0 || code >= k) {
            return false;
        }
        float[] next = new float[codes.length - 2];
        System.arraycopy(codes, 0, next, 0, 2 * code);
        System.arraycopy(codes, 2 * code + 2, next, 2 * code, codes.length - 2 * code - 2);
        codes = next;
        selected = -1;
        movedSinceReset = true;
        recompute();
        changed();
        return true;
    }

    /** A new code exactly on {@code code}: an exact tie, which the encoder gives to the lower index. */
    public boolean duplicateCode(int code) {
        if (code < 0 || code >= codes.length / 2 || codes.length / 2 >= MAX_CODES) {
            return false;
        }
        float x = codes[2 * code];
        float y = codes[2 * code + 1];
        codes = Arrays.copyOf(codes, codes.length + 2);
        codes[codes.length - 2] = x;
        codes[codes.length - 1] = y;
        selected = codes.length / 2 - 1;
        movedSinceReset = true;
        recompute();
        changed();
        return true;
    }

    public boolean addPoint(double x, double y) {
        if (points.length / 2 >= MAX_POINTS) {
            return false;
        }
        points = Arrays.copyOf(points, points.length + 2);
        points[points.length - 2] = (float) x;
        points[points.length - 1] = (float) y;
        recompute();
        changed();
        return true;
    }

    public void movePoint(int point, double x, double y) {
        points[2 * point] = (float) x;
        points[2 * point + 1] = (float) y;
        recompute();
        changed();
    }

    public boolean deletePoint(int point) {
        if (points.length / 2 <= 1 || point < 0 || point >= points.length / 2) {
            return false;
        }
        float[] next = new float[points.length - 2];
        System.arraycopy(points, 0, next, 0, 2 * point);
        System.arraycopy(points, 2 * point + 2, next, 2 * point, points.length - 2 * point - 2);
        points = next;
        recompute();
        changed();
        return true;
    }

    private void put(float[] into, int index, double x, double y) {
        float fx = (float) x;
        float fy = (float) y;
        if (snap) {
            fx = Math.round(fx / SNAP) * SNAP;
            fy = Math.round(fy / SNAP) * SNAP;
        }
        into[2 * index] = fx;
        into[2 * index + 1] = fy;
    }

    // ------------------------------------------------------------------ task checks

    private boolean hasDeadCode() {
        return movedSinceReset && Arrays.stream(scene.usage()).anyMatch(u -> u == 0);
    }

    /** Two codes at the same place, the points theirs going to the lower index only. */
    private boolean hasTie() {
        int k = codes.length / 2;
        int[] usage = scene.usage();
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                if (codes[2 * a] == codes[2 * b] && codes[2 * a + 1] == codes[2 * b + 1] && usage[a] > 0 && usage[b] == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    public TryThis deadCodeTask() {
        return deadCode;
    }

    public TryThis tieTask() {
        return tie;
    }

    public TryThis lowerErrorTask() {
        return lowerError;
    }
}
