package vqlens.ui.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import vqlens.train.HeadMetrics;
import vqlens.train.StepMetrics;
import vqlens.train.TrainingSnapshot;
import vqlens.train.VqVaeView;
import vqlens.ui.chart.CodeUsageModel;
import vqlens.ui.chart.CurveSeries;
import vqlens.ui.chart.DistanceHistogramModel;
import vqlens.ui.chart.LineChartModel;
import vqlens.ui.chart.ReconstructionModel;
import vqlens.ui.chart.Scale;
import vqlens.ui.chart.StepAxis;

/**
 * The dashboard's chart models and the view settings applied to them; turns step metrics and snapshots
 * into curve points, usage bars and histograms. Created by {@link DashboardViewModel} with it as the
 * properties' bean; used on the FX thread only.
 */
final class ChartFeed {
    final LineChartModel errorChart = new LineChartModel("Quantisation error", "per element");
    final LineChartModel perplexityChart = new LineChartModel("Perplexity per head", "");
    /** Dead-code restarts per step, all heads: a thrashing threshold shows as a curve that never falls. */
    final LineChartModel restartsChart = new LineChartModel("Restarts per step", "codes");
    private final CurveSeries restartedSeries = restartsChart.addSeries("re-seeded");
    private final CurveSeries thrashingSeries = restartsChart.addSeries("thrashing");
    final ReconstructionModel reconstructions = new ReconstructionModel();
    private final CurveSeries mseSeries;
    private final CurveSeries lossSeries;
    private final CurveSeries reconstructionSeries;
    private final ObservableList<CodeUsageModel> usage = FXCollections.observableArrayList();
    private final ObservableList<DistanceHistogramModel> histograms = FXCollections.observableArrayList();
    // one view each, kept: an unmodifiable view listens to its list weakly, so a fresh one per call would lose listeners
    final ObservableList<CodeUsageModel> usageView = FXCollections.unmodifiableObservableList(usage);
    final ObservableList<DistanceHistogramModel> histogramsView = FXCollections.unmodifiableObservableList(histograms);
    final ReadOnlyLongWrapper chartsVersion;
    final ReadOnlyIntegerWrapper headCount;
    private CodeUsageModel.Order usageOrder = CodeUsageModel.Order.BY_USAGE;
    private Scale usageScale = Scale.LINEAR;
    private DistanceHistogramModel.Mode histogramMode = DistanceHistogramModel.Mode.NEAREST;
    /** The session's run number of the curves shown (earlier runs keep theirs in the error chart's legend). */
    private int runNumber = 1;

    ChartFeed(Object bean) {
        chartsVersion = new ReadOnlyLongWrapper(bean, "chartsVersion", 0);
        headCount = new ReadOnlyIntegerWrapper(bean, "headCount", 0);
        mseSeries = errorChart.addSeries("quantisation MSE");
        lossSeries = errorChart.addSeries("total loss");
        reconstructionSeries = errorChart.addSeries("reconstruction MSE");
        errorChart.setScale(Scale.LOG);
    }

    // ------------------------------------------------------------------ view settings

    void setErrorScale(Scale scale) {
        errorChart.setScale(scale);
        changed();
    }

    void setPerplexityScale(Scale scale) {
        perplexityChart.setScale(scale);
        changed();
    }

    void setStepAxis(StepAxis axis) {
        errorChart.setStepAxis(axis);
        perplexityChart.setStepAxis(axis);
        restartsChart.setStepAxis(axis);
        changed();
    }

    void forgetEarlierRuns() {
        errorChart.clearEarlierRuns();
        changed();
    }

    void setSmoothing(double weight) {
        errorChart.setSmoothing(weight);
        perplexityChart.setSmoothing(weight);
        restartsChart.setSmoothing(weight);
        changed();
    }

    void setUsageOrder(CodeUsageModel.Order order) {
        usageOrder = Objects.requireNonNull(order, "order");
        usage.forEach(u -> u.setOrder(order));
        changed();
    }

    void setUsageScale(Scale scale) {
        usageScale = Objects.requireNonNull(scale, "scale");
        usage.forEach(u -> u.setScale(scale));
        changed();
    }

