package vqlens.core.geometry;

import java.util.Arrays;

/**
 * The Voronoi cells of points in the plane inside a box, exactly: the cell of point {@code i} is the box
 * clipped by the half-plane "nearer to i than to j" for every other point j (Sutherland–Hodgman clipping
 * of a convex polygon, in double). Ties follow the encoder: identical points share one cell, owned by
 * the lowest index (the others get {@link Polygon#EMPTY}). Cost {@code O(n²)} clips at worst, less because
 * points farther than twice the cell's radius cannot cut it (256 codes: 10–20 ms, see GeometryBenchmark).
 */
public final class VoronoiCells {

    private VoronoiCells() {
    }

    /** The cells of points {@code (xs[i], ys[i])} (finite) inside {@code box}, one per point. */
    public static Polygon[] of(double[] xs, double[] ys, Box box) {
        int n = xs.length;
        if (ys.length != n) {
            throw new IllegalArgumentException(n + " x but " + ys.length + " y");
        }
        Polygon[] cells = new Polygon[n];
        for (int i = 0; i < n; i++) {
            cells[i] = cell(i, xs, ys, box);
        }
        return cells;
    }

    private static Polygon cell(int i, double[] xs, double[] ys, Box box) {
        double cx = xs[i];
        double cy = ys[i];
        // Work in coordinates centred on point i: the bisector test a·p ≤ |a|²/2 keeps its precision.
        double[] px = {box.minX() - cx, box.maxX() - cx, box.maxX() - cx, box.minX() - cx};
        double[] py = {box.minY() - cy, box.minY() - cy, box.maxY() - cy, box.maxY() - cy};
        int count = 4;
        // Other points nearest first, sorted as primitive keys: a float lower bound of the squared distance
        // (bits of a non-negative float order as ints) above the index.
        long[] order = new long[xs.length - 1];
        for (int j = 0, at = 0; j < xs.length; j++) {
            if (j != i) {
                float lowerBound = Math.nextDown((float) (sq(xs[j] - cx) + sq(ys[j] - cy)));
                order[at++] = ((long) Float.floatToRawIntBits(Math.max(0f, lowerBound)) << 32) | j;
            }
        }
        Arrays.sort(order);
        for (long key : order) {
            int j = (int) key;
            double ax = xs[j] - cx;
            double ay = ys[j] - cy;
            double a2 = ax * ax + ay * ay;
            double a2LowerBound = Float.intBitsToFloat((int) (key >>> 32));
            if (a2 == 0) {
                if (j < i) {
                    return Polygon.EMPTY; // a duplicate with a lower index wins every tie
                }
                continue;
            }
            if (a2LowerBound / 4 > maxRadius2(px, py, count)) {
                break; // this point, and every farther one (keys only grow), is too far to cut the cell
            }
            double half = a2 / 2;
            // A convex polygon gains at most one vertex; room for more keeps rounding noise from overflowing.
            double[] nx = new double[2 * count];
            double[] ny = new double[2 * count];
            int m = 0;
            for (int v = 0; v < count; v++) {
                int w = (v + 1) % count;
                double sv = ax * px[v] + ay * py[v] - half;
                double sw = ax * px[w] + ay * py[w] - half;
                if (sv <= 0) {
                    nx[m] = px[v];
                    ny[m] = py[v];
                    m++;
                }
                if ((sv < 0 && sw > 0) || (sv > 0 && sw < 0)) {
                    double t = sv / (sv - sw);
                    nx[m] = px[v] + t * (px[w] - px[v]);
                    ny[m] = py[v] + t * (py[w] - py[v]);
                    m++;
                }
            }
            if (m < 3) {
                return Polygon.EMPTY;
            }
            px = nx;
            py = ny;
            count = m;
        }
        double[] outX = new double[count];
        double[] outY = new double[count];
        for (int v = 0; v < count; v++) {
            outX[v] = px[v] + cx;
            outY[v] = py[v] + cy;
        }
        return new Polygon(outX, outY);
    }

    private static double maxRadius2(double[] px, double[] py, int count) {
        double r = 0;
        for (int v = 0; v < count; v++) {
            r = Math.max(r, px[v] * px[v] + py[v] * py[v]);
        }
        return r;
    }

    private static double sq(double v) {
        return v * v;
    }
}
