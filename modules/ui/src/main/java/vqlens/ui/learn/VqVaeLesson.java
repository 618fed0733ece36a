package vqlens.ui.learn;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import vqlens.train.CodeUsage;
import vqlens.train.StepMetrics;
import vqlens.ui.chart.CurveSeries;
import vqlens.ui.chart.LineChartModel;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.ReconstructionModel;
import vqlens.ui.chart.Scale;
import vqlens.ui.common.Coalescer;
import vqlens.ui.common.Delayer;
import vqlens.ui.common.FailureText;
import vqlens.ui.common.IntegerSpinners;
import vqlens.ui.common.SnapshotRelay;
import vqlens.ui.learn.model.CollapseComparison;
import vqlens.ui.learn.model.DigitsVqVaeFrame;
import vqlens.ui.learn.model.DigitsVqVaeRun;
import vqlens.ui.learn.model.DigitsVqVaeSettings;
import vqlens.ui.learn.model.VqVaeLessonModel;
import vqlens.ui.plot.LineChartView;
import vqlens.ui.plot.ReconstructionChartView;

/**
 * Lesson 7: a VQ-VAE learning the digits in front of the learner, then codebook collapse beside its fix. Training
 * runs in the background ({@link DigitsVqVaeRun}); its frames reach the FX thread through one {@link SnapshotRelay}
 * (latest wins: at most one delivery pending), and the pictures and curves are the dashboard's own charts.
 */
final class VqVaeLesson extends Lesson {
    static final List<Double> RATES = List.of(0.001, 0.003, 0.01, DigitsVqVaeSettings.COLLAPSE_RATE, 0.03);
    /** The watching pace: 300 steps in 5 s. */
    static final double WATCH_STEPS_PER_SECOND = 60;
    private static final String WATCH = "Watch (60 steps/s)";
    private static final String FULL = "Full speed";

    private final VqVaeLessonModel model = new VqVaeLessonModel();
    private final Executor background;
    private final Executor fxThread;
    private final ReconstructionModel pictures = new ReconstructionModel();
    private final LineChartModel errorModel = new LineChartModel("Losses", "mean per value");
    private final CurveSeries heldOut = errorModel.addSeries("held-out reconstruction");
    private final CurveSeries batchError = errorModel.addSeries("batch reconstruction");
    private final CurveSeries codebookLoss = errorModel.addSeries("codebook");
    private final CurveSeries commitmentLoss = errorModel.addSeries("commitment");
    private final LineChartModel perplexityModel = new LineChartModel("Perplexity (training images)", "perplexity");
    private final LineChartModel comparisonModel = new LineChartModel("Collapse vs fix: mean perplexity per head",
            "perplexity");
    private final CurveSeries collapseCurve = comparisonModel.addSeries("restarts off (collapse)");
    private final CurveSeries fixCurve = comparisonModel.addSeries("restarts on (fix)");
    private ReconstructionChartView picturesView;
    private LineChartView errorChart;
    private LineChartView perplexityChart;
    private LineChartView comparisonChart;
    private final Label status = new Label();
    private final Label heads = new Label();
    private final Label comparisonText = new Label();
    private final Label problem = new Label();
    private AtomicBoolean runCancel;
    private AtomicBoolean comparisonCancel;
    private int runsShown;

    VqVaeLesson(Executor background, Executor fxThread) {
        this.background = background;
        this.fxThread = fxThread;
        errorModel.setScale(Scale.LOG);
        for (int h = 0; h < DigitsVqVaeSettings.HEADS; h++) {
            perplexityModel.addSeries("head " + h);
        }
    }

    @Override
    String title() {
        return "A VQ-VAE learns";
    }

    @Override
    VqVaeLessonModel model() {
        return model;
    }

    ReconstructionModel pictures() {
        return pictures;
    }

    LineChartModel errorChart() {
        return errorModel;
    }

    LineChartModel perplexityChart() {
        return perplexityModel;
    }

    LineChartModel comparisonChart() {
        return comparisonModel;
    }

