package vqlens.ui.chart;

/** How values map to an axis. */
public enum Scale {
    LINEAR,
    /** Base-10 logarithm; values {@code <= 0} cannot be shown. */
    LOG;

    /** The axis coordinate of {@code value}: itself, or its log10 ({@code NaN} when it cannot be shown). */
    public double forward(double value) {
        if (this == LINEAR) {
            return value;
        }
        return value > 0 ? Math.log10(value) : Double.NaN;
    }

    /** The value at axis coordinate {@code coordinate}. */
    public double inverse(double coordinate) {
        return this == LINEAR ? coordinate : Math.pow(10, coordinate);
    }

    /** Whether {@code value} can be drawn on this scale. */
    public boolean shows(double value) {
        return Double.isFinite(value) && (this == LINEAR || value > 0);
    }
}