    void setHistogramMode(DistanceHistogramModel.Mode mode) {
        histogramMode = Objects.requireNonNull(mode, "mode");
        histograms.forEach(d -> d.setMode(mode));
        changed();
    }

    /** Tells the view to redraw: the models changed. */
    void changed() {
        chartsVersion.set(chartsVersion.get() + 1);
    }

    // ------------------------------------------------------------------ feeding

    /** Empties every chart (the error curves stay as an earlier run, to compare); the heads' panels go. */
    void clear() {
        if (errorChart.series().stream().anyMatch(s -> !s.isEmpty())) {
            errorChart.keepAsEarlierRun("run " + runNumber++);
        }
        perplexityChart.removeAllSeries();
        perplexityChart.times().clear();
        restartedSeries.clear();
        thrashingSeries.clear();
        restartsChart.times().clear();
        usage.clear();
        histograms.clear();
        reconstructions.update(null);
        headCount.set(0);
        changed();
    }

    /** Empty charts with one perplexity series, usage model and histogram model per head. */
    void prepare(int heads, boolean vqvae) {
        clear();
        errorChart.setTitle(vqvae ? "Error" : "Quantisation error"); // in VQ-VAE mode the legend names the reconstruction
        List<CodeUsageModel> u = new ArrayList<>();
        List<DistanceHistogramModel> d = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            perplexityChart.addSeries("head " + h);
            CodeUsageModel m = new CodeUsageModel(h);
            m.setOrder(usageOrder);
            m.setScale(usageScale);
            u.add(m);
            DistanceHistogramModel hm = new DistanceHistogramModel(h);
            hm.setMode(histogramMode);
            d.add(hm);
        }
        histograms.setAll(d); // first: the view rebuilds its per-head charts when the usage list changes
        usage.setAll(u);
        headCount.set(heads);
    }

    /** The wall-clock time the curves last reached, in seconds since the run began. */
    double wallSeconds() {
        return errorChart.times().last();
    }

    /** Adds one step's points to the curves, reached {@code wallSeconds} after the run began. */
    void appendCurves(StepMetrics m, double wallSeconds) {
        long x = m.step();
        errorChart.times().record(x, wallSeconds);
        perplexityChart.times().record(x, wallSeconds);
        restartsChart.times().record(x, wallSeconds);
        restartedSeries.append(x, m.restarts());
        thrashingSeries.append(x, m.thrashingCodes());
        mseSeries.append(x, m.mse());
        lossSeries.append(x, m.lossTotal());
        reconstructionSeries.append(x, m.lossReconstruction());
        List<CurveSeries> perHead = perplexityChart.series();
        for (int h = 0; h < Math.min(perHead.size(), m.heads()); h++) {
            perHead.get(h).append(x, m.perplexity(h));
        }
    }

    /** Shows a VQ-VAE snapshot's pictures (a new frame only when the trainer drew one). */
    void updatePictures(VqVaeView view) {
        if (view != null && (reconstructions.isEmpty() || reconstructions.view().step() != view.step())) {
            reconstructions.update(view);
        }
    }

    void setReconstructionHead(int head) {
        reconstructions.setHead(head);
        changed();
    }

    /** Shows a snapshot's per-head usage and distance histograms. */
    void updateHeads(TrainingSnapshot s) {
        double threshold = s.settings().hyper().deadThreshold();
        double deadBelow = threshold > 0 ? threshold : 1.0; // the threshold line; restarts off → the trainer marks below 1 per step
        for (HeadMetrics hm : s.heads()) {
            int h = hm.head();
            if (h >= usage.size()) {
                continue;
            }
            usage.get(h).update(s.step(), hm.usageEma(), hm.usage(), hm.deadFlags(), hm.restarts(), hm.thrashing(), deadBelow,
                    hm.perplexity(), hm.usedShare());
            histograms.get(h).update(new DistanceHistogramModel.Pair(
                    DistanceHistogramModel.Frame.of(s.step(), hm.nearest().upper(), hm.nearest().counts(), hm.nearest().overflow()),
                    DistanceHistogramModel.Frame.of(s.step(), hm.allCodes().upper(), hm.allCodes().counts(), hm.allCodes().overflow())));
        }
    }
}
