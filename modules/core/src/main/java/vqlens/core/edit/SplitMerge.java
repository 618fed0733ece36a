package vqlens.core.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;
import vqlens.core.VqException;

/** Split, merge and replace-dead: the operations that move several codes at once (see {@link CodebookEdits}). */
final class SplitMerge {

    /** Without data rows a split moves each half this fraction of the head's typical code spread. */
    static final double RANDOM_FRACTION = 0.1;

    /** With data rows each half moves this many standard deviations: the mean of a half-normal, sqrt(2/π). */
    static final double PRINCIPAL_FRACTION = Math.sqrt(2.0 / Math.PI);

    private SplitMerge() {
    }

    static EditSequence split(Codebooks cb, int head, int code, int target, float[] rows, int rowCount, long seed) {
        String op = "split";
        EditChecks.code(cb, op, head, code);
        EditChecks.code(cb, op, head, target);
        EditChecks.distinct(op, code, target);
        int d = cb.config().headDim();
        int e = cb.config().embeddingDim();
        SplittableRandom random = new SplittableRandom(seed);
        double[] offset = null;
        String how;
        if (rows != null) {
            EditChecks.rows(cb, op, head, rows, rowCount);
            int[] cell = EditMath.cellRows(NearestCodes.ofHead(cb, head, rows, rowCount), code);
            if (cell.length == 0) {
                throw new VqException(op + ": head " + head + " code " + code + " has an empty cell (none of the "
                        + rowCount + " data rows is nearest to it); nothing to split");
            }
            double[] mean = EditMath.mean(rows, e, head * d, d, cell);
            EditMath.Principal p = EditMath.principal(rows, e, head * d, d, cell, mean, random);
            if (p != null) {
                double step = PRINCIPAL_FRACTION * Math.sqrt(p.variance());
                offset = p.direction();
                for (int j = 0; j < d; j++) {
                    offset[j] *= step;
                }
            }
            how = p != null ? " along its cell's main direction" : " at random (its cell has no spread)";
        } else {
            how = " at random";
        }
        if (offset == null) {
            offset = EditMath.unitDirection(random, d);
            double step = RANDOM_FRACTION * EditMath.codeSpread(cb, head);
            for (int j = 0; j < d; j++) {
                offset[j] *= step;
            }
        }
        float[] old = cb.code(head, code);
        float[] plus = new float[d];
        float[] minus = new float[d];
        for (int j = 0; j < d; j++) {
            plus[j] = (float) (old[j] + offset[j]);
            minus[j] = (float) (old[j] - offset[j]);
        }
        String description = "split head " + head + " code " + code + " into codes " + code + " and " + target + how;
        SetCodes set = new SetCodes(head, new int[] {code, target}, new float[][] {plus, minus}, description);
        return new EditSequence(List.of(set), description);
    }

    static EditSequence merge(Codebooks cb, int head, int keep, int other, double[] usage, float[] rows,
                              int rowCount, long seed) {
        String op = "merge";
        EditChecks.code(cb, op, head, keep);
        EditChecks.code(cb, op, head, other);
        EditChecks.distinct(op, keep, other);
        double wk = 1;
        double wo = 1;
        if (usage != null) {
            EditChecks.usage(cb, op, usage, cb.config().codes());
            if (usage[keep] + usage[other] > 0) {
                wk = usage[keep];
                wo = usage[other];
            }
        }
        int d = cb.config().headDim();
        float[] a = cb.code(head, keep);
        float[] b = cb.code(head, other);
        float[] merged = new float[d];
        for (int j = 0; j < d; j++) {
            merged[j] = (float) ((wk * a[j] + wo * b[j]) / (wk + wo));
        }
        float[] freed;
        String from;
        if (rows != null) {
            EditChecks.rows(cb, op, head, rows, rowCount);
            int row = worstServedRow(cb, head, keep, merged, other, rows, rowCount);
            freed = CodebookEdits.slice(cb, head, rows, row);
            from = "data row " + row;
        } else {
            freed = CodebookEdits.reinitRandom(cb, head, other, seed).value(0);
            from = "a random vector";
        }
        String description = "merge head " + head + " code " + other + " into code " + keep + " (code " + other
                + " re-seeded from " + from + ")";
        SetCodes set = new SetCodes(head, new int[] {keep, other}, new float[][] {merged, freed}, description);
        return new EditSequence(List.of(set), description);
    }

    /** The row farthest from its nearest code once {@code keep} is {@code merged} and {@code other} is gone. */
    private static int worstServedRow(Codebooks cb, int head, int keep, float[] merged, int other, float[] rows,
                                      int rowCount) {
        int k = cb.config().codes();
        int d = cb.config().headDim();
        int e = cb.config().embeddingDim();
        float[] codes = new float[k * d];
        for (int c = 0; c < k; c++) {
            cb.copyCode(head, c, codes, c * d);
        }
        System.arraycopy(merged, 0, codes, keep * d, d);
        int worst = 0;
        double worstError = -1;
        for (int r = 0; r < rowCount; r++) {
            int at = r * e + head * d;
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != other) {
                    best = Math.min(best, EditMath.squaredDistance(rows, at, codes, c * d, d));
                }
            }
            if (best > worstError) {
                worstError = best;
                worst = r;
            }
        }
        return worst;
    }

    static CodebookEdit replaceDead(Codebooks cb, double[] usage, double threshold, float[] rows, int rowCount,
                                    long seed) {
        String op = "replace dead codes";
        int heads = cb.config().heads();
        int k = cb.config().codes();
        EditChecks.usage(cb, op, usage, heads * k);
        if (!Double.isFinite(threshold)) {
            throw new VqException(op + ": threshold " + threshold + " is not a finite number");
        }
        int total = 0;
        for (double u : usage) {
            total += u < threshold ? 1 : 0;
        }
        if (total == 0) {
            throw new VqException(op + ": no dead code (every code's usage is at least " + threshold + ")");
        }
        for (int h = 0; h < heads; h++) {
            EditChecks.rows(cb, op, h, rows, rowCount);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<CodebookEdit> steps = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            List<Integer> dead = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                if (usage[h * k + c] < threshold) {
                    dead.add(c);
                }
            }
            if (dead.isEmpty()) {
                continue;
            }
            if (dead.size() > rowCount) {
                throw new VqException(op + ": head " + h + " has " + dead.size() + " dead codes but there are only "
                        + rowCount + " data rows to re-seed them from");
            }
            int[] picks = distinctRows(random, rowCount, dead.size());
            int[] codes = new int[dead.size()];
            float[][] values = new float[dead.size()][];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = dead.get(i);
                values[i] = CodebookEdits.slice(cb, h, rows, picks[i]);
            }
            steps.add(new SetCodes(h, codes, values, "replace " + codes.length + " dead code"
                    + (codes.length == 1 ? "" : "s") + " of head " + h + " from random data rows"));
        }
        return new EditSequence(steps, "replace " + total + " dead code" + (total == 1 ? "" : "s")
                + " (usage below " + threshold + ") from random data rows");
    }

    /** {@code n} distinct indices in {@code 0..count-1}: Floyd's sampling, then in drawing order. */
    private static int[] distinctRows(SplittableRandom random, int count, int n) {
        java.util.LinkedHashSet<Integer> chosen = new java.util.LinkedHashSet<>();
        for (int j = count - n; j < count; j++) {
            int t = random.nextInt(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        int[] out = new int[n];
        int i = 0;
        for (int r : chosen) {
            out[i++] = r;
        }
        return out;
    }
}
