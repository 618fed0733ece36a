package vqlens.ui.chart;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The data of a line chart: curves over steps, a y scale and a smoothing weight (TensorBoard's slider;
 * 0 draws the raw values only, above 0 the smoothed line over faint raw values), what the x axis shows
 * ({@link StepAxis}, with the run's {@link StepTimes} for the wall clock), curves hidden from the legend, and up
 * to {@value #EARLIER_RUNS} earlier runs' curves kept for comparison (TensorBoard's overlaid runs).
 */
public final class LineChartModel {
    private String title;
    private final String yLabel;
    private final List<CurveSeries> series = new ArrayList<>();
    private final List<Smoothing> smoothers = new ArrayList<>();
    private Scale scale = Scale.LINEAR;
    private double smoothing;
    private long settingsVersion;
    private final Set<CurveSeries> hidden = new HashSet<>();
    private StepAxis stepAxis = StepAxis.STEP;
    private final StepTimes times = new StepTimes();
    private final Deque<EarlierRun> earlier = new ArrayDeque<>();
    private boolean showEarlier = true;
    private final Map<CurveSeries, Smoothing> earlierSmoothers = new IdentityHashMap<>();

    /** Earlier runs kept, at most (the oldest goes first). */
    public static final int EARLIER_RUNS = 3;

    /**
     * An earlier run's curves, as they were when the next run began.
     *
     * @param label  "run 2"
     * @param series copies of the curves that had values, in the chart's series order
     * @param index  each copy's series index (its colour)
     * @param times  when its steps were reached
     */
    public record EarlierRun(String label, List<CurveSeries> series, List<Integer> index, StepTimes times) {
    }

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
        hidden.clear();
        settingsVersion++;
    }

    /** The curves listed in the legend: those with at least one finite value, hidden or not. */
    public List<CurveSeries> legendSeries() {
        List<CurveSeries> out = new ArrayList<>();
        for (CurveSeries s : series) {
            if (s.hasFiniteValues()) {
                out.add(s);
            }
        }
        return out;
    }

    public boolean isHidden(CurveSeries s) {
        return hidden.contains(s);
    }

    /** Hides or shows a curve (a click on its legend entry). */
    public void setHidden(CurveSeries s, boolean value) {
        if (value ? hidden.add(s) : hidden.remove(s)) {
            settingsVersion++;
        }
    }

    public StepAxis stepAxis() {
        return stepAxis;
    }

    public void setStepAxis(StepAxis value) {
        if (value != stepAxis) {
            stepAxis = Objects.requireNonNull(value, "stepAxis");
            settingsVersion++;
        }
    }

    /** When the current run's steps were reached (the owner records them as steps arrive). */
    public StepTimes times() {
        return times;
    }

    /** The x coordinate of {@code step} on the current axis, for a run reached at {@code stepTimes}. */
    public double x(long step, StepTimes stepTimes) {
        return switch (stepAxis) {
            case STEP -> step;
            case LOG_STEP -> Math.log10(Math.max(1, step));
            case WALL_TIME -> stepTimes.secondsAt(step);
        };
    }

    /** The current run's step at x coordinate {@code x} (the inverse of {@link #x}), for the hover. */
    public double stepAt(double x) {
        return switch (stepAxis) {
            case STEP -> x;
            case LOG_STEP -> Math.pow(10, x);
            case WALL_TIME -> times.stepAt(x);
        };
    }

    /**
     * Keeps the curves that have values as an earlier run named {@code label} (the oldest of
     * {@value #EARLIER_RUNS} goes), then empties them and the step times for the next run.
     */
    public void keepAsEarlierRun(String label) {
        List<CurveSeries> copies = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            CurveSeries s = series.get(i);
            if (s.hasFiniteValues()) {
                copies.add(s.copy(label + " · " + s.name()));
                index.add(i);
            }
        }
        if (!copies.isEmpty()) {
            earlier.addLast(new EarlierRun(label, List.copyOf(copies), List.copyOf(index), times.copy()));
            while (earlier.size() > EARLIER_RUNS) {
                earlier.removeFirst().series().forEach(earlierSmoothers::remove);
            }
        }
        for (CurveSeries s : series) {
            s.clear();
        }
        times.clear();
        settingsVersion++;
    }

    /** The earlier runs kept, oldest first; empty while they are not shown. */
    public List<EarlierRun> earlierRuns() {
        return showEarlier ? List.copyOf(earlier) : List.of();
    }

    /** The earlier runs kept, shown or not. */
    public List<EarlierRun> earlierRunsKept() {
        return List.copyOf(earlier);
    }

    public boolean showsEarlierRuns() {
        return showEarlier;
    }

    public void setShowEarlierRuns(boolean value) {
        if (value != showEarlier) {
            showEarlier = value;
            settingsVersion++;
        }
    }

    public void clearEarlierRuns() {
        if (!earlier.isEmpty()) {
            earlier.clear();
            earlierSmoothers.clear();
            settingsVersion++;
        }
    }

    public List<CurveSeries> series() {
        return Collections.unmodifiableList(series);
    }

    /**
     * The curves drawn: those that hold at least one finite value (a curve of NaNs, e.g. no reconstruction
     * loss, is left out) and are not hidden.
     */
    public List<CurveSeries> shownSeries() {
        List<CurveSeries> out = new ArrayList<>();
        for (CurveSeries s : series) {
            if (s.hasFiniteValues() && !hidden.contains(s)) {
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
        if (i >= 0) {
            return smoothers.get(i).update(s, smoothing);
        }
        for (EarlierRun run : earlier) {
            if (run.series().contains(s)) {
                return earlierSmoothers.computeIfAbsent(s, x -> new Smoothing()).update(s, smoothing);
            }
        }
        throw new IllegalArgumentException("not a series of this chart: " + s.name());
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

    /** The x coordinates the drawn curves and earlier runs cover (empty when there is no point). */
    public Range xRange() {
        Range r = Range.EMPTY;
        for (CurveSeries s : shownSeries()) {
            if (!s.isEmpty()) {
                r = r.including(x(s.firstStep(), times)).including(x(s.lastStep(), times));
            }
        }
        for (EarlierRun run : earlierRuns()) {
            for (CurveSeries s : run.series()) {
                r = r.including(x(s.firstStep(), run.times())).including(x(s.lastStep(), run.times()));
            }
        }
        return r;
    }

    /** The y range of the drawn curves' raw values (and the earlier runs') in axis coordinates of the current scale. */
    public Range yRange() {
        Range r = Range.EMPTY;
        List<CurveSeries> all = new ArrayList<>(shownSeries());
        earlierRuns().forEach(run -> all.addAll(run.series()));
        for (CurveSeries s : all) {
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
