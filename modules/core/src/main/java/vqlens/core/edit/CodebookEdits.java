package vqlens.core.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;
import vqlens.core.VqException;

/**
 * The editing operations of the inspector, each built as a {@link CodebookEdit} from the codebooks it will
 * be applied to. Data rows, where an operation needs them, are full rows {@code [rowCount, embeddingDim]}
 * row-major ({@code rows} may be {@code null} where documented); each operation uses the head's slice.
 * Usage arrays are per code of one head ({@code [codes]}) unless documented otherwise. Random choices use
 * the given seed, so an operation is reproducible. Bad arguments (a code outside the head, an empty cell,
 * no dead code) throw {@link VqException} with a one-line message for people.
 *
 * <p>Every method is a pure function of its arguments (nothing is kept between calls), so any thread may
 * call them; the arrays passed in are read, never changed.
 */
public final class CodebookEdits {

    /** Without data rows a split moves each half this fraction of the head's typical code spread. */
    public static final double SPLIT_RANDOM_FRACTION = SplitMerge.RANDOM_FRACTION;

    private CodebookEdits() {
    }

    /** Sets one value {@code [head, code, dim]}. */
    public static SetCodes setValue(Codebooks cb, int head, int code, int dim, float value) {
        String op = "set value";
        EditChecks.code(cb, op, head, code);
        int d = cb.config().headDim();
        if (dim < 0 || dim >= d) {
            throw new VqException(op + ": dimension " + dim + " outside 0.." + (d - 1));
        }
        if (!Float.isFinite(value)) {
            throw new VqException(op + ": " + value + " is not a finite number");
        }
        float[] v = cb.code(head, code);
        v[dim] = value;
        return SetCodes.one(head, code, v, "set head " + head + " code " + code + " dim " + dim + " to " + value);
    }

    /** Gives a code a new vector (typing it, or dragging it in the 2-D view). */
    public static SetCodes setCode(Codebooks cb, int head, int code, float[] value) {
        String op = "set code";
        EditChecks.code(cb, op, head, code);
        EditChecks.vector(cb, op, code, value);
        return SetCodes.one(head, code, value, "set head " + head + " code " + code);
    }

    /** Re-initialises a code from the head slice of a random data row. */
    public static SetCodes reinitFromDataRow(Codebooks cb, int head, int code, float[] rows, int rowCount, long seed) {
        String op = "re-initialise from a data row";
        EditChecks.code(cb, op, head, code);
        EditChecks.rows(cb, op, head, rows, rowCount);
        int row = new SplittableRandom(seed).nextInt(rowCount);
        return SetCodes.one(head, code, slice(cb, head, rows, row),
                "re-initialise head " + head + " code " + code + " from data row " + row);
    }

    /** Moves a code to the mean of the data rows whose nearest code it is; throws if its cell is empty. */
    public static SetCodes reinitToCellMean(Codebooks cb, int head, int code, float[] rows, int rowCount) {
        String op = "move to cell mean";
        EditChecks.code(cb, op, head, code);
        EditChecks.rows(cb, op, head, rows, rowCount);
        int[] cell = EditMath.cellRows(NearestCodes.ofHead(cb, head, rows, rowCount), code);
        if (cell.length == 0) {
            throw new VqException(op + ": head " + head + " code " + code + " has an empty cell (none of the "
                    + rowCount + " data rows is nearest to it)");
        }
        int d = cb.config().headDim();
        double[] mean = EditMath.mean(rows, cb.config().embeddingDim(), head * d, d, cell);
        return SetCodes.one(head, code, EditMath.toFloat(mean), "move head " + head + " code " + code
                + " to the mean of its cell (" + cell.length + (cell.length == 1 ? " row)" : " rows)"));
    }

    /**
     * Re-initialises a code at random, with the spread of the head's other codes: each dimension is drawn
     * from a normal distribution with the other codes' mean and standard deviation in that dimension. A head
     * whose other codes do not spread at all (one code, or an uninitialised head) uses the head's
     * {@linkplain EditMath#codeSpread typical scale} spread evenly over the dimensions instead.
     */
    public static SetCodes reinitRandom(Codebooks cb, int head, int code, long seed) {
        String op = "re-initialise at random";
        EditChecks.code(cb, op, head, code);
        int d = cb.config().headDim();
        double[] mean = EditMath.codeMean(cb, head, code);
        double[] std = EditMath.codeStd(cb, head, code, mean);
        boolean flat = true;
        for (double s : std) {
            flat &= s == 0;
        }
        if (flat) {
            java.util.Arrays.fill(std, EditMath.codeSpread(cb, head) / Math.sqrt(d));
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = mean[j] + std[j] * EditMath.gaussian(random);
        }
        return SetCodes.one(head, code, EditMath.toFloat(v), "re-initialise head " + head + " code " + code
                + " at random");
    }

    /** Copies code {@code source} over code {@code target}. */
    public static SetCodes duplicate(Codebooks cb, int head, int source, int target) {
        String op = "duplicate";
        EditChecks.code(cb, op, head, source);
        EditChecks.code(cb, op, head, target);
        EditChecks.distinct(op, source, target);
        return SetCodes.one(head, target, cb.code(head, source),
                "duplicate head " + head + " code " + source + " over code " + target);
    }

