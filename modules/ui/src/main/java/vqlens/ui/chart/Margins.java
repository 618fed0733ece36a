package vqlens.ui.chart;

/**
 * The room a chart keeps around its plot for the title, legend, axes and labels, px.
 *
 * @param left   for the y axis labels
 * @param right  px
 * @param top    for the title and legend
 * @param bottom for the x axis labels
 */
public record Margins(double left, double right, double top, double bottom) {
    /** The plot's least width and height worth drawing, px. */
    private static final double MIN_PLOT = 20;

    /** Whether a chart of {@code w × h} has room for a plot. */
    public boolean fit(double w, double h) {
        return w >= left + right + MIN_PLOT && h >= top + bottom + MIN_PLOT;
    }

    /** The plot inside a chart of {@code w × h}, showing {@code x × y}. */
    public PlotArea plot(double w, double h, Range x, Range y) {
        return new PlotArea(left, top, w - left - right, h - top - bottom, x, y);
    }
}
