package vqlens.ui.learn;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import vqlens.core.ForwardTrace;
import vqlens.core.QuantizerConfig;
import vqlens.ui.common.IntegerSpinners;
import vqlens.ui.common.FailureText;
import vqlens.ui.common.OnHandCodebooks;
import vqlens.ui.learn.model.ForwardPassModel;
import vqlens.ui.learn.model.ForwardStage;
import vqlens.ui.learn.model.LessonModel;

/**
 * Lesson 3: the reference module's forward pass on one row, stage by stage, with the numbers of {@link ForwardTrace}
 * (the forward's own indices and distances). The model runs the quantizer on ND4J, so it is made in the background
 * the first time; until then the lesson says so.
 */
final class ForwardPassLesson extends Lesson {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final int NEAREST_SHOWN = 5;
    private final Executor background;
    private final Executor fxThread;
    private final StackPane host = new StackPane(new Label("Loading the quantizer…"));
    private ForwardPassModel model;
    private final VBox stageBox = new VBox(10);
    private final Label chain = new Label();
    private final ListView<ForwardStage> stages = new ListView<>();

    private final java.util.function.Supplier<java.util.List<OnHandCodebooks>> onHand;

    ForwardPassLesson(Executor background, Executor fxThread,
                      java.util.function.Supplier<java.util.List<OnHandCodebooks>> onHand) {
        this.background = background;
        this.fxThread = fxThread;
        this.onHand = onHand;
    }

    @Override
    String title() {
        return "One forward pass";
    }

    /** The lesson's state; {@code null} until it has been made (see the class comment). */
    @Override
    LessonModel model() {
        return model;
    }

    ForwardPassModel forwardModel() {
        return model;
    }

    @Override
    protected Node buildText() {
        return LessonText.of(
                "This is what the reference module (a product quantizer) does with a batch of vectors z, for one"
                        + " row of it. Step through with → and ←.",
                "It splits z into H heads of D values each and gives every head its own codebook of K codes. Per"
                        + " head, the squared distance to every code comes from three terms:",
                "$ d_{h,k} = ‖z_h‖^2 + ‖c_{h,k}‖^2 − 2⟨z_h, c_{h,k}⟩",
                "argmin picks the first code at the smallest distance; the codes are looked up and concatenated"
                        + " into z_q, which has the shape of z.",
                "argmin has no gradient, so training uses the straight-through estimator:",
                "$ z_q = z + sg(z_q − z)",
                "sg (stop-gradient, PyTorch's detach) means: forward, the value is z_q; backward, the gradient"
                        + " reaches z as if z_q were z. The encoder learns as if the quantizer were not there.",
                "Every number shown is the product's own: the distances and indices are what forward returns.");
    }

    @Override
    protected Node buildView() {
        CompletableFuture.supplyAsync(ForwardPassModel::new, background).whenCompleteAsync((m, failure) -> {
            if (failure != null) {
                host.getChildren().setAll(new Label("The quantizer could not start: " + FailureText.of(failure)));
                return;
            }
            model = m;
            host.getChildren().setAll(build());
            modelReady.run();
        }, fxThread);
        return host;
    }

    private Runnable modelReady = () -> { };

    /** Runs once the model exists (the tab's progress marks listen to it from then on). */
    void whenReady(Runnable action) {
        if (model != null) {
            action.run();
        } else {
            modelReady = action;
        }
    }

