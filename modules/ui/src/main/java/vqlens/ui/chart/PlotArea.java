package vqlens.ui.chart;

/**
 * The rectangle data is drawn in and the maps from axis coordinates to pixels: the one viewport transform
 * every chart draws, hovers and zooms through.
 *
 * @param left   left edge, px
 * @param top    top edge, px
 * @param width  px
 * @param height px
 * @param x      x axis coordinates shown
 * @param y      y axis coordinates shown
 */
public record PlotArea(double left, double top, double width, double height, Range x, Range y) {

    public double right() {
        return left + width;
    }

    public double bottom() {
        return top + height;
    }

    public double px(double xValue) {
        return left + (xValue - x.min()) / (x.max() - x.min()) * width;
    }

    public double py(double yValue) {
        return bottom() - (yValue - y.min()) / (y.max() - y.min()) * height;
    }

    public double xAt(double px) {
        return x.min() + (px - left) / width * (x.max() - x.min());
    }

    public double yAt(double py) {
        return y.min() + (bottom() - py) / height * (y.max() - y.min());
    }

    /** A polygon's vertices in pixels: {@code {xs, ys}}. */
    public double[][] pixels(vqlens.core.geometry.Polygon polygon) {
        double[] xs = new double[polygon.size()];
        double[] ys = new double[polygon.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = px(polygon.xs()[i]);
            ys[i] = py(polygon.ys()[i]);
        }
        return new double[][] {xs, ys};
    }

    public boolean contains(double px, double py) {
        return px >= left && px <= right() && py >= top && py <= bottom();
    }

    /**
     * The same rectangle showing {@code factor} times the span on both axes, the data point under pixel
     * {@code (px, py)} staying where it is (a wheel zoom; {@code factor < 1} zooms in).
     */
    public PlotArea zoomedAt(double px, double py, double factor) {
        double cx = xAt(px);
        double cy = yAt(py);
        return new PlotArea(left, top, width, height,
                new Range(cx - (cx - x.min()) * factor, cx + (x.max() - cx) * factor),
                new Range(cy - (cy - y.min()) * factor, cy + (y.max() - cy) * factor));
    }

    /** The same rectangle with the data moved by {@code (dx, dy)} pixels (a pan: the data follows the mouse). */
    public PlotArea pannedBy(double dx, double dy) {
        double ddx = dx / width * (x.max() - x.min());
        double ddy = dy / height * (y.max() - y.min());
        return new PlotArea(left, top, width, height, new Range(x.min() - ddx, x.max() - ddx),
                new Range(y.min() + ddy, y.max() + ddy));
    }
}
