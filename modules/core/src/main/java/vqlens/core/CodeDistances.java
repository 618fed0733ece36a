package vqlens.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * One head's codes compared with each other by exhaustive search in double precision: each code's nearest
 * other code (first on ties) and the Euclidean distance to it, the largest distance and, on request, the
 * K × K matrix. {@link CodebookReport}'s nearest pair and the inspector's code table come from here.
 * O(K² · D) time; immutable.
 */
public final class CodeDistances {

    private final int codes;
    private final int[] nearest;
    private final double[] nearestSquared;
    private final float[] matrix;
    private final double maxDistance;

    private CodeDistances(int codes, int[] nearest, double[] nearestSquared, float[] matrix, double maxDistance) {
        this.codes = codes;
        this.nearest = nearest;
        this.nearestSquared = nearestSquared;
        this.matrix = matrix;
        this.maxDistance = maxDistance;
    }

    /** Every code of {@code head} against every other; {@code keepMatrix} keeps the K × K distances (4·K² bytes). */
    public static CodeDistances of(Codebooks cb, int head, boolean keepMatrix) {
        int k = cb.config().codes();
        if (head < 0 || head >= cb.config().heads()) {
            throw new VqException("head " + head + " outside 0.." + (cb.config().heads() - 1));
        }
        float[][] code = new float[k][];
        for (int c = 0; c < k; c++) {
            code[c] = cb.code(head, c);
        }
        boolean[] all = new boolean[k];
        Arrays.fill(all, true);
        return among(code, all, keepMatrix);
    }

    /** Only the codes marked in {@code compared}; the others have no nearest code (-1, NaN) and no distances. */
    static CodeDistances among(float[][] code, boolean[] compared, boolean keepMatrix) {
        int k = code.length;
        int[] nearest = new int[k];
        double[] nearestSquared = new double[k];
        Arrays.fill(nearest, -1);
        Arrays.fill(nearestSquared, Double.NaN);
        float[] matrix = keepMatrix ? new float[k * k] : null;
        double maxSquared = 0;
        for (int a = 0; a < k; a++) {
            if (!compared[a]) {
                continue;
            }
            for (int b = a + 1; b < k; b++) {
                if (!compared[b]) {
                    continue;
                }
                double s = 0;
                for (int j = 0; j < code[a].length; j++) {
                    double diff = (double) code[a][j] - code[b][j];
                    s += diff * diff;
                }
                if (matrix != null) {
                    float dist = (float) Math.sqrt(s);
                    matrix[a * k + b] = dist;
                    matrix[b * k + a] = dist;
                }
                if (s > maxSquared) {
                    maxSquared = s;
                }
                // squared sums compared (sqrt may round two of them together); a's candidates arrive in
                // index order (b < a from earlier rows, then b > a), so the first wins a tie
                if (nearest[a] < 0 || s < nearestSquared[a]) {
                    nearest[a] = b;
                    nearestSquared[a] = s;
                }
                if (nearest[b] < 0 || s < nearestSquared[b]) {
                    nearest[b] = a;
                    nearestSquared[b] = s;
                }
            }
        }
        return new CodeDistances(k, nearest, nearestSquared, matrix, Math.sqrt(maxSquared));
    }

    public int codes() {
        return codes;
    }

    /** The nearest other code (first on ties), -1 for a head of one code. */
    public int nearest(int code) {
        return nearest[code];
    }

    /** Distance to {@link #nearest}, NaN for a head of one code. */
    public double nearestDistance(int code) {
        return Math.sqrt(nearestSquared[code]);
    }

    /** Whether the K × K matrix was kept. */
    public boolean hasMatrix() {
        return matrix != null;
    }

    /** Distance between codes {@code a} and {@code b}, as float; needs {@link #hasMatrix()}. */
    public double distance(int a, int b) {
        if (matrix == null) {
            throw new IllegalStateException("the distance matrix was not kept");
        }
        return matrix[a * codes + b];
    }

    /** The largest pairwise distance (0 for fewer than two codes). */
    public double maxDistance() {
        return maxDistance;
    }

    /**
     * The closest two codes ({@code first < second}), the first such pair in index order on ties; empty for
     * fewer than two compared codes.
     */
    public Optional<CodebookReport.CodePair> nearestPair() {
        int best = -1;
        for (int c = 0; c < codes; c++) {
            // the smallest code at the least distance: its partner is larger, else the partner came first
            if (nearest[c] >= 0 && (best < 0 || nearestSquared[c] < nearestSquared[best])) {
                best = c;
            }
        }
        return best < 0 ? Optional.empty()
                : Optional.of(new CodebookReport.CodePair(best, nearest[best], Math.sqrt(nearestSquared[best])));
    }
}
