package vqlens.ui.learn.model;

import vqlens.core.geometry.Box;
import vqlens.core.geometry.Polygon;

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
