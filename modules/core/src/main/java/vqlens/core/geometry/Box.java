package vqlens.core.geometry;

/**
 * An axis-aligned rectangle of the plane, {@code minX < maxX} and {@code minY < maxY}.
 *
 * @param minX left
 * @param minY bottom
 * @param maxX right
 * @param maxY top
 */
public record Box(double minX, double minY, double maxX, double maxY) {

    public Box {
        if (!(minX < maxX) || !(minY < maxY) || !Double.isFinite(maxX - minX) || !Double.isFinite(maxY - minY)) {
            throw new IllegalArgumentException("not a box: [" + minX + ", " + maxX + "] x [" + minY + ", " + maxY + "]");
        }
    }

    public double width() {
        return maxX - minX;
    }

    public double height() {
        return maxY - minY;
    }

    public double area() {
        return width() * height();
    }

    public boolean contains(double x, double y) {
        return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }

    /**
     * The smallest box around the finite points {@code (xs[i], ys[i])}, grown by {@code fraction} of its size
     * on every side; a point or a line of points gets at least {@code minimumSize} in each direction, no
     * points give the unit box around the origin.
     */
    public static Box around(double[] xs, double[] ys, double fraction, double minimumSize) {
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xs.length; i++) {
            if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
                x0 = Math.min(x0, xs[i]);
                x1 = Math.max(x1, xs[i]);
                y0 = Math.min(y0, ys[i]);
                y1 = Math.max(y1, ys[i]);
            }
        }
        if (x0 > x1) {
            return new Box(-1, -1, 1, 1);
        }
        double w = Math.max(x1 - x0, minimumSize);
        double h = Math.max(y1 - y0, minimumSize);
        double cx = (x0 + x1) / 2;
        double cy = (y0 + y1) / 2;
        double hw = w * (0.5 + fraction);
        double hh = h * (0.5 + fraction);
        return new Box(cx - hw, cy - hh, cx + hw, cy + hh);
    }

    /** This box grown around its centre so that width / height equals {@code aspect} (never shrunk). */
    public Box withAspect(double aspect) {
        double cx = (minX + maxX) / 2;
        double cy = (minY + maxY) / 2;
        double w = width();
        double h = height();
        if (w / h < aspect) {
            w = h * aspect;
        } else {
            h = w / aspect;
        }
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }
}
