package vqlens.ui.learn;

import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import vqlens.core.DistanceTerms;
import vqlens.ui.common.IntegerSpinners;
import vqlens.ui.chart.NumberText;
import vqlens.ui.learn.model.NearestCodeModel;
import vqlens.ui.learn.model.PlaneDataset;

/** Lesson 1: every point goes to its nearest code; the learner moves codes and points and watches the cells. */
final class NearestCodeLesson extends PlaneLesson {
    private final NearestCodeModel model = new NearestCodeModel();

    @Override
    String title() {
        return "The nearest code";
    }

    @Override
    NearestCodeModel model() {
        return model;
    }

    @Override
    protected Node buildText() {
        return LessonText.of(
                "A vector quantizer keeps a codebook: a short list of vectors, the codes. It replaces every input"
                        + " vector z by the code nearest to it, and from then on only the code's index is stored.",
                "Here the vectors are points of the plane and the codes are the numbered discs. Each point takes"
                        + " the colour of its nearest code. The region of the plane that goes to one code is its"
                        + " Voronoi cell; the cells' borders lie halfway between neighbouring codes.",
                "Nearest means the smallest squared distance. The quantizer computes it without subtracting, from"
                        + " three terms it can get for all codes at once with one matrix product:",
                "$ ‖z − c‖^2 = ‖z‖^2 + ‖c‖^2 − 2⟨z, c⟩",
                "and takes the first code at the smallest value (argmin). Hover over a point to see both sides.",
                "The error the quantizer makes is the mean squared distance of the points to their codes (MSE). A"
                        + " code that no point chooses is dead: it adds nothing, and a trainer cannot move it.",
                "Drag a code to move it. Double-click empty space to add a code; right-click a code to delete it."
                        + " Shift-drag a point to move it, Shift-click empty space to add one, Shift-right-click to"
                        + " delete one. Select a code and press Duplicate (or D) for an exact copy.");
    }