    private Node build() {
        ChoiceBox<String> source = new ChoiceBox<>();
        source.setId("forwardSource");
        java.util.Map<String, Object> choices = new java.util.LinkedHashMap<>();
        Runnable refreshChoices = () -> {
            choices.clear();
            for (ForwardPassModel.Source s : ForwardPassModel.Source.values()) {
                if (s != ForwardPassModel.Source.ON_HAND) {
                    choices.put(s.toString(), s);
                }
            }
            for (OnHandCodebooks c : onHand.get()) {
                choices.put(c.name(), c);
            }
            if (model.source() == ForwardPassModel.Source.ON_HAND) {
                choices.putIfAbsent(model.onHandName(), model.codebooks());
            }
            source.getItems().setAll(choices.keySet());
        };
        refreshChoices.run();
        source.setOnShowing(e -> refreshChoices.run());
        Label sourceProblem = new Label();
        sourceProblem.getStyleClass().add("field-error");
        source.setOnAction(e -> {
            Object chosen = choices.get(source.getValue());
            if (chosen instanceof ForwardPassModel.Source s && s != model.source()) {
                model.setSource(s);
            } else if (chosen instanceof OnHandCodebooks c && !c.name().equals(model.onHandName())) {
                sourceProblem.setText(model.useOnHand(c.name(), c.codebooks(), c.rows(), c.rowsName()));
            }
        });
        Button nextRow = new Button("Next row");
        nextRow.setId("nextRow");
        nextRow.setOnAction(e -> model.nextRow());
        TextField typed = new TextField();
        typed.setId("typedRow");
        typed.setPromptText("type a row: numbers separated by commas");
        typed.setPrefColumnCount(22);
        Label typedProblem = new Label();
        typedProblem.setId("typedRowProblem");
        typedProblem.getStyleClass().add("field-error");
        typed.setOnAction(e -> {
            String problem = model.typeRow(typed.getText());
            typedProblem.setText(problem);
            typed.pseudoClassStateChanged(ERROR, !problem.isEmpty());
        });
        Spinner<Integer> head = IntegerSpinners.of(0, 0, 0);
        head.setId("forwardHead");
        head.valueProperty().addListener((obs, old, h) -> {
            if (h != null && h != model.head()) {
                model.setHead(h);
            }
        });
        Button previousStage = new Button("◀ Previous stage");
        previousStage.setId("previousStage");
        previousStage.setOnAction(e -> model.previousStage());
        Button nextStage = new Button("Next stage ▶");
        nextStage.setId("nextStage");
        nextStage.setOnAction(e -> model.nextStage());
        stages.getItems().setAll(ForwardStage.values());
        stages.setId("forwardStages");
        stages.setPrefWidth(215);
        stages.setMinWidth(190);
        stages.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ForwardStage s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : (s.ordinal() + 1) + ". " + s.title());
            }
        });
        stages.getSelectionModel().selectedItemProperty().addListener((obs, old, s) -> {
            if (s != null && s != model.stage()) {
                model.setStage(s);
            }
        });
        chain.getStyleClass().add("shape-chain");
        chain.setId("shapeChain");
        chain.setWrapText(true);
        Label codebookLabel = new Label("Codebook");
        Label headLabel = new Label("Head");
        for (Label l : new Label[] {codebookLabel, headLabel}) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        nextRow.setMinWidth(Region.USE_PREF_SIZE);
        head.setPrefWidth(80);
        HBox choose = new HBox(8, codebookLabel, source, nextRow, sourceProblem);
        HBox typeOne = new HBox(8, typed, headLabel, head);
        choose.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        typeOne.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox top = new VBox(6, choose, typeOne);
        HBox nav = new HBox(8, previousStage, nextStage);
        VBox centre = new VBox(10, chain, typedProblem, stageBox, nav);
        centre.setPadding(new Insets(0, 0, 0, 12));
        javafx.scene.control.ScrollPane centreScroll = new javafx.scene.control.ScrollPane(centre);
        centreScroll.setFitToWidth(true); // the stage's text wraps to the space there is; a wide table scrolls
        centreScroll.getStyleClass().add("lesson-side");
        BorderPane view = new BorderPane(centreScroll, top, null, null, stages);
        BorderPane.setMargin(top, new Insets(0, 0, 10, 0));
        view.getStyleClass().add("lesson-view");
        Runnable show = () -> {
            source.setValue(model.source() == ForwardPassModel.Source.ON_HAND ? model.onHandName()
                    : model.source().toString());
            QuantizerConfig q = model.config();
            ((javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) head.getValueFactory())
                    .setMax(q.heads() - 1);
            head.getValueFactory().setValue(model.head());
            head.setDisable(q.heads() == 1);
            stages.getSelectionModel().select(model.stage());
            previousStage.setDisable(model.stage().ordinal() == 0);
            nextStage.setDisable(model.stage() == ForwardStage.STRAIGHT_THROUGH);
            chain.setText("Shapes for a batch of B rows: " + chainText(q) + "   ·   now: " + model.stage().shape(q)
                    + "   ·   input: " + model.rowOrigin());
            stageBox.getChildren().setAll(stageContent());
        };
        model.addListener(show);
        show.run();
        return view;
    }

    private String chainText(QuantizerConfig q) {
        return ForwardStage.chain(q);
    }

    // ------------------------------------------------------------------ the stages

    private Node stageContent() {
        ForwardTrace t = model.trace();
        QuantizerConfig q = model.config();
        int h = model.head();
        VBox box = new VBox(8);
        Label title = new Label((model.stage().ordinal() + 1) + ". " + model.stage().title() + "   "
                + model.stage().shape(q));
        title.getStyleClass().add("stage-title");
        box.getChildren().add(title);
        float[] row = t.row();
        double limit = ValueStrip.limitOf(row, model.codebooks().toArray());
        switch (model.stage()) {
            case INPUT -> {
                box.getChildren().add(say("z holds " + q.embeddingDim() + " values: " + model.rowText(12)));
                box.getChildren().add(strip("z", row, limit));
            }
            case SPLIT -> {
                box.getChildren().add(say("Head h takes values h·D … h·D + D − 1 (D = " + q.headDim() + "): "
                        + q.heads() + " heads, each quantised on its own."));
                for (int i = 0; i < Math.min(q.heads(), 4); i++) {
                    box.getChildren().add(say("z_" + i + " (head " + i + ")"));
                    box.getChildren().add(strip("z_" + i, t.part(i), limit));
                }
            }
            case TERMS -> {
                box.getChildren().add(say(String.format(Locale.ROOT, "Head %d: ‖z_h‖² = %.6g, the same for every code."
                        + " For the %d nearest codes (all %d are computed, with one matrix product):", h,
                        t.rowNormSquared(h), Math.min(NEAREST_SHOWN, q.codes()), q.codes())));
                box.getChildren().add(termsTable(t, h));
            }
            case DISTANCES -> {
                box.getChildren().add(say(String.format(Locale.ROOT, "Head %d: the distances forward returns, one per"
                        + " code. The nearest few: %s", h, nearestText(t, h))));
                DistanceBars bars = new DistanceBars();
                bars.setId("distanceBars");
                bars.show(t.distances(h), t.index(h));
                box.getChildren().add(bars);
            }
            case ARGMIN -> {
                for (int i = 0; i < q.heads(); i++) {
                    int[] tied = t.tiedAtMinimum(i);
                    String tie = tied.length > 1 ? "  — a tie: codes " + java.util.Arrays.toString(tied)
                            + " are all at this distance; argmin takes the first, " + tied[0] : "";
                    Label l = say(String.format(Locale.ROOT, "head %d → code %d (distance %.6g)%s", i, t.index(i),
                            t.distance(i, t.index(i)), tie));
                    if (tied.length > 1) {
                        l.getStyleClass().add("tie");
                    }
                    box.getChildren().add(l);
                }
                box.getChildren().add(say("The indices [" + indices(t, q) + "] are what vqlens encode writes for this row."));
            }
            case LOOKUP -> {
                for (int i = 0; i < Math.min(q.heads(), 4); i++) {
                    box.getChildren().add(say("c_" + i + "," + t.index(i) + " (head " + i + "'s code " + t.index(i) + ")"));
                    box.getChildren().add(strip("c", t.chosenCode(i), limit));
                }
            }
            case CONCAT -> {
                box.getChildren().add(say("z_q: the looked-up codes side by side, " + q.embeddingDim() + " values like z."));
                box.getChildren().add(strip("z_q", t.quantized(), limit));
                box.getChildren().add(say("z, for comparison:"));
                box.getChildren().add(strip("z", row, limit));
                box.getChildren().add(say(String.format(Locale.ROOT, "‖z − z_q‖² = %.6g: the quantisation error of"
                        + " this row (the sum of the chosen distances).", squaredError(row, t.quantized()))));
            }
            case STRAIGHT_THROUGH -> {
                box.getChildren().add(Formula.of("z_q = z + sg(z_q − z)"));
                box.getChildren().add(say(String.format(Locale.ROOT, "Forward: the value is z_q (computed as"
                        + " z + (z_q − z) in float32, it differs from the codes by at most %.2g).", maxDifference(t))));
                box.getChildren().add(say("Backward: the gradient of the loss with respect to z is the gradient with"
                        + " respect to z_q, copied unchanged (∂z_q/∂z = I). No gradient reaches the codes through"
                        + " this path: the codebook learns from its own loss term (or by EMA)."));
            }
        }
        return box;
    }

    private static Label say(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("stage-text");
        return l;
    }

    private static ValueStrip strip(String name, float[] values, double limit) {
        ValueStrip s = new ValueStrip();
        s.show(name, values, limit);
        return s;
    }

    private GridPane termsTable(ForwardTrace t, int h) {
        GridPane grid = new GridPane();
        grid.setId("termsTable");
        grid.getStyleClass().add("terms-table");
        grid.setHgap(14);
        grid.setVgap(3);
        String[] heads = {"code", "‖c‖²", "−2⟨z_h, c⟩", "sum of the terms", "forward"};
        for (int c = 0; c < heads.length; c++) {
            grid.add(cell(heads[c], "table-head"), c, 0);
        }
        int[] nearest = t.nearest(h, NEAREST_SHOWN);
        for (int r = 0; r < nearest.length; r++) {
            int k = nearest[r];
            grid.add(cell(Integer.toString(k), null), 0, r + 1);
            grid.add(cell(String.format(Locale.ROOT, "%.6g", t.codeNormSquared(h, k)), null), 1, r + 1);
            grid.add(cell(String.format(Locale.ROOT, "%.6g", -2f * t.dot(h, k)), null), 2, r + 1);
            grid.add(cell(String.format(Locale.ROOT, "%.6g", t.expansion(h, k)), null), 3, r + 1);
            grid.add(cell(String.format(Locale.ROOT, "%.6g", t.distance(h, k)), null), 4, r + 1);
        }
        return grid;
    }

    /** A table cell that keeps its whole text (the table scrolls rather than cut numbers). */
    private static Label cell(String text, String styleClass) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        if (styleClass != null) {
            l.getStyleClass().add(styleClass);
        }
        return l;
    }

    private static String nearestText(ForwardTrace t, int h) {
        StringBuilder sb = new StringBuilder();
        for (int k : t.nearest(h, NEAREST_SHOWN)) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "code %d at %.4g", k, t.distance(h, k)));
        }
        return sb.toString();
    }

    private static String indices(ForwardTrace t, QuantizerConfig q) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < q.heads(); i++) {
            sb.append(i == 0 ? "" : ", ").append(t.index(i));
        }
        return sb.toString();
    }

    private static double squaredError(float[] z, float[] zq) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double d = z[i] - zq[i];
            s += d * d;
        }
        return s;
    }

    private double maxDifference(ForwardTrace t) {
        QuantizerConfig q = model.config();
        float[] zq = t.quantized();
        double max = 0;
        for (int h = 0; h < q.heads(); h++) {
            float[] c = t.chosenCode(h);
            for (int j = 0; j < q.headDim(); j++) {
                max = Math.max(max, Math.abs(zq[h * q.headDim() + j] - c[j]));
            }
        }
        return max;
    }

    @Override
    boolean key(KeyEvent e) {
        if (model == null) {
            return false;
        }
        if (e.getCode() == KeyCode.RIGHT) {
            model.nextStage();
            return true;
        }
        if (e.getCode() == KeyCode.LEFT) {
            model.previousStage();
            return true;
        }
        return false;
    }
}
