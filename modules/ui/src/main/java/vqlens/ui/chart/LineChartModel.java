package vqlens.ui.chart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The data of a line chart: curves over steps, a y scale and a smoothing weight (TensorBoard's slider;
 * 0 draws the raw values only, above 0 the smoothed line over faint raw values).
 */
public final class LineChartModel {
    private String title;
    private final String yLabel;
    private final List<CurveSeries> series = new ArrayList<>();
    private final List<Smoothing> smoothers = new ArrayList<>();
    private Scale scale = Scale.LINEAR;
    private double smoothing;
    private long settingsVersion;

    public LineChartModel(String title, String yLabel) {
        this.title = Objects.requireNonNull(title, "title");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
    }

    public String title() {
        return title;
    }

    /** A new title (the error chart names the reconstruction error in VQ-VAE mode). */
    public void setTitle(String value) {
        title = Objects.requireNonNull(value, "title");
        settingsVersion++;
    }

    public String yLabel() {
        return yLabel;
    }

    /** Adds a curve (drawn in the palette colour of its index). */
    public CurveSeries addSeries(String name) {
        CurveSeries s = new CurveSeries(name);
        series.add(s);
        smoothers.add(new Smoothing());
        settingsVersion++;
        return s;
    }

    /** Removes every curve. */
    public void removeAllSeries() {
        series.clear();
        smoothers.clear();
        settingsVersion++;
    }

    public List<CurveSeries> series() {
        return Collections.unmodifiableList(series);
    }

    /** The curves that hold at least one finite value (a curve of NaNs, e.g. no reconstruction loss, is left out). */
    public List<CurveSeries> shownSeries() {
        List<CurveSeries> out = new ArrayList<>();
        for (CurveSeries s : series) {
            if (s.hasFiniteValues()) {
                out.add(s);
            }
        }
        return out;
    }

    public int indexOf(CurveSeries s) {
        return series.indexOf(s);
    }

    /** The smoothed values of {@code s} at the current weight (see {@link Smoothing#update}). */
    public double[] smoothed(CurveSeries s) {
        int i = series.indexOf(s);
        if (i < 0) {
            throw new IllegalArgumentException("not a series of this chart: " + s.name());
        }
        return smoothers.get(i).update(s, smoothing);
    }

    public Scale scale() {
        return scale;
    }

    public void setScale(Scale value) {
        if (value != scale) {
            scale = Objects.requireNonNull(value, "scale");
            settingsVersion++;
        }
    }

    public double smoothing() {
        return smoothing;
    }

    /** TensorBoard's smoothing weight in {@code [0, 0.999]}. */
    public void setSmoothing(double value) {
        double v = Math.max(0, Math.min(0.999, value));
        if (v != smoothing) {
            smoothing = v;
            settingsVersion++;
        }
    }

    /** Changes whenever anything drawn changes. */
    public long version() {
        long v = settingsVersion * 1_000_003L;
        for (CurveSeries s : series) {
            v = v * 31 + s.version();
        }
        return v;
    }

    /** Steps covered by the curves (empty when there is no point). */
    public Range xRange() {
        Range r = Range.EMPTY;
        for (CurveSeries s : series) {
            if (!s.isEmpty()) {
                r = r.including(s.firstStep()).including(s.lastStep());
            }
        }
        return r;
    }

    /** The y range of the raw values in axis coordinates of the current scale. */
    public Range yRange() {
        Range r = Range.EMPTY;
        for (CurveSeries s : series) {
            Range v = s.valueRange();
            if (v.isEmpty()) {
                continue;
            }
            if (scale == Scale.LINEAR) {
                r = r.union(v);
            } else if (Double.isFinite(s.minPositive())) {
                r = r.including(Math.log10(s.minPositive())).including(v.max() > 0 ? Math.log10(v.max()) : Double.NaN);
            }
        }
        return r;
    }
}
