package vqlens.ui.learn.model;

import vqlens.core.geometry.Box;
import vqlens.core.geometry.Polygon;
import vqlens.core.geometry.VoronoiCells;

/**
 * What a plane view draws, immutable: the data points, the codes, each point's code, the codes' Voronoi cells
 * (from core) and, while a batch method learns, which points were in the last batch.
 *
 * @param points     {@code [n, 2]}
 * @param codes      {@code [k, 2]}
 * @param assignment per point its code
 * @param cells      per code its cell inside {@code bounds} (empty for a duplicate of a lower code)
 * @param bounds     the part of the plane on show, fixed while the data stays the same
 * @param inBatch    per point whether it was in the last batch, or {@code null}
 */
public record PlaneScene(float[] points, float[] codes, int[] assignment, Polygon[] cells, Box bounds,
                         boolean[] inBatch) {

    /** The scene of {@code points} and {@code codes} with the codes' exact cells inside {@code bounds} (from core). */
    public static PlaneScene of(float[] points, float[] codes, int[] assignment, Box bounds, boolean[] inBatch) {
        int k = codes.length / 2;
        double[] xs = new double[k];
        double[] ys = new double[k];
        for (int c = 0; c < k; c++) {
            xs[c] = codes[2 * c];
            ys[c] = codes[2 * c + 1];
        }
        return new PlaneScene(points.clone(), codes.clone(), assignment, VoronoiCells.of(xs, ys, bounds), bounds, inBatch);
    }

    public int pointCount() {
        return points.length / 2;
    }

    public int codeCount() {
        return codes.length / 2;
    }

    /** Points per code. */
    public int[] usage() {
        int[] usage = new int[codeCount()];
        for (int a : assignment) {
            usage[a]++;
        }
        return usage;
    }
}
