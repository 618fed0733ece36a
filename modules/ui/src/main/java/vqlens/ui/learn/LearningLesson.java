package vqlens.ui.learn;

import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import vqlens.core.VqException;
import vqlens.train.UpdateRule;
import vqlens.ui.common.IntegerSpinners;
import vqlens.ui.chart.CurveSeries;
import vqlens.ui.chart.LineChartModel;
import vqlens.ui.learn.model.LearningModel;
import vqlens.ui.learn.model.PlaneDataset;
import vqlens.ui.learn.model.StartCodes;
import vqlens.ui.plot.LineChartView;

/**
 * Lesson 2: the codebook learns, one move at a time, through the trainer's own stepper. Run plays moves at the
 * chosen speed on the FX thread (a move of 800 points takes well under a millisecond); Step back undoes moves.
 */
final class LearningLesson extends PlaneLesson {
    private final LearningModel model = new LearningModel();
    private final java.util.concurrent.Executor background;
    private final java.util.concurrent.Executor fxThread;
    private volatile boolean cancelComparison;
    private StartComparisonWindow comparisonWindow;
    private final LineChartModel chart = new LineChartModel("MSE per move", "MSE");
    private final CurveSeries mse = chart.addSeries("MSE");
    private Button run;
    private Label problem;
    private double movesPerSecond = 4;
    private final StepPlayer player = new StepPlayer(() -> act(() -> {
        if (!model.converged()) {
            model.step();
        }
    }), () -> movesPerSecond);

    LearningLesson(java.util.concurrent.Executor background, java.util.concurrent.Executor fxThread) {
        this.background = background;
        this.fxThread = fxThread;
    }

    @Override
    String title() {
        return "Learning the codebook";
    }

    @Override
    LearningModel model() {
        return model;
    }

    @Override
    protected Node buildText() {
        return LessonText.of(
                "Where should the codes be? k-means answers with two moves, repeated until nothing changes:",
                "Assign: every point goes to its nearest code (lesson 1).",
                "Update: every code moves to the mean of the points in its cell (n_k points have code k):",
                "$ c_k ← (1/n_k) Σ_{a(z)=k} z",
                "Neither move can raise the error: assigning picks the nearest code for each point, and the mean is"
                        + " the point with the smallest squared distance to a set. Watch the MSE curve fall in steps.",
                "A VQ-VAE cannot wait for a whole pass: it sees one batch at a time. The EMA method keeps running"
                        + " averages of each code's points (decay γ: high γ moves codes slowly but steadily); Adam and"
                        + " SGD take a gradient step on ‖sg(z) − c‖² (too large a learning rate overshoots). The"
                        + " batch's points are ringed.",
                "Where the codes start matters: random data rows (the reference module's lazy init), k-means++"
                        + " (spread out on purpose) or all in one corner, where most codes never win a point and stay"
                        + " dead. Dead-code restarts re-seed such codes from the data, as vector-quantize-pytorch does.",
                "With k-means, drag a code between moves to put it somewhere else (the points keep their cells"
                        + " until the next assign). Keys: → next move, ← step back, Space run or pause.");
    }