    @Override
    protected Node buildText() {
        return LessonText.of(
                "A VQ-VAE is an encoder, the product quantizer and a decoder trained together. The encoder turns an"
                        + " image into z_e, the quantizer replaces each head's part by its nearest code, and the"
                        + " decoder draws the image again from the codes alone:",
                "$ x̂ = dec(q(enc(x)))",
                "$ L = ‖x̂ − x‖² + ‖sg(z_e) − e‖² + β‖z_e − sg(e)‖²",
                "(each term a mean over the values; sg stops the gradient, e is the chosen code.)",
                "Here it learns the UCI handwritten digits (8 × 8 pixels; 1,500 training images, 297 held out) with"
                        + " the project's VQ-VAE mode: 64 → 128 → 64 → 16 values, 4 heads × 4 dims, batch 64, Adam,"
                        + " 300 steps. Every 10 steps the pictures refresh: inputs above their reconstructions, then"
                        + " every code of one head decoded into the first image.",
                "Perplexity counts the codes in use as if they were used equally; a code that no training image"
                        + " chooses is dead:",
                "$ perplexity = exp(−Σ_k p_k·ln p_k),   p_k = share of images choosing code k",
                "Codebook collapse: at a high learning rate the encoder's outputs move faster than the codes. A code"
                        + " left behind is never nearest again, gets no gradient and never comes back: perplexity"
                        + " stays low and most codes are dead. The fix shown here re-seeds such a code from a recent"
                        + " encoder output (dead-code restart, as vector-quantize-pytorch's threshold_ema_dead_code"
                        + " does); k-means++ start codes and EMA updates are other fixes.",
                "Both runs start alike: at step 1 the untrained encoder's outputs sit close together, so few codes"
                        + " are chosen. With restarts the unused codes are moved onto the outputs as they spread out;"
                        + " without, most stay where they started, unused.",
                "Compare collapse and fix trains both from the seed shown, at learning rate "
                        + DigitsVqVaeSettings.COLLAPSE_RATE + " with 128 codes per head, restarts off and on; the"
                        + " curves overlay, and the counts are over all 1,500 training images at the end.");
    }

    @Override
    protected Node buildView() {
        picturesView = new ReconstructionChartView(pictures);
        picturesView.setId("vqvaePictures");
        picturesView.setPrefSize(400, 330);
        picturesView.setMaxWidth(460);
        errorChart = chart(errorModel, "vqvaeErrorChart");
        perplexityChart = chart(perplexityModel, "vqvaePerplexityChart");
        comparisonChart = chart(comparisonModel, "vqvaeComparisonChart");
        comparisonChart.setPrefHeight(185);

        ChoiceBox<Double> rate = new ChoiceBox<>();
        rate.setId("vqvaeRate");
        rate.getItems().setAll(RATES);
        ChoiceBox<Integer> codes = new ChoiceBox<>();
        codes.setId("vqvaeCodes");
        codes.getItems().setAll(DigitsVqVaeSettings.CODE_CHOICES);
        CheckBox restarts = new CheckBox("Dead-code restarts");
        restarts.setId("vqvaeRestarts");
        Spinner<Integer> seed = IntegerSpinners.of(0, 9999, (int) model.seed());
        seed.setId("vqvaeSeed");
        seed.setPrefWidth(90);
        ChoiceBox<String> pace = new ChoiceBox<>();
        pace.setId("vqvaePace");
        pace.getItems().setAll(WATCH, FULL);
        pace.setValue(WATCH);
        Button train = new Button("Train");
        train.setId("vqvaeTrain");
        train.setDefaultButton(false);
        Button stop = new Button("Stop");
        stop.setId("vqvaeStop");
        ChoiceBox<Integer> head = new ChoiceBox<>();
        head.setId("vqvaeHead");
        for (int h = 0; h < DigitsVqVaeSettings.HEADS; h++) {
            head.getItems().add(h);
        }
        head.setValue(0);
        head.setOnAction(e -> {
            pictures.setHead(head.getValue());
            picturesView.refresh();
        });
        Button compare = new Button("Compare collapse and fix");
        compare.setId("vqvaeCompare");
        Button cancel = new Button("Cancel");
        cancel.setId("vqvaeCancel");
        ProgressBar progress = new ProgressBar(0);
        progress.setId("vqvaeProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.managedProperty().bind(progress.visibleProperty());
        HBox.setHgrow(progress, Priority.ALWAYS);

        boolean[] showing = {false};
        Runnable choose = () -> {
            if (!showing[0] && rate.getValue() != null && codes.getValue() != null && seed.getValue() != null) {
                model.setSettings(new DigitsVqVaeSettings(seed.getValue(), rate.getValue(), codes.getValue(),
                        restarts.isSelected()));
            }
        };
        rate.setOnAction(e -> choose.run());
        codes.setOnAction(e -> choose.run());
        restarts.setOnAction(e -> choose.run());
        seed.valueProperty().addListener((o, a, b) -> choose.run());
        train.setOnAction(e -> train(WATCH.equals(pace.getValue()) ? WATCH_STEPS_PER_SECOND : 0));
        stop.setOnAction(e -> stopRun());
        compare.setOnAction(e -> compare());
        cancel.setOnAction(e -> {
            if (comparisonCancel != null) {
                comparisonCancel.set(true);
            }
        });

        status.setId("vqvaeStatus");
        status.getStyleClass().add("lesson-stats");
        status.setWrapText(true);
        heads.setId("vqvaeHeads");
        heads.getStyleClass().add("lesson-stats");
        heads.setMinWidth(Region.USE_PREF_SIZE); // short lines of their own: never wrapped
        comparisonText.setId("vqvaeComparisonText");
        comparisonText.getStyleClass().add("lesson-stats");
        comparisonText.setMinWidth(Region.USE_PREF_SIZE);
        problem.setId("vqvaeProblem");
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());

        HBox settingsRow = LessonControls.row(new Label("Learning rate"), rate, new Label("Codes per head"), codes,
                restarts, new Label("Seed"), seed);
        HBox runRow = LessonControls.row(pace, train, stop, new Label("Codes of head"), head);
        VBox left = new VBox(6, picturesView, heads);
        VBox curves = new VBox(6, errorChart, perplexityChart);
        HBox.setHgrow(curves, Priority.ALWAYS);
        HBox live = new HBox(12, left, curves);
        VBox compareSide = new VBox(6, LessonControls.row(compare, cancel), progress, comparisonText);
        HBox.setHgrow(comparisonChart, Priority.ALWAYS);
        HBox comparison = new HBox(12, compareSide, comparisonChart);
        VBox view = new VBox(10, settingsRow, runRow, status, problem, live, comparison);
        view.getStyleClass().add("lesson-view");
        view.setPadding(new Insets(0, 4, 0, 4));

        Runnable show = () -> {
            showing[0] = true;
            try {
                DigitsVqVaeSettings s = model.settings();
                rate.setValue(s.learningRate());
                codes.setValue(s.codes());
                restarts.setSelected(s.restarts());
                seed.getValueFactory().setValue((int) s.seed());
            } finally {
                showing[0] = false;
            }
            boolean busy = model.isRunning() || model.isComparing();
            train.setDisable(busy);
            stop.setDisable(!model.isRunning());
            compare.setDisable(busy);
            cancel.setDisable(!model.isComparing());
            progress.setVisible(model.isComparing());
            progress.setProgress(model.comparisonProgress());
            showFrame(model.frame());
            showComparison(model.comparison());
        };
        model.addListener(show);
        show.run();
        ScrollPane scroll = new ScrollPane(view);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("lesson-side");
        return scroll;
    }

