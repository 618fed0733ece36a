package vqlens.ui.learn;

import java.util.Locale;
import java.util.function.DoubleConsumer;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import vqlens.core.VqException;
import vqlens.train.VqLosses;
import vqlens.ui.common.IntegerSpinners;
import vqlens.ui.learn.model.StraightThroughModel;

/**
 * Lesson 6: z_e, its code and the decoder's target on a plane, the three losses' forces as arrows, stepped by the
 * training module's gradients. Run plays steps on the FX thread (a step is a few dozen float operations).
 */
final class StraightThroughLesson extends Lesson {
    static final double STEPS_PER_SECOND = 8;

    private final StraightThroughModel model = new StraightThroughModel();
    private ForcePlaneView plane;
    private final StepPlayer player = new StepPlayer(() -> act(model::step), () -> STEPS_PER_SECOND);
    private Button run;
    private Label problem;

    @Override
    String title() {
        return "Straight-through trick";
    }

    @Override
    StraightThroughModel model() {
        return model;
    }

    @Override
    protected Node buildText() {
        return LessonText.of(
                "In a VQ-VAE the encoder gives z_e, the quantizer replaces it by its nearest code e, and the decoder"
                        + " works from e. But \"nearest\" has no gradient: nudging z_e does not change e at all. The"
                        + " straight-through estimator passes the decoder's gradient past the quantizer unchanged:",
                "$ z_q = z_e + sg(e − z_e)",
                "sg is stop-gradient: its value passes, its gradient does not. Forward, z_q is exactly e; backward,"
                        + " ∂z_q/∂z_e is the identity. Here the decoder is the identity and wants the target t, so the"
                        + " reconstruction pulls z_e along t − e (blue), not along t − z_e.",
                "The three losses, each a mean over the D = 2 values as the trainer computes them (so every"
                        + " gradient carries 2/D = 1):",
                "$ L_{rec} = ‖z_q − t‖^2/D,   ∂L_{rec}/∂z_e = 2(e − t)/D",
                "$ L_{codebook} = ‖sg(z_e) − e‖^2/D,   ∂/∂e = 2(e − z_e)/D",
                "$ L_{commit} = β‖z_e − sg(e)‖^2/D,   ∂/∂z_e = 2β(z_e − e)/D",
                "No reconstruction gradient reaches the codes. The codebook loss moves e towards z_e (green); the"
                        + " commitment loss, weighted by β, keeps z_e near its code (purple). One step:",
                "$ z_e ← z_e − η_{enc}(∂L_{rec}/∂z_e + ∂L_{commit}/∂z_e),   e ← e − η_{code}·∂L_{codebook}/∂e",
                "With EMA the code is not learnt by a gradient: it follows a moving average of the encoder outputs it"
                        + " wins, with decay γ, as the trainer's EMA method does:",
                "$ e ← γe + (1 − γ)z_e",
                "The arrows are the training module's own gradients for these values (its VQ-VAE step's arithmetic)."
                        + " Keys: → step, ← step back, Space run or pause.");
    }