    @Override
    protected Node buildView() {
        plane = new PlaneView();
        plane.setId("learningPlane");
        plane.setPointHover(p -> List.of("point " + p + " → code " + model.scene().assignment()[p]));
        plane.setGestures(new PlaneView.Gestures() { // k-means: drag a code between moves, as the k-means demos do
            @Override
            public void pressedEmpty(double x, double y, javafx.scene.input.MouseEvent e) {
            }

            @Override
            public void codePressed(int code, javafx.scene.input.MouseEvent e) {
                stopRun();
            }

            @Override
            public void codeDragged(int code, double x, double y) {
                act(() -> model.moveCode(code, x, y));
            }

            @Override
            public void pointPressed(int point, javafx.scene.input.MouseEvent e) {
            }

            @Override
            public void pointDragged(int point, double x, double y) {
            }
        });
        ChoiceBox<PlaneDataset> data = choice("learningDataset", PlaneDataset.values());
        data.setOnAction(e -> act(() -> {
            if (data.getValue() != model.dataset()) {
                model.setDataset(data.getValue());
            }
        }));
        ChoiceBox<UpdateRule> method = choice("learningMethod", UpdateRule.values());
        method.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(UpdateRule rule) {
                return rule == null ? "" : methodName(rule);
            }

            @Override
            public UpdateRule fromString(String text) {
                return null;
            }
        });
        method.setOnAction(e -> act(() -> {
            if (method.getValue() != model.method()) {
                model.setMethod(method.getValue());
            }
        }));
        ChoiceBox<StartCodes> start = choice("learningStart", StartCodes.values());
        start.setOnAction(e -> act(() -> {
            if (start.getValue() != model.start()) {
                model.setStart(start.getValue());
            }
        }));
        Spinner<Integer> seed = IntegerSpinners.of(0, 9999, (int) model.seed());
        seed.setId("learningSeed");
        seed.setPrefWidth(80);
        seed.valueProperty().addListener((obs, old, v) -> act(() -> {
            if (v != null && v != model.seed()) {
                model.setSeed(v);
            }
        }));
        Spinner<Integer> points = IntegerSpinners.of(10, 5000, model.pointCount(), 100);
        points.setId("learningPoints");
        points.setPrefWidth(90);
        points.valueProperty().addListener((obs, old, v) -> act(() -> {
            if (v != null && v != model.pointCount()) {
                model.setPointCount(v);
            }
        }));
        Spinner<Integer> codes = IntegerSpinners.of(2, 64, model.codeCount());
        codes.setId("learningCodes");
        codes.setPrefWidth(80);
        codes.valueProperty().addListener((obs, old, v) -> act(() -> {
            if (v != null && v != model.codeCount()) {
                model.setCodeCount(v);
            }
        }));
        Button assign = button("assignMove", "Assign", () -> model.assign());
        Button update = button("updateMove", "Update", () -> model.update());
        Button step = button("nextMove", "Next move", () -> model.step());
        Button back = button("stepBack", "◀ Back", () -> model.stepBack());
        run = button("runPause", "Run", player::toggle);
        player.showOn(run);
        Button converge = button("converge", "To convergence", this::converge);
        Button compare = new Button("Compare the starts…");
        compare.setId("compareStarts");
        Button cancel = new Button("Cancel");
        cancel.setId("cancelComparison");
        cancel.setVisible(false);
        javafx.scene.control.ProgressBar progress = new javafx.scene.control.ProgressBar(0);
        progress.setId("comparisonProgress");
        progress.setVisible(false);
        progress.setMaxWidth(Double.MAX_VALUE);
        compare.setOnAction(e -> compareStarts(compare, cancel, progress));
        cancel.setOnAction(e -> cancelComparison = true);
        Slider speed = slider("learningSpeed", 1, 30, movesPerSecond);
        speed.valueProperty().addListener((obs, old, v) -> {
            movesPerSecond = v.doubleValue();
            player.rateChanged();
        });
        Slider decay = slider("learningDecay", 0.5, 0.999, model.decay());
        decay.valueProperty().addListener((obs, old, v) -> act(() -> model.setDecay(v.doubleValue())));
        Slider rate = slider("learningRate", 0.005, 0.5, model.learningRate());
        rate.valueProperty().addListener((obs, old, v) -> act(() -> model.setLearningRate(v.doubleValue())));
        CheckBox restarts = new CheckBox("Dead-code restarts");
        restarts.setId("learningRestarts");
        restarts.setOnAction(e -> act(() -> model.setRestarts(restarts.isSelected())));
        Label decayLabel = new Label();
        Label rateLabel = new Label();
        Label status = new Label();
        status.setId("learningStatus");
        status.setWrapText(true);
        status.getStyleClass().add("lesson-stats");
        Label restartLine = new Label();
        restartLine.setId("learningRestartLog");
        restartLine.setWrapText(true);
        restartLine.getStyleClass().add("lesson-event");
        problem = new Label();
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        LineChartView curve = new LineChartView(chart);
        curve.setId("learningMse");
        curve.setPrefSize(260, 170);
        HBox moves = new HBox(6, assign, update);
        HBox nav = new HBox(6, back, step);
        HBox play = new HBox(6, run, converge);
        VBox side = new VBox(7, new Label("Data"), data, new Label("Method"), method, new Label("Start"), start,
                LessonControls.row(new Label("Codes"), codes),
                LessonControls.row(new Label("Points"), points, new Label("Seed"), seed), nav, moves, play, status,
                restartLine, problem, curve,
                new HBox(6, compare, cancel), progress,
                new Label("Speed (moves per second)"), speed, decayLabel, decay, rateLabel, rate, restarts);
        side.setPadding(new Insets(0, 4, 0, 10));
        javafx.scene.control.ScrollPane sideScroll = new javafx.scene.control.ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        sideScroll.setPrefWidth(300);
        sideScroll.setMinWidth(260);
        sideScroll.getStyleClass().add("lesson-side");
        Runnable show = () -> {
            plane.show(model.scene(), -1);
            data.setValue(model.dataset());
            seed.getValueFactory().setValue((int) model.seed());
            codes.getValueFactory().setValue(model.codeCount());
            points.getValueFactory().setValue(model.pointCount());
            method.setValue(model.method());
            start.setValue(model.start());
            restarts.setSelected(model.restarts());
            boolean kMeans = model.method() == UpdateRule.KMEANS;
            assign.setDisable(!kMeans);
            update.setDisable(!kMeans);
            back.setDisable(!model.canStepBack());
            step.setText("Next: " + model.nextMove() + " ▶");
            decay.setDisable(kMeans && !model.restarts());
            rate.setDisable(!model.method().usesLearningRate());
            decayLabel.setText(String.format(Locale.ROOT, "EMA decay γ = %.3f", model.decay()));
            rateLabel.setText(String.format(Locale.ROOT, "Learning rate = %.3f", model.learningRate()));
            status.setText(String.format(Locale.ROOT, "move %d (%s)%s · MSE %.4f · %d dead code%s",
                    model.state().move(), model.state().kind().name().toLowerCase(Locale.ROOT),
                    model.converged() ? ", converged" : "", model.state().mse(), model.deadCodes(),
                    model.deadCodes() == 1 ? "" : "s"));
            List<String> log = model.restartLog();
            restartLine.setText(log.isEmpty() ? "" : "Restart: " + log.get(log.size() - 1));
            mse.clear();
            List<Double> values = model.mseByMove();
            for (int i = 0; i < values.size(); i++) {
                mse.append(i, values.get(i));
            }
            curve.refresh();
            if (model.converged() && player.playing()) {
                stopRun();
            }
        };
        model.addListener(show);
        show.run();
        HBox view = new HBox(plane, sideScroll);
        HBox.setHgrow(plane, Priority.ALWAYS);
        view.getStyleClass().add("lesson-view");
        return view;
    }


    @SafeVarargs
    private static <T> ChoiceBox<T> choice(String id, T... values) {
        ChoiceBox<T> box = new ChoiceBox<>();
        box.getItems().setAll(values);
        box.setId(id);
        return box;
    }

    private Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> act(action));
        return b;
    }

    private static Slider slider(String id, double min, double max, double value) {
        Slider s = new Slider(min, max, value);
        s.setId(id);
        s.setMaxWidth(Double.MAX_VALUE);
        return s;
    }

    /** Runs a move or a change; a refused one is said beside the controls, nothing else changes. */
    private void act(Runnable action) {
        try {
            problem.setText("");
            action.run();
        } catch (VqException e) {
            problem.setText(e.getMessage());
            stopRun();
        }
    }

    private void stopRun() {
        if (converging != null) {
            converging.stop();
            converging = null;
        }
        player.stop();
    }

    /** FX-thread time one frame of "To convergence" may take, far below the 50 ms a frame may be blocked. */
    private static final long CONVERGE_FRAME_NANOS = 20_000_000L;

    /**
     * Moves until converged (k-means: an assign that changes nothing, at most 300 moves; others 400 steps), as fast
     * as frames allow: each frame makes moves for at most {@link #CONVERGE_FRAME_NANOS}, so the window stays live.
     */
    private void converge() {
        stopRun();
        converging = new javafx.animation.AnimationTimer() {
            private int moves;

            @Override
            public void handle(long now) {
                long start = System.nanoTime();
                while (!model.converged() && moves < LearningModel.BATCH_STEPS + 10
                        && System.nanoTime() - start < CONVERGE_FRAME_NANOS) {
                    act(model::step);
                    moves++;
                }
                if (model.converged() || moves >= LearningModel.BATCH_STEPS + 10) {
                    stop();
                    converging = null;
                }
            }
        };
        converging.start();
    }

    private javafx.animation.AnimationTimer converging;

    /**
     * Runs the three starts to convergence, restarts off and on, in the background (the progress bar follows, Cancel
     * stops it), then shows them side by side.
     */
    private void compareStarts(Button compare, Button cancel, javafx.scene.control.ProgressBar progress) {
        stopRun();
        cancelComparison = false;
        compare.setDisable(true);
        cancel.setVisible(true);
        progress.setVisible(true);
        progress.setProgress(0);
        double[] shown = {0};
        String setUp = String.format(Locale.ROOT, "%s, %d codes, %s data, seed %d", methodName(model.method()),
                model.codeCount(), model.dataset().label(), model.seed());
        java.util.concurrent.CompletableFuture.supplyAsync(() -> vqlens.ui.learn.model.StartComparison.run(model,
                p -> {
                    if (p - shown[0] >= 0.02 || p == 1) { // at most ~50 updates reach the FX thread
                        shown[0] = p;
                        fxThread.execute(() -> progress.setProgress(p));
                    }
                }, () -> cancelComparison), background).whenCompleteAsync((outcomes, failure) -> {
                    compare.setDisable(false);
                    cancel.setVisible(false);
                    progress.setVisible(false);
                    if (failure != null) {
                        problem.setText(failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage());
                        return;
                    }
                    comparisonWindow = new StartComparisonWindow(plane.getScene() == null ? null
                            : plane.getScene().getWindow(), outcomes, setUp);
                    comparisonWindow.show();
                }, fxThread);
    }

    /** The comparison window last shown, for tests; {@code null} before. */
    StartComparisonWindow comparisonWindow() {
        return comparisonWindow;
    }

    static String methodName(UpdateRule rule) {
        return switch (rule) {
            case KMEANS -> "k-means (assign, update)";
            case EMA -> "EMA, one batch per step";
            case ADAM -> "Adam, one batch per step";
            case SGD -> "SGD, one batch per step";
        };
    }

    @Override
    Node figure() {
        return view();
    }

    @Override
    boolean key(KeyEvent e) {
        return StepKeys.handle(e, () -> act(model::step), () -> act(model::stepBack), player::toggle);
    }

    /** Stops playing moves (the tab was left or the window closed). */
    @Override
    void pause() {
        stopRun();
    }
}