    private static LineChartView chart(LineChartModel m, String id) {
        LineChartView v = new LineChartView(m);
        v.setId(id);
        v.setPrefSize(300, 165);
        return v;
    }


    // ------------------------------------------------------------------ running

    /** Stops the run in progress at its next frame. */
    void stopRun() {
        if (runCancel != null) {
            runCancel.set(true);
        }
    }

    void train(double stepsPerSecond) {
        problem.setText("");
        if (!heldOut.isEmpty()) {
            errorModel.keepAsEarlierRun("run " + runsShown);
        }
        runsShown++;
        DigitsVqVaeSettings s = model.beginRun();
        AtomicBoolean cancelled = new AtomicBoolean();
        runCancel = cancelled;
        SnapshotRelay<DigitsVqVaeFrame> relay = new SnapshotRelay<>(Coalescer.latest(), model::accept, fxThread,
                Delayer.system(), 0);
        background.execute(() -> {
            DigitsVqVaeFrame last = null;
            String failure = null;
            try {
                last = DigitsVqVaeRun.run(s, stepsPerSecond, relay::offer, cancelled::get);
            } catch (RuntimeException | Error e) {
                failure = FailureText.of(e);
            }
            DigitsVqVaeFrame end = last;
            String why = failure;
            fxThread.execute(() -> {
                relay.close();
                model.runEnded(end);
                if (why != null) {
                    problem.setText("Training failed: " + why);
                }
            });
        });
    }

