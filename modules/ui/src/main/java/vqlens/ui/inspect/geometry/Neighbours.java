package vqlens.ui.inspect.geometry;

import java.util.ArrayList;
import java.util.List;

import vqlens.core.Codebooks;
import vqlens.ui.inspect.DataSample;

/**
 * The nearest other codes of a code and the nearest data rows to it, by brute force in double precision
 * (Euclidean distance in the head's full dimension). Ties go to the lower index.
 */
public final class Neighbours {

    /**
     * One neighbour.
     *
     * @param index    the code or row index
     * @param distance Euclidean distance to the code asked about
     */
    public record Neighbour(int index, double distance) {
    }

    private Neighbours() {
    }

    /** Up to {@code k} other codes of {@code head} nearest to {@code code}, nearest first. */
    public static List<Neighbour> nearestCodes(Codebooks cb, int head, int code, int k) {
        int d = cb.config().headDim();
        float[] codes = HeadSlices.codes(cb, head);
        TopK top = new TopK(k);
        for (int c = 0; c < cb.config().codes(); c++) {
            if (c != code) {
                top.offer(c, HeadSlices.squaredDistance(codes, code * d, codes, c * d, d));
            }
        }
        return top.result();
    }

    /**
     * Up to {@code k} rows of {@code data} (rows of the codebooks' embedding dimension) whose head slice is
     * nearest to {@code code} of {@code head}, nearest first.
     */
    public static List<Neighbour> nearestRows(Codebooks cb, int head, int code, DataSample data, int k) {
        int e = cb.config().embeddingDim();
        if (data.dim() != e) {
            throw new IllegalArgumentException("data rows of " + data.dim() + " values, the codebooks take " + e);
        }
        int d = cb.config().headDim();
        float[] v = cb.code(head, code);
        TopK top = new TopK(k);
        for (int r = 0; r < data.rows(); r++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = (double) data.value(r, head * d + j) - v[j];
                s += diff * diff;
            }
            top.offer(r, s);
        }
        return top.result();
    }

    /** The k smallest (squared distance, index) pairs seen, by insertion into a short sorted array. */
    private static final class TopK {
        private final int[] index;
        private final double[] key;
        private int size;

        TopK(int k) {
            index = new int[Math.max(0, k)];
            key = new double[Math.max(0, k)];
        }

        void offer(int i, double squared) {
            if (index.length == 0 || Double.isNaN(squared)) {
                return;
            }
            if (size == index.length && squared >= key[size - 1]) {
                return; // not nearer than the worst kept; equal keeps the lower index already kept
            }
            int at = size == index.length ? size - 1 : size++;
            while (at > 0 && key[at - 1] > squared) {
                key[at] = key[at - 1];
                index[at] = index[at - 1];
                at--;
            }
            key[at] = squared;
            index[at] = i;
        }

        List<Neighbour> result() {
            List<Neighbour> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(new Neighbour(index[i], Math.sqrt(key[i])));
            }
            return out;
        }
    }
}
