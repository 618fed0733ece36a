package vqlens.ui.chart.internal;

import vqlens.ui.chart.Range;

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
record PlotArea(double left, double top, double width, double height, Range x, Range y) {

    double right() {
        return left + width;
    }

    double bottom() {
        return top + height;
    }

    double px(double xValue) {
        return left + (xValue - x.min()) / (x.max() - x.min()) * width;
    }

    double py(double yValue) {
        return bottom() - (yValue - y.min()) / (y.max() - y.min()) * height;
    }

    double xAt(double px) {
        return x.min() + (px - left) / width * (x.max() - x.min());
    }

    double yAt(double py) {
        return y.min() + (bottom() - py) / height * (y.max() - y.min());
    }

    boolean contains(double px, double py) {
        return px >= left && px <= right() && py >= top && py <= bottom();
    }
}
