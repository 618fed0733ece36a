package vqlens.core.geometry;

/**
 * A convex polygon of the plane, vertices counter-clockwise; empty when it has no vertex.
 *
 * @param xs x of the vertices, owned by this value
 * @param ys y of the vertices, same length
 */
public record Polygon(double[] xs, double[] ys) {

    /** The polygon without area. */
    public static final Polygon EMPTY = new Polygon(new double[0], new double[0]);

    public Polygon {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(xs.length + " x but " + ys.length + " y");
        }
    }

    public static Polygon of(Box b) {
        return new Polygon(new double[] {b.minX(), b.maxX(), b.maxX(), b.minX()},
                new double[] {b.minY(), b.minY(), b.maxY(), b.maxY()});
    }

    public int size() {
        return xs.length;
    }

    public boolean isEmpty() {
        return xs.length < 3;
    }

    /** The enclosed area (shoelace formula), 0 for fewer than three vertices. */
    public double area() {
        double twice = 0;
        for (int i = 0, n = xs.length; i < n; i++) {
            int j = (i + 1) % n;
            twice += xs[i] * ys[j] - xs[j] * ys[i];
        }
        return Math.abs(twice) / 2;
    }

    /**
     * Whether {@code (x, y)} lies inside or within {@code slack} of the boundary, for a convex
     * counter-clockwise polygon.
     */
    public boolean contains(double x, double y, double slack) {
        if (isEmpty()) {
            return false;
        }
        for (int i = 0, n = xs.length; i < n; i++) {
            int j = (i + 1) % n;
            double ex = xs[j] - xs[i];
            double ey = ys[j] - ys[i];
            double len = Math.hypot(ex, ey);
            if (len == 0) {
                continue;
            }
            double cross = (ex * (y - ys[i]) - ey * (x - xs[i])) / len; // signed distance, > 0 on the left
            if (cross < -slack) {
                return false;
            }
        }
        return true;
    }
}