    void compare() {
        problem.setText("");
        DigitsVqVaeSettings s = model.beginComparison();
        AtomicBoolean cancelled = new AtomicBoolean();
        comparisonCancel = cancelled;
        SnapshotRelay<Double> relay = new SnapshotRelay<>(Coalescer.latest(), model::comparisonProgress, fxThread,
                Delayer.system(), 0);
        background.execute(() -> {
            Optional<CollapseComparison> result = Optional.empty();
            String failure = null;
            try {
                result = CollapseComparison.run(s, relay::offer, cancelled::get);
            } catch (RuntimeException | Error e) {
                failure = FailureText.of(e);
            }
            CollapseComparison end = result.orElse(null);
            String why = failure;
            fxThread.execute(() -> {
                relay.close();
                model.comparisonEnded(end);
                if (why != null) {
                    problem.setText("The comparison failed: " + why);
                }
            });
        });
    }

    // ------------------------------------------------------------------ showing

    private void showFrame(DigitsVqVaeFrame f) {
        if (f == null) {
            pictures.update(null);
            errorModel.series().forEach(CurveSeries::clear);
            perplexityModel.series().forEach(CurveSeries::clear);
            status.setText(model.isRunning() ? "Starting…" : "Press Train to watch " + model.settings().label() + " learn.");
            heads.setText("");
        } else {
            pictures.update(f.pictures());
            errorModel.series().forEach(CurveSeries::clear);
            long[] at = f.measuredSteps();
            double[] error = f.heldOut();
            for (int i = 0; i < at.length; i++) {
                heldOut.append(at[i], error[i]);
            }
            for (StepMetrics m : f.steps()) {
                batchError.append(m.step(), m.lossReconstruction());
                codebookLoss.append(m.step(), m.lossCodebook());
                commitmentLoss.append(m.step(), m.lossCommitment());
            }
            List<CurveSeries> perHead = perplexityModel.series();
            perHead.forEach(CurveSeries::clear);
            for (int i = 0; i < at.length; i++) {
                CodeUsage u = f.usage().get(i);
                for (int h = 0; h < perHead.size(); h++) {
                    perHead.get(h).append(at[i], u.perplexity(h));
                }
            }
            status.setText(String.format(Locale.ROOT, "%s · step %d of %d · held-out MSE %.4f (%.2f× step 1's %.4f)"
                            + " · %.1f s of training%s", f.settings().label(), f.step(), DigitsVqVaeSettings.STEPS,
                    f.lastHeldOut(), f.lastHeldOut() / f.firstHeldOut(), f.firstHeldOut(), f.seconds(),
                    f.finished() ? " · done" : model.isRunning() ? "" : " · stopped"));
            heads.setText(headsText(f.lastUsage()));
        }
        picturesView.refresh();
        errorChart.refresh();
        perplexityChart.refresh();
    }

    /** Perplexity and dead codes per head over the training images, two heads a line. */
    static String headsText(CodeUsage u) {
        StringBuilder s = new StringBuilder("1,500 training images: perplexity (of " + u.codes()
                + "), dead");
        for (int h = 0; h < u.heads(); h++) {
            s.append(h % 2 == 0 ? "\n" : "     ").append(String.format(Locale.ROOT, "head %d: %5.1f · %3d dead",
                    h, u.perplexity(h), u.unused(h)));
        }
        return s.toString();
    }

    private void showComparison(CollapseComparison c) {
        collapseCurve.clear();
        fixCurve.clear();
        if (c == null) {
            comparisonText.setText(model.isComparing() ? "Training both runs…"
                    : "Trains lr " + DigitsVqVaeSettings.COLLAPSE_RATE + " · 128 codes · seed " + model.seed()
                    + " twice, restarts off and on (about two runs' time).");
        } else {
            fill(collapseCurve, c.collapse());
            fill(fixCurve, c.fix());
            comparisonText.setText(String.format(Locale.ROOT, "Seed %d, lr %s, %d codes per head,%n"
                            + "step %d, 1,500 training images:%nrestarts off: perplexity %5.1f, %2.0f %% dead%n"
                            + "restarts on:  perplexity %5.1f, %2.0f %% dead%nratio %.2f · held-out MSE %.4f vs %.4f",
                    c.collapse().settings().seed(), NumberText.compact(c.collapse().settings().learningRate(), 3),
                    c.collapse().settings().codes(), c.collapse().step(), c.collapseUsage().meanPerplexity(),
                    100 * c.collapseUnused(), c.fixUsage().meanPerplexity(), 100 * c.fixUsage().unusedFraction(),
                    c.perplexityRatio(), c.collapse().lastHeldOut(), c.fix().lastHeldOut()));
        }
        comparisonChart.refresh();
    }

    private static void fill(CurveSeries curve, DigitsVqVaeFrame f) {
        long[] at = f.measuredSteps();
        for (int i = 0; i < at.length; i++) {
            curve.append(at[i], f.usage().get(i).meanPerplexity());
        }
    }
}