    @Override
    protected Node buildView() {
        plane = new ForcePlaneView(model);
        plane.setId("straightThroughPlane");
        Button step = button("stStep", "Step ▶", model::step);
        Button back = button("stStepBack", "◀ Step back", model::stepBack);
        run = button("stRun", "Run", player::toggle);
        player.showOn(run);
        Label betaLabel = new Label();
        Slider beta = slider("stBeta", 0, StraightThroughModel.MAX_BETA, model.beta(), 0.05, model::setBeta);
        Label encoderLabel = new Label();
        Slider encoder = slider("stEncoderRate", 0, StraightThroughModel.MAX_RATE, model.encoderRate(), 0.01,
                model::setEncoderRate);
        Label codebookLabel = new Label();
        Slider codebook = slider("stCodebookRate", 0, StraightThroughModel.MAX_RATE, model.codebookRate(), 0.01,
                model::setCodebookRate);
        Label decayLabel = new Label();
        Slider decay = slider("stDecay", StraightThroughModel.MIN_DECAY, StraightThroughModel.MAX_DECAY, model.decay(),
                0.01, model::setDecay);
        CheckBox codebookLoss = new CheckBox("Codebook loss");
        codebookLoss.setId("stCodebookLoss");
        codebookLoss.setOnAction(e -> act(() -> model.setCodebookLoss(codebookLoss.isSelected())));
        CheckBox ema = new CheckBox("EMA instead of the codebook loss");
        ema.setId("stEma");
        ema.setOnAction(e -> act(() -> model.setEma(ema.isSelected())));
        Spinner<Integer> seed = IntegerSpinners.of(0, 9999, (int) model.seed());
        seed.setId("stSeed");
        seed.setPrefWidth(90);
        seed.valueProperty().addListener((obs, old, v) -> act(() -> {
            if (v != null && v != model.seed()) {
                model.setSeed(v);
            }
        }));
        Label losses = new Label();
        losses.setId("stLosses");
        losses.getStyleClass().add("lesson-stats");
        losses.setWrapText(true);
        Label status = new Label();
        status.setId("stStatus");
        status.getStyleClass().add("lesson-stats");
        status.setWrapText(true);
        problem = new Label();
        problem.setId("stProblem");
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        Label seedLabel = new Label("Seed (code start)");
        seedLabel.setMinWidth(Region.USE_PREF_SIZE);
        seed.setMinWidth(Region.USE_PREF_SIZE); // its number is never clipped
        HBox seedRow = new HBox(6, seedLabel, seed);
        seedRow.setAlignment(Pos.CENTER_LEFT);
        VBox side = new VBox(7, new HBox(6, back, step), run, status, losses, problem, betaLabel, beta, encoderLabel,
                encoder, codebookLabel, codebook, codebookLoss, ema, decayLabel, decay, seedRow);
        side.setPadding(new Insets(0, 4, 0, 10));
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sideScroll.setPrefWidth(320);
        sideScroll.setMinWidth(300); // the longest slider label ("Codebook learning rate η_code = 0.05") whole
        sideScroll.getStyleClass().add("lesson-side");
        Runnable show = () -> {
            plane.changed();
            back.setDisable(!model.canStepBack());
            beta.setValue(model.beta());
            encoder.setValue(model.encoderRate());
            codebook.setValue(model.codebookRate());
            decay.setValue(model.decay());
            codebookLoss.setSelected(model.codebookLoss());
            ema.setSelected(model.ema());
            codebook.setDisable(!model.codeUpdate().equals("codebook loss"));
            decay.setDisable(!model.ema());
            seed.getValueFactory().setValue((int) model.seed());
            betaLabel.setText(String.format(Locale.ROOT, "Commitment weight β = %.2f", model.beta()));
            encoderLabel.setText(String.format(Locale.ROOT, "Encoder learning rate η_enc = %.2f", model.encoderRate()));
            codebookLabel.setText(String.format(Locale.ROOT, "Codebook learning rate η_code = %.2f",
                    model.codebookRate()));
            decayLabel.setText(String.format(Locale.ROOT, "EMA decay γ = %.3f", model.decay()));
            status.setText(String.format(Locale.ROOT, "step %d · nearest code %d · ‖z_e − e‖ = %.3f · e moved by %s",
                    model.steps(), model.nearest(), model.distance(), model.codeUpdate()));
            VqLosses.Terms t = model.terms();
            losses.setText(String.format(Locale.ROOT,
                    "reconstruction %.4f%ncodebook %.4f%nβ·commitment %.4f%ntotal %.4f",
                    t.reconstruction(), t.codebook(), t.weightedCommitment(), t.total()));
        };
        model.addListener(show);
        show.run();
        HBox view = new HBox(plane, sideScroll);
        HBox.setHgrow(plane, Priority.ALWAYS);
        view.getStyleClass().add("lesson-view");
        return view;
    }

    private Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> act(action));
        return b;
    }

    /** A slider snapping to {@code tick} (so β = 0 and a tenth of a rate are reachable exactly), telling {@code set}. */
    private Slider slider(String id, double min, double max, double value, double tick, DoubleConsumer set) {
        Slider s = new Slider(min, max, value);
        s.setId(id);
        s.setMaxWidth(Double.MAX_VALUE);
        s.setMajorTickUnit(tick);
        s.setMinorTickCount(0);
        s.setSnapToTicks(true);
        s.setBlockIncrement(tick);
        s.valueProperty().addListener((obs, old, v) -> {
            double snapped = Math.min(max, Math.max(min, min + Math.round((v.doubleValue() - min) / tick) * tick));
            act(() -> {
                if (snapped != current(id)) { // showing the model's value sets nothing again
                    set.accept(snapped);
                }
            });
        });
        return s;
    }

    /** The model's value behind slider {@code id}, so that showing a value does not set it again. */
    private double current(String id) {
        return switch (id) {
            case "stBeta" -> model.beta();
            case "stEncoderRate" -> model.encoderRate();
            case "stCodebookRate" -> model.codebookRate();
            default -> model.decay();
        };
    }

    /** Runs a step or a change; a refused one is said in one line beside the controls, nothing else changes. */
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
        player.stop();
    }

    boolean running() {
        return player.playing();
    }

    /** Stops playing steps (the tab was left or the window closed). */
    @Override
    void pause() {
        stopRun();
    }

    ForcePlaneView plane() {
        return plane;
    }

    @Override
    void setZoom(double zoom) {
        if (plane != null) {
            plane.setZoom(zoom);
        }
    }

    @Override
    boolean key(KeyEvent e) {
        return StepKeys.handle(e, () -> act(model::step), () -> act(model::stepBack), player::toggle);
    }
}
