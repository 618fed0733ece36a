package vqlens.ui.learn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import vqlens.core.VqException;
import vqlens.ui.common.FailureText;
import vqlens.ui.common.IntegerSpinners;
import vqlens.ui.learn.model.LessonImage;
import vqlens.ui.learn.model.PqChoice;
import vqlens.ui.learn.model.PqResult;
import vqlens.ui.learn.model.ProductQuantizationModel;
import vqlens.ui.learn.model.RateDistortion;

/**
 * Lesson 5: one codebook against a product quantizer at equal bits per patch, on a photo. The pair on show is
 * computed in the background as soon as it is chosen; the whole rate–distortion chart on request (progress, Cancel).
 * Results come back to the FX thread one by one as immutable values; each picture is turned into an FX image once.
 */
final class ProductQuantizationLesson extends Lesson {
    /** FX images kept for results seen (two per chart point at most, a few MB each). */
    private static final int PICTURES_KEPT = 40;
    private static final double PICTURE_WIDTH = 430;
    /** Width of the table's lines that span its columns (about the columns' own width). */
    private static final double TABLE_TEXT_WIDTH = 230;

    private final ProductQuantizationModel model = new ProductQuantizationModel();
    private final Executor background;
    private final Executor fxThread;
    private final Map<LessonImage, Image> pictures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LessonImage, Image> eldest) {
            return size() > PICTURES_KEPT;
        }
    };
    private final RateDistortionChart chart = new RateDistortionChart();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancel = new Button("Cancel");
    private final Button computeChart = new Button("Compute the chart");
    private Running running;
    private double zoom = 1;

    /**
     * The background run in progress: its job, its cancel flag, whether the learner cancelled it (else the lesson
     * did, to compute something else), whether it is the chart's.
     */
    private record Running(ProductQuantizationModel.Job job, AtomicBoolean cancelled, AtomicBoolean byLearner,
                           boolean chart) {
        void cancel(boolean learner) {
            byLearner.compareAndSet(false, learner);
            cancelled.set(true);
        }
    }

    ProductQuantizationLesson(Executor background, Executor fxThread) {
        this.background = background;
        this.fxThread = fxThread;
    }

    @Override
    String title() {
        return "Product quantization";
    }

    @Override
    ProductQuantizationModel model() {
        return model;
    }

    @Override
    protected Node buildText() {
        return LessonText.of(
                "Cut a photo into 4 × 4-pixel patches: each is a vector of 4·4·3 = 48 values. Compress every patch to"
                        + " b bits by storing the index of a code, and decode by looking the code up.",
                "One codebook needs 2^b codes for b bits. A product quantizer splits the vector into H heads, each"
                        + " with its own codebook of K codes, and concatenates their codes:",
                "$ z = (z_1, …, z_H),   z_h ∈ R^{48/H}",
                "$ b = H·log_2 K bits per patch",
                "$ stored codes = H·K,   patches it can make = K^H = 2^b",
                "At equal bits the single book fits patches better (it may place all 2^b codes anywhere), but its"
                        + " size, training data and search time grow as 2^b; the heads' grow as H·2^{b/H}. Plot the"
                        + " chart against stored codes and the heads win.",
                "$ PSNR = 10·log_10(1 / MSE) dB,   bits per pixel = b / 16",
                "Tie it to the seed module: 4 heads × 256 codes × 96 dims cut a 384-D vector into four and spend"
                        + " 4·8 = 32 bits on it. It stores 1,024 codes yet addresses 2^32 ≈ 4.3 billion"
                        + " combinations; one book would need all 2^32.",
                "Each choice is trained by the project's trainer (k-means, " + RateDistortion.MOVES + " passes, codes"
                        + " started from random patches) on at most " + String.format(Locale.ROOT, "%,d",
                        RateDistortion.TRAIN_ROWS) + " patches drawn from the seed, so the whole chart takes"
                        + " seconds; core's encoder and decoder then compress every patch.");
    }

    @Override
    protected Node buildView() {
        ImageView singleView = picture("pqSingleImage");
        ImageView productView = picture("pqProductImage");
        Label singleCaption = caption("pqSingleCaption");
        Label productCaption = caption("pqProductCaption");
        HBox pictures = new HBox(12, new VBox(4, singleView, singleCaption), new VBox(4, productView, productCaption));

        ChoiceBox<String> photo = new ChoiceBox<>();
        photo.setId("pqPhoto");
        Button open = new Button("Open image…");
        open.setId("pqOpen");
        open.setOnAction(e -> chooseImage(open));
        ChoiceBox<Integer> bits = new ChoiceBox<>();
        bits.setId("pqBits");
        bits.getItems().setAll(ProductQuantizationModel.BUDGETS);
        ChoiceBox<Integer> heads = new ChoiceBox<>();
        heads.setId("pqHeads");
        Spinner<Integer> seed = IntegerSpinners.of(0, 9999, (int) model.seed());
        seed.setId("pqSeed");
        seed.setPrefWidth(80);
        Label problem = new Label();
        problem.setId("pqProblem");
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        boolean[] showing = {false}; // the controls are being set from the model: not the learner's choice
        photo.setOnAction(e -> act(showing, () -> {
            if (photo.getValue() != null && !photo.getValue().equals(model.image().name())) {
                model.setPhoto(photo.getValue());
            }
        }));
        bits.setOnAction(e -> act(showing, () -> {
            if (bits.getValue() != null && bits.getValue() != model.bits()) {
                model.setBits(bits.getValue());
            }
        }));
        heads.setOnAction(e -> act(showing, () -> {
            if (heads.getValue() != null && heads.getValue() != model.heads()) {
                model.setHeads(heads.getValue());
            }
        }));
        seed.valueProperty().addListener((obs, old, v) -> act(showing, () -> {
            if (v != null && v != model.seed()) {
                model.setSeed(v);
            }
        }));

        CheckBox storedAxis = new CheckBox("x: stored codes");
        storedAxis.setId("pqStoredAxis");
        storedAxis.setOnAction(e -> refreshChart(storedAxis.isSelected()));
        chart.setId("pqRdChart");
        computeChart.setId("pqComputeChart");
        computeChart.setOnAction(e -> computeChart());
        cancel.setId("pqCancel");
        cancel.setVisible(false);
        cancel.setOnAction(e -> {
            pendingChart = false; // the learner's cancel also drops a chart waiting for the run it replaces
            if (running != null) {
                running.cancel(true);
            }
        });
        progress.setId("pqProgress");
        progress.setVisible(false);
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        GridPane table = new GridPane();
        table.setId("pqTable");
        table.getStyleClass().add("terms-table");
        table.setHgap(12);
        table.setMinWidth(Region.USE_PREF_SIZE); // the chart gives way, the numbers are never cut
        table.setVgap(3);

        HBox controls = LessonControls.row(new Label("Photo"), photo, open, new Label("Bits per patch"), bits,
                new Label("Heads"), heads, new Label("Seed"), seed);
        VBox chartBox = new VBox(6, chart, LessonControls.row(computeChart, cancel, storedAxis), progress);
        HBox.setHgrow(chartBox, Priority.ALWAYS);
        HBox lower = new HBox(16, chartBox, table);
        VBox view = new VBox(10, pictures, controls, problem, lower);
        view.getStyleClass().add("lesson-view");
        view.setPadding(new Insets(0, 4, 0, 4));

        Runnable show = () -> {
            computeWhatIsMissing(); // first, so what is missing reads "computing…"
            showing[0] = true;
            try {
                photo.getItems().setAll(model.photos());
                photo.setValue(model.image().name());
                bits.setValue(model.bits());
                heads.getItems().setAll(model.headChoices());
                heads.setValue(model.heads());
                seed.getValueFactory().setValue((int) model.seed());
            } finally {
                showing[0] = false;
            }
            problem.setText(model.problem());
            showResult(model.result(model.single()), singleView, singleCaption, model.single());
            showResult(model.result(model.product()), productView, productCaption, model.product());
            fillTable(table);
            refreshChart(storedAxis.isSelected());
            computeChart.setDisable(model.chartComplete() || (running != null && running.chart()));
        };
        model.addListener(show);
        show.run();
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(view);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.getStyleClass().add("lesson-side");
        // the two pictures share the width the lesson has, side by side
        javafx.beans.binding.DoubleBinding half = javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(160, Math.min(PICTURE_WIDTH, (scroll.getViewportBounds().getWidth() - 24) / 2)),
                scroll.viewportBoundsProperty());
        for (ImageView v : List.of(singleView, productView)) {
            v.fitWidthProperty().bind(half);
        }
        for (Label l : List.of(singleCaption, productCaption)) {
            l.maxWidthProperty().bind(half);
        }
        return scroll;
    }

    private static ImageView picture(String id) {
        ImageView v = new ImageView();
        v.setId(id);
        v.setPreserveRatio(true);
        v.setSmooth(false); // the blocks are the point: no blur between patches
        v.setFitWidth(PICTURE_WIDTH);
        return v;
    }

    private static Label caption(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(PICTURE_WIDTH);
        l.getStyleClass().add("lesson-stats");
        return l;
    }


    private void showResult(PqResult r, ImageView view, Label caption, PqChoice c) {
        String head = (c.heads() == 1 ? "1 head × " : c.heads() + " heads × ") + c.codes() + " codes";
        if (r == null) {
            view.setImage(fxImage(model.image(), true));
            view.setOpacity(0.35);
            caption.setText(head + (running != null ? ": computing… (the original, faded, until then)"
                    : ": cancelled; Compute the chart to run it"));
            return;
        }
        view.setOpacity(1);
        view.setImage(fxImage(r.reconstruction(), false));
        caption.setText(String.format(Locale.ROOT, "%s · PSNR %.2f dB · %.3g bits/pixel · %,d stored codes", head,
                r.psnr(), r.bitsPerPixel(), c.storedCodes()));
    }

    /** The picture as an FX image, made once per picture. */
    private Image fxImage(LessonImage image, boolean cropToPatches) {
        return pictures.computeIfAbsent(image, i -> {
            int w = cropToPatches ? model.patches().width() : i.width();
            int h = cropToPatches ? model.patches().height() : i.height();
            int[] argb = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    argb[y * w + x] = 0xff000000 | channel(i.value(x, y, 0)) << 16 | channel(i.value(x, y, 1)) << 8
                            | channel(i.value(x, y, 2));
                }
            }
            WritableImage out = new WritableImage(w, h);
            out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            return out;
        });
    }

    private static int channel(float v) {
        return Math.round(Math.min(1f, Math.max(0f, v)) * 255);
    }

    /** Every choice at the budget: stored codes against addressable patches, and the seed module's line. */
    private void fillTable(GridPane table) {
        table.getChildren().clear();
        String[] head = {"H × K", "stored", "patches", "PSNR"};
        for (int c = 0; c < head.length; c++) {
            Label l = new Label(head[c]);
            l.getStyleClass().add("table-head");
            table.add(l, c, 0);
        }
        int row = 1;
        for (PqChoice c : PqChoice.all(model.bits())) {
            PqResult r = model.result(c);
            table.addRow(row++, new Label(c.label()), new Label(String.format(Locale.ROOT, "%,d", c.storedCodes())),
                    new Label(String.format(Locale.ROOT, "%,d", c.combinations())),
                    new Label(r == null ? "…" : String.format(Locale.ROOT, "%.2f dB", r.psnr())));
        }
        Label seedHead = new Label("The seed module, 32 bits per 384-D vector:");
        seedHead.setWrapText(true);
        seedHead.setPrefWidth(TABLE_TEXT_WIDTH); // wrap here rather than widen the table
        seedHead.getStyleClass().add("table-head");
        table.add(seedHead, 0, row++, 4, 1);
        table.addRow(row, new Label(ProductQuantizationModel.SEED_HEADS + " × " + ProductQuantizationModel.SEED_CODES),
                new Label(String.format(Locale.ROOT, "%,d", ProductQuantizationModel.SEED_HEADS
                        * ProductQuantizationModel.SEED_CODES)), new Label("2^32"),
                new Label(ProductQuantizationModel.SEED_DIMS + "-D heads"));
        Label total = new Label("2^32 = 4,294,967,296 patches from 1,024 stored codes");
        total.setWrapText(true);
        total.setPrefWidth(TABLE_TEXT_WIDTH);
        table.add(total, 0, row + 1, 4, 1);
        for (Node n : table.getChildren()) {
            ((Label) n).setMinWidth(Region.USE_PREF_SIZE);
        }
    }

    private void refreshChart(boolean againstStoredCodes) {
        chart.show(model.results(), Set.of(model.single(), model.product()), againstStoredCodes);
    }

    // ------------------------------------------------------------------ background work

    /** Starts the pair on show when it is missing; a run for another photo or seed is cancelled first. */
    private void computeWhatIsMissing() {
        ProductQuantizationModel.Job pair = model.pairJob();
        if (pair == null) {
            return;
        }
        if (running == null) {
            start(pair, false);
        } else if (!running.job().key().equals(pair.key())
                || !running.job().choices().containsAll(pair.choices())) {
            running.cancel(false); // its end starts what is missing now
        }
    }

    /** What "Compute the chart" does (the screenshot maker calls it before the view has a skin). */
    void computeChart() {
        ProductQuantizationModel.Job job = model.chartJob();
        if (job == null) {
            return;
        }
        if (running != null) {
            running.cancel(false);
            pendingChart = true;
            return;
        }
        start(job, true);
    }

    private boolean pendingChart;

    private void start(ProductQuantizationModel.Job job, boolean wholeChart) {
        Running run = new Running(job, new AtomicBoolean(), new AtomicBoolean(), wholeChart);
        running = run;
        cancel.setVisible(true);
        progress.setVisible(true);
        progress.setProgress(0);
        computeChart.setDisable(true);
        double[] shown = {0};
        CompletableFuture.supplyAsync(() -> job.run(
                r -> fxThread.execute(() -> model.accept(job, r)),
                p -> {
                    if (p - shown[0] >= 0.02 || p == 1) { // at most ~50 updates reach the FX thread
                        shown[0] = p;
                        fxThread.execute(() -> progress.setProgress(p));
                    }
                }, () -> run.cancelled().get()), background).whenCompleteAsync((results, failure) -> {
                    running = null;
                    cancel.setVisible(false);
                    progress.setVisible(false);
                    computeChart.setDisable(model.chartComplete());
                    if (failure != null && !run.cancelled().get()) {
                        model.refuse(FailureText.of(failure));
                        return;
                    }
                    if (pendingChart) {
                        pendingChart = false;
                        computeChart();
                    } else if (!run.byLearner().get()) {
                        computeWhatIsMissing();
                    }
                }, fxThread);
    }

    /** Whether a background run is going on (for tests). */
    boolean busy() {
        return running != null;
    }

    // ------------------------------------------------------------------ the learner's own image

    private void chooseImage(Node owner) {
        Path file = LessonControls.chooseImage(owner);
        if (file != null) {
            openImage(file);
        }
    }

    /** Reads {@code file} in the background (header first, subsampled); a failure is one line in the lesson. */
    void openImage(Path file) {
        CompletableFuture.supplyAsync(() -> LessonImage.open(file), background).whenCompleteAsync((image, failure) -> {
            if (failure != null) {
                model.refuse(FailureText.of(failure));
            } else {
                model.useImage(image);
            }
        }, fxThread);
    }

    /** A refused choice is said in one line; nothing else changes. */
    private void act(boolean[] showing, Runnable action) {
        if (showing[0]) {
            return;
        }
        try {
            action.run();
        } catch (VqException e) {
            model.refuse(e.getMessage());
        }
    }

    @Override
    void setZoom(double value) {
        zoom = value;
        chart.setPrefSize(400 * zoom, 300 * zoom); // the canvas's text does not follow the CSS font size
    }

    /** Stops the background run (the tab was left or the window closed). */
    @Override
    void pause() {
        if (running != null) {
            running.cancel(true);
        }
    }
}