    /**
     * Splits a busy code in two: {@code code} and {@code target} move apart from the old value, along the
     * main direction of the code's cell when {@code rows} is given, else along a random direction.
     *
     * <p>With rows: the direction is the cell's first principal component (power iteration in double
     * precision) and each code moves {@code sqrt(2/π) σ} from the old value, σ being the cell's standard
     * deviation along that direction — for a normal cell, the means of its two halves, so the split is
     * already one Lloyd step along that axis. {@code code} takes the positive side, {@code target} the
     * other. An empty cell is refused; a cell without spread (one row, or identical rows) falls back to the
     * random direction. Without rows: a random unit direction (from {@code seed}), each code moving
     * {@value #SPLIT_RANDOM_FRACTION} × the head's typical code spread (RMS distance of its codes from their
     * centre). FAISS's k-means splits big clusters the same way but with a tiny symmetric perturbation,
     * leaving the separating to later iterations.
     */
    public static EditSequence split(Codebooks cb, int head, int code, int target, float[] rows, int rowCount,
                                     long seed) {
        return SplitMerge.split(cb, head, code, target, rows, rowCount, seed);
    }

    /**
     * Merges {@code other} into {@code keep}: {@code keep} takes the usage-weighted mean of both
     * ({@code usage} may be {@code null}: plain mean), and {@code other} is freed by re-seeding it from a data
     * row ({@code rows} may be {@code null}: at random).
     *
     * <p>The freed code goes to the data row worst served by the merged codebook: the row with the largest
     * squared distance to its nearest code (leaving out {@code other}; the first such row on ties), so the
     * result does not depend on {@code seed} when rows are given. Without rows it is re-initialised as
     * {@link #reinitRandom} does.
     */
    public static EditSequence merge(Codebooks cb, int head, int keep, int other, double[] usage, float[] rows,
                                     int rowCount, long seed) {
        return SplitMerge.merge(cb, head, keep, other, usage, rows, rowCount, seed);
    }

    /**
     * Re-seeds every code of every head whose usage is below {@code threshold} from random data rows;
     * {@code usage} is {@code [heads, codes]} row-major. Throws when no code is dead.
     *
     * <p>Within a head every dead code gets a different row (drawn without replacement from {@code seed}),
     * so re-seeded codes never coincide; a head with more dead codes than data rows is refused. The edit is
     * an {@link EditSequence} of one {@link SetCodes} per head that has dead codes.
     */
    public static CodebookEdit replaceDead(Codebooks cb, double[] usage, double threshold, float[] rows, int rowCount,
                                           long seed) {
        return SplitMerge.replaceDead(cb, usage, threshold, rows, rowCount, seed);
    }

    /** Reorders a head's codes by usage, most used first (stable: ties keep their order). */
    public static PermuteCodes sortByUsage(Codebooks cb, int head, double[] usage) {
        String op = "sort by usage";
        EditChecks.head(cb, op, head);
        EditChecks.usage(cb, op, usage, cb.config().codes());
        Integer[] order = new Integer[usage.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(usage[b], usage[a])); // merge sort: stable
        int[] plain = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            plain[i] = order[i];
        }
        return new PermuteCodes(head, plain, "sort head " + head + " codes by usage");
    }

    /** Swaps two codes of a head. */
    public static PermuteCodes swap(Codebooks cb, int head, int a, int b) {
        String op = "swap";
        EditChecks.code(cb, op, head, a);
        EditChecks.code(cb, op, head, b);
        EditChecks.distinct(op, a, b);
        return PermuteCodes.swap(head, cb.config().codes(), a, b);
    }

    /** Moves code {@code from} to position {@code to}, shifting the codes between by one. */
    public static PermuteCodes move(Codebooks cb, int head, int from, int to) {
        String op = "move";
        EditChecks.code(cb, op, head, from);
        EditChecks.code(cb, op, head, to);
        if (from == to) {
            throw new VqException(op + ": code " + from + " is already at position " + to);
        }
        int[] order = PermuteCodes.identity(cb.config().codes());
        if (from < to) {
            for (int i = from; i < to; i++) {
                order[i] = i + 1;
            }
        } else {
            for (int i = from; i > to; i--) {
                order[i] = i - 1;
            }
        }
        order[to] = from;
        return new PermuteCodes(head, order, "move head " + head + " code " + from + " to position " + to);
    }

    /**
     * Scales codes to unit Euclidean length (norm in double precision): one head's, or all heads' when
     * {@code head} is -1. A zero code has no direction and is refused, naming it. One head gives a
     * {@link SetCodes}, all heads an {@link EditSequence} of one per head.
     */
    public static CodebookEdit normalise(Codebooks cb, int head) {
        String op = "normalise";
        if (head == -1) {
            List<CodebookEdit> steps = new ArrayList<>();
            for (int h = 0; h < cb.config().heads(); h++) {
                steps.add(normaliseHead(cb, h));
            }
            return new EditSequence(steps, "normalise all heads to unit length");
        }
        EditChecks.head(cb, op, head);
        return normaliseHead(cb, head);
    }

    private static SetCodes normaliseHead(Codebooks cb, int head) {
        int k = cb.config().codes();
        int d = cb.config().headDim();
        int[] codes = new int[k];
        float[][] values = new float[k][];
        for (int c = 0; c < k; c++) {
            double norm = cb.norm(head, c);
            if (!Double.isFinite(norm)) {
                throw new VqException("normalise: head " + head + " code " + c + " holds a non-finite value");
            }
            if (norm == 0) {
                throw new VqException("normalise: head " + head + " code " + c + " is the zero vector and has no "
                        + "direction");
            }
            codes[c] = c;
            values[c] = new float[d];
            for (int j = 0; j < d; j++) {
                values[c][j] = (float) (cb.value(head, c, j) / norm);
            }
        }
        return new SetCodes(head, codes, values, "normalise head " + head + " to unit length");
    }

    /** The head slice of one data row, a copy. */
    static float[] slice(Codebooks cb, int head, float[] rows, int row) {
        int d = cb.config().headDim();
        int from = row * cb.config().embeddingDim() + head * d;
        return java.util.Arrays.copyOfRange(rows, from, from + d);
    }
}
