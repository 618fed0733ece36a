package vqlens.ui.chart;

/**
 * The rectangle data is drawn in and the maps from axis coordinates to pixels.
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

    public boolean contains(double px, double py) {
        return px >= left && px <= right() && py >= top && py <= bottom();
    }
}