    @Override
    protected Node buildView() {
        plane = new PlaneView();
        plane.setId("nearestPlane");
        plane.setGestures(new PlaneView.Gestures() {
            @Override
            public void pressedEmpty(double x, double y, MouseEvent e) {
                if (e.isShiftDown() && e.getButton() == MouseButton.PRIMARY) {
                    model.addPoint(x, y);
                } else if (e.getClickCount() == 2 && e.getButton() == MouseButton.PRIMARY) {
                    model.addCode(x, y);
                } else {
                    model.select(-1);
                }
            }

            @Override
            public void codePressed(int code, MouseEvent e) {
                if (e.getButton() == MouseButton.SECONDARY) {
                    model.deleteCode(code);
                } else {
                    model.select(code);
                }
            }

            @Override
            public void codeDragged(int code, double x, double y) {
                model.moveCode(code, x, y);
            }

            @Override
            public void pointPressed(int point, MouseEvent e) {
                if (e.getButton() == MouseButton.SECONDARY) {
                    model.deletePoint(point);
                }
            }

            @Override
            public void pointDragged(int point, double x, double y) {
                model.movePoint(point, x, y);
            }
        });
        plane.setPointHover(this::hoverLines);
        ChoiceBox<PlaneDataset> data = new ChoiceBox<>();
        data.getItems().setAll(PlaneDataset.values());
        data.setId("nearestDataset");
        data.setOnAction(e -> {
            if (data.getValue() != null && data.getValue() != model.dataset()) {
                model.setDataset(data.getValue(), model.scene().pointCount(), model.seed());
            }
        });
        javafx.scene.control.Spinner<Integer> points = IntegerSpinners.of(10, NearestCodeModel.MAX_POINTS,
                model.scene().pointCount(), 100);
        points.setId("nearestPoints");
        points.setPrefWidth(110);
        javafx.scene.control.Spinner<Integer> seed = IntegerSpinners.of(0, 9999, (int) model.seed());
        seed.setId("nearestSeed");
        seed.setPrefWidth(90);
        points.valueProperty().addListener((obs, old, n) -> {
            if (n != null && n != model.scene().pointCount()) {
                model.setDataset(model.dataset(), n, model.seed());
            }
        });
        seed.valueProperty().addListener((obs, old, v) -> {
            if (v != null && v != model.seed()) {
                model.setDataset(model.dataset(), model.scene().pointCount(), v);
            }
        });
        Button duplicate = new Button("Duplicate code");
        duplicate.setId("duplicateCode");
        duplicate.setOnAction(e -> model.duplicateCode(model.selected()));
        Button delete = new Button("Delete code");
        delete.setId("deleteCode");
        delete.setOnAction(e -> model.deleteCode(model.selected()));
        CheckBox snap = new CheckBox("Snap codes to a 0.5 grid");
        snap.setId("snapToGrid");
        snap.setOnAction(e -> model.setSnap(snap.isSelected()));
        Label stats = new Label();
        stats.setId("nearestStats");
        stats.setWrapText(true);
        stats.getStyleClass().add("lesson-stats");
        UsageBars usage = new UsageBars();
        Label pointsLabel = new Label("Points");
        Label seedLabel = new Label("Seed");
        pointsLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        seedLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        points.setPrefWidth(90);
        seed.setPrefWidth(75);
        HBox counts = new HBox(6, pointsLabel, points, seedLabel, seed);
        counts.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox side = new VBox(10, new Label("Data"), data, counts, duplicate, delete, snap, stats,
                new Label("Points per code"), usage);
        side.setPadding(new Insets(0, 0, 0, 10));
        side.setPrefWidth(250);
        side.setMinWidth(220);
        Runnable show = () -> {
            plane.show(model.scene(), model.selected());
            data.setValue(model.dataset());
            points.getValueFactory().setValue(model.scene().pointCount());
            seed.getValueFactory().setValue((int) model.seed());
            snap.setSelected(model.snap());
            duplicate.setDisable(model.selected() < 0);
            delete.setDisable(model.selected() < 0 || model.scene().codeCount() <= NearestCodeModel.MIN_CODES);
            stats.setText(String.format(Locale.ROOT, "%d codes · %s points%nMSE %.4f (started at %.4f)%n%d dead code%s",
                    model.scene().codeCount(), NumberText.grouped(model.scene().pointCount()), model.mse(), model.startMse(),
                    deadCodes(), deadCodes() == 1 ? "" : "s"));
            usage.show(model.scene().usage());
        };
        model.addListener(show);
        show.run();
        HBox view = new HBox(plane, side);
        HBox.setHgrow(plane, Priority.ALWAYS);
        view.getStyleClass().add("lesson-view");
        return view;
    }

    private int deadCodes() {
        int n = 0;
        for (int u : model.scene().usage()) {
            n += u == 0 ? 1 : 0;
        }
        return n;
    }

    private List<String> hoverLines(int point) {
        DistanceTerms t = model.termsOf(point);
        int code = model.scene().assignment()[point];
        return List.of("point " + point + " → code " + code,
                String.format(Locale.ROOT, "‖z‖² + ‖c‖² − 2⟨z,c⟩ = %.4f + %.4f − %.4f = %.5f", t.rowNormSquared(),
                        t.codeNormSquared(), 2 * t.dot(), t.expansion()),
                String.format(Locale.ROOT, "‖z − c‖² = %.5f (direct)", t.direct()));
    }

    @Override
    Node figure() {
        view();
        return plane;
    }

    @Override
    boolean key(KeyEvent e) {
        if (e.getCode() == KeyCode.D && model.selected() >= 0) {
            return model.duplicateCode(model.selected());
        }
        if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && model.selected() >= 0) {
            return model.deleteCode(model.selected());
        }
        return false;
    }

    /** The plane, for tests. */
    PlaneView plane() {
        view();
        return plane;
    }
}
