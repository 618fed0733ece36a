package vqlens.ui.learn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;
import vqlens.core.VqException;
import vqlens.train.UpdateRule;
import vqlens.ui.common.BackgroundTasks;
import vqlens.ui.common.Coalescer;
import vqlens.ui.common.Delayer;
import vqlens.ui.common.FailureText;
import vqlens.ui.common.IntegerSpinners;
import vqlens.ui.common.SnapshotRelay;
import vqlens.ui.common.TaskFailure;
import vqlens.ui.learn.model.ColourCloud;
import vqlens.ui.learn.model.ColourQuantizationModel;
import vqlens.ui.learn.model.ColourSnapshot;
import vqlens.ui.learn.model.ColourTraining;
import vqlens.ui.learn.model.LessonImage;

/**
 * Lesson 4: colour quantization. Training runs in the background ({@link BackgroundTasks}); its snapshots reach the
 * FX thread through a {@link SnapshotRelay} (latest wins, at most one update pending). On the FX thread only cheap
 * work happens: the quantised picture is written from the pixels' codes through a K-colour lookup into one reused
 * {@link WritableImage}, and the split only moves a clip.
 */
final class ColourQuantizationLesson extends Lesson {
    private static final double PICTURE_WIDTH = 430;

    private final ColourQuantizationModel model = new ColourQuantizationModel();
    private final BackgroundTasks tasks;
    private final Executor fxThread;
    private final Map<LessonImage, Image> originals = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LessonImage, Image> eldest) {
            return size() > 3;
        }
    };
    private final SplitImageView picture = new SplitImageView();
    private final PaletteView palette = new PaletteView();
    private final ColourCloudView cloudView = new ColourCloudView();
    private final Button train = new Button("Train");
    private final ProgressBar progress = new ProgressBar(0);
    private final ColorPicker colour = new ColorPicker();
    private WritableImage quantised;
    private int[] argb;
    private Running running;
    private boolean showing; // the controls are being set from the model: not the learner's choice
    /** Settings not to train on their own again: the learner stopped them, or their training failed. */
    private String held;
    private Runnable refresh = () -> { };

    /** The background run in progress: its job and its cancel flag. */
    private record Running(ColourTraining.Job job, AtomicBoolean cancelled) {
    }

    ColourQuantizationLesson(Executor background, Executor fxThread) {
        this.fxThread = fxThread;
        this.tasks = new BackgroundTasks(this, background, fxThread);
    }

    @Override
    String title() {
        return "Colour quantization";
    }

    @Override
    ColourQuantizationModel model() {
        return model;
    }

    @Override
    protected Node buildText() {
        return LessonText.of(
                "Every pixel of a photo is a 3-D vector x = (r, g, b), each value in 0..1. A codebook of K colours"
                        + " (the codes) replaces each pixel by its nearest code: vector quantization you can see.",
                "$ k(x) = argmin_k ‖x − c_k‖^2",
                "$ x → c_{k(x)}",
                "$ MSE = (1/3n) Σ_x ‖x − c_{k(x)}‖^2",
                "$ PSNR = 10·log_10(1 / MSE) dB",
                "The image then needs log₂ K bits per pixel instead of 24, plus the K colours.",
                String.format(Locale.ROOT, "Training uses the project's trainer on %,d pixels drawn from the seed:"
                        + " k-means (up to %d Lloyd passes: assign every pixel, move every code to the mean of its"
                        + " pixels) or EMA (%d batches of %,d pixels, decay γ = %.1f, one batch at a time as a VQ-VAE"
                        + " learns). After each pass, or every few batches, core's encoder codes every pixel of the"
                        + " image and the picture updates.", ColourTraining.SAMPLE_ROWS, ColourTraining.KMEANS_PASSES,
                        ColourTraining.EMA_STEPS, ColourTraining.EMA_BATCH, ColourTraining.EMA_DECAY),
                "Drag the split across the picture: original on the left, quantised on the right. The palette shows"
                        + " each code with its usage, the share of pixels that chose it (red bars: under a quarter of the fair"
                        + " share 1/K)."
                        + " Click a swatch to highlight its pixels.",
                "Pick a new colour for the selected swatch (or double-click it): that is an edit of the codebook,"
                        + " undoable. The image re-colours at once without encoding again: every pixel keeps its"
                        + " code and only the code's colour changes, so the MSE is that of the re-coloured image.",
                String.format(Locale.ROOT, "The cloud shows %,d of the pixels on the top two principal components of"
                        + " their colours, each in its code's colour, with the codes drawn on top as discs.",
                        ColourCloud.POINTS));
    }

    @Override
    protected Node buildView() {
        ChoiceBox<String> photo = new ChoiceBox<>();
        photo.setId("cqPhoto");
        Button open = new Button("Open image…");
        open.setId("cqOpen");
        open.setOnAction(e -> chooseImage(open));
        Spinner<Integer> codes = IntegerSpinners.of(ColourQuantizationModel.MIN_CODES,
                ColourQuantizationModel.MAX_CODES, model.codes());
        codes.setId("cqCodes");
        codes.setEditable(true);
        codes.setPrefWidth(80);
        ChoiceBox<UpdateRule> method = new ChoiceBox<>();
        method.setId("cqMethod");
        method.getItems().setAll(UpdateRule.KMEANS, UpdateRule.EMA);
        method.setConverter(new StringConverter<>() {
            @Override
            public String toString(UpdateRule rule) {
                return rule == null ? "" : rule == UpdateRule.KMEANS ? "k-means (Lloyd passes)" : "EMA (mini-batches)";
            }

            @Override
            public UpdateRule fromString(String text) {
                return null;
            }
        });
        Spinner<Integer> seed = IntegerSpinners.of(0, 9999, (int) model.seed());
        seed.setId("cqSeed");
        seed.setPrefWidth(80);
        Label problem = new Label();
        problem.setId("cqProblem");
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        photo.setOnAction(e -> act(() -> {
            if (photo.getValue() != null && !photo.getValue().equals(model.image().name())) {
                model.setPhoto(photo.getValue());
            }
        }));
        codes.valueProperty().addListener((obs, old, v) -> act(() -> {
            if (v != null && v != model.codes()) {
                model.setCodes(v);
            }
        }));
        method.setOnAction(e -> act(() -> {
            if (method.getValue() != null && method.getValue() != model.method()) {
                model.setMethod(method.getValue());
            }
        }));
        seed.valueProperty().addListener((obs, old, v) -> act(() -> {
            if (v != null && v != model.seed()) {
                model.setSeed(v);
            }
        }));

        train.setId("cqTrain");
        train.setOnAction(e -> {
            if (running != null) {
                held = running.job().key(); // Stop: the last snapshot stays on show, nothing restarts it
                running.cancelled().set(true);
            } else {
                held = null;
                act(model::retrain);
            }
        });
        progress.setId("cqProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label status = new Label();
        status.setId("cqStatus");
        status.getStyleClass().add("lesson-stats");
        status.setMinWidth(Region.USE_PREF_SIZE);

        picture.setId("cqImage");
        Slider split = new Slider(0, 1, 0.5);
        split.setId("cqSplit");
        split.valueProperty().bindBidirectional(picture.splitProperty());
        split.maxWidthProperty().bind(picture.fitWidthProperty());
        cloudView.setId("cqCloud");
        palette.setId("cqPalette");
        palette.setMaxWidth(Double.MAX_VALUE);
        palette.setOnSelect(k -> act(() -> model.select(k == model.selected() ? -1 : k)));
        palette.setOnEdit(k -> act(() -> {
            model.select(k);
            colour.show();
        }));
        colour.setId("cqColour");
        colour.valueProperty().addListener((obs, old, v) -> {
            if (!showing && v != null && model.selected() >= 0) {
                act(() -> model.setColour(model.selected(), (float) v.getRed(), (float) v.getGreen(),
                        (float) v.getBlue()));
            }
        });
        Button undo = new Button("Undo");
        undo.setId("cqUndo");
        undo.setOnAction(e -> act(model::undo));
        Button redo = new Button("Redo");
        redo.setId("cqRedo");
        redo.setOnAction(e -> act(model::redo));
        Label selectedLine = new Label();
        selectedLine.setId("cqSelected");
        selectedLine.getStyleClass().add("lesson-stats");
        selectedLine.setWrapText(true);
        selectedLine.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(selectedLine, Priority.ALWAYS);
        Label readout = new Label();
        readout.setId("cqReadout");
        readout.getStyleClass().add("lesson-stats");
        readout.setWrapText(true);
        readout.prefWidthProperty().bind(picture.fitWidthProperty()); // wrap under the picture, never widen it

        // a flow, so the controls wrap instead of overlapping at a presenter zoom
        javafx.scene.layout.FlowPane controls = new javafx.scene.layout.FlowPane(6, 6,
                LessonControls.row(new Label("Photo"), photo, open), LessonControls.row(new Label("K colours"), codes),
                LessonControls.row(new Label("Method"), method), LessonControls.row(new Label("Seed"), seed));
        controls.setAlignment(Pos.CENTER_LEFT);
        HBox trainRow = LessonControls.row(train, progress, status);
        spinners = List.of(codes, seed);
        VBox left = new VBox(4, picture, split, readout);
        HBox middle = new HBox(12, left, cloudView);
        HBox editing = LessonControls.row(new Label("Selected:"), selectedLine, colour, undo, redo);
        VBox view = new VBox(8, controls, trainRow, middle, palette, editing, problem);
        view.getStyleClass().add("lesson-view");
        view.setPadding(new Insets(0, 4, 0, 4));

        Runnable show = () -> {
            follow(); // first: a change of settings starts (or cancels) training
            showing = true;
            try {
                if (!photo.getItems().equals(model.photos())) { // a new list rebuilds the box: only when it changed
                    photo.getItems().setAll(model.photos());
                }
                photo.setValue(model.image().name());
                codes.getValueFactory().setValue(model.codes());
                method.setValue(model.method());
                seed.getValueFactory().setValue((int) model.seed());
                showResult(readout, selectedLine, status);
                int k = model.selected();
                if (k >= 0) {
                    float[] c = model.colour(k);
                    colour.setValue(Color.color(clamp(c[0]), clamp(c[1]), clamp(c[2])));
                }
            } finally {
                showing = false;
            }
            colour.setDisable(model.selected() < 0 || this.running != null);
            undo.setDisable(!model.canUndo() || this.running != null);
            redo.setDisable(!model.canRedo() || this.running != null);
            problem.setText(model.problem());
        };
        refresh = show;
        model.addListener(show);
        show.run();
        ScrollPane scroll = new ScrollPane(view);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.getStyleClass().add("lesson-side");
        // the picture takes about 60 % of the width, the cloud the rest (at most its own size)
        scroll.viewportBoundsProperty().addListener((obs, old, v) -> fitWidths(v.getWidth()));
        viewport = scroll;
        return scroll;
    }

    private double zoom = 1;
    private ScrollPane viewport;
    private List<Spinner<Integer>> spinners = List.of();

    private void fitWidths(double width) {
        if (width <= 0) {
            return;
        }
        double pictureWidth = Math.max(240, Math.min(PICTURE_WIDTH * zoom, (width - 24) * 0.6));
        picture.fitWidthProperty().set(pictureWidth);
        double cloud = Math.max(160, Math.min(280 * zoom, width - 24 - pictureWidth));
        cloudView.setPrefSize(cloud, cloud);
    }


    private static double clamp(float v) {
        return Math.min(1, Math.max(0, v));
    }

    /** The picture, palette, cloud and numbers for the result on show. */
    private void showResult(Label readout, Label selectedLine, Label status) {
        LessonImage image = model.image();
        picture.setOriginal(original(image));
        ColourSnapshot r = model.result();
        ColourCloud cloud = model.cloud();
        train.setText(running != null ? "Stop" : r == null ? "Train" : "Train again");
        progress.setProgress(r == null ? 0 : (double) r.step() / r.steps());
        progress.setVisible(running != null);
        if (r == null) {
            picture.setQuantised(original(image), running != null ? "quantised: training…" : "quantised: not trained");
            palette.show(new float[0][], new double[0], -1);
            cloudView.show(cloud, null, new float[0][], new double[0][], -1);
            readout.setText(image.width() + " × " + image.height() + " pixels · press Train");
            selectedLine.setText("click a swatch once training has started");
            status.setText(running != null ? "starting…" : "");
            return;
        }
        int k = model.codes();
        float[][] colours = new float[k][];
        double[][] where = new double[k][];
        for (int c = 0; c < k; c++) {
            colours[c] = model.colour(c);
            where[c] = cloud.project(colours[c]);
        }
        picture.setQuantised(quantisedImage(), "quantised, K = " + k);
        palette.show(colours, r.usage(), model.selected());
        int[] pointCodes = new int[cloud.size()];
        for (int i = 0; i < pointCodes.length; i++) {
            pointCodes[i] = r.code(cloud.pixel(i));
        }
        cloudView.show(cloud, pointCodes, colours, where, model.selected());
        String what = model.method() == UpdateRule.KMEANS ? "pass" : "batch";
        status.setText(String.format(Locale.ROOT, "%s %d of %d%s", what, r.step(), r.steps(),
                r.finished() ? ", done" : running != null ? "" : ", stopped"));
        readout.setText(String.format(Locale.ROOT, "MSE %.5f · PSNR %.2f dB%s · %d bits per pixel%s", model.mse(),
                model.psnr(), model.canUndo() ? " (re-coloured)" : "", bits(k),
                r.step() > 0 ? String.format(Locale.ROOT, " · started at PSNR %.2f dB",
                        10 * Math.log10(1 / r.initialMse())) : ""));
        int s = model.selected();
        if (s < 0) {
            selectedLine.setText("none: click a swatch to highlight its pixels");
        } else {
            float[] c = colours[s];
            selectedLine.setText(String.format(Locale.ROOT, "code %d · %s of the pixels · RGB %d %d %d", s,
                    PaletteView.percent(r.usage()[s]), PaletteView.channel(c[0]), PaletteView.channel(c[1]),
                    PaletteView.channel(c[2])));
        }
    }

    private static int bits(int k) {
        return 32 - Integer.numberOfLeadingZeros(k - 1);
    }

    /** The quantised picture: the model paints codes through the palette into one reused buffer. */
    private Image quantisedImage() {
        LessonImage image = model.image();
        int w = image.width();
        int h = image.height();
        if (quantised == null || quantised.getWidth() != w || quantised.getHeight() != h) {
            quantised = new WritableImage(w, h);
            argb = new int[w * h];
        }
        model.paint(argb);
        quantised.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return quantised;
    }

    private Image original(LessonImage image) {
        return originals.computeIfAbsent(image, i -> {
            int w = i.width();
            int h = i.height();
            int[] pixels = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    pixels[y * w + x] = ColourQuantizationModel.argb(i.value(x, y, 0), i.value(x, y, 1),
                            i.value(x, y, 2));
                }
            }
            WritableImage out = new WritableImage(w, h);
            out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
            return out;
        });
    }

    // ------------------------------------------------------------------ background work

    /** Starts training when the settings on show have no result; a run for other settings is cancelled first. */
    private void follow() {
        if (running != null) {
            if (!running.job().key().equals(model.key())) {
                running.cancelled().set(true); // its end starts what is wanted now
            }
            return;
        }
        if (model.needsTraining() && !model.key().equals(held)) {
            start(model.trainJob());
        }
    }

    private void start(ColourTraining.Job job) {
        Running run = new Running(job, new AtomicBoolean());
        running = run;
        SnapshotRelay<ColourSnapshot> relay = new SnapshotRelay<>(Coalescer.latest(), s -> model.accept(job, s),
                fxThread, Delayer.system(), 0); // no rate limit: one update pending at most, coalesced
        tasks.run(() -> job.run(relay::offer, () -> run.cancelled().get()), last -> {
            relay.close();
            running = null;
            model.accept(job, last); // the finished snapshot (the relay's copy may still be queued: the same)
            refresh.run();
        }, failure -> {
            relay.close();
            running = null;
            if (!run.cancelled().get()) {
                held = job.key();
                model.refuse(failure instanceof TaskFailure.Failed f ? FailureText.of(f.cause()) : "training failed");
            } else {
                refresh.run();
            }
        });
    }

    /** The split picture (the screenshot maker sets its split before the view has a skin). */
    SplitImageView picture() {
        return picture;
    }

    /** Whether training runs (for tests). */
    boolean busy() {
        return running != null;
    }

    /** Stops training (the tab was left or the window closed). */
    @Override
    void pause() {
        if (running != null) {
            running.cancelled().set(true);
        }
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
        tasks.run(() -> LessonImage.open(file), model::useImage,
                failure -> model.refuse(failure instanceof TaskFailure.Failed f ? FailureText.of(f.cause())
                        : "cannot open " + file.getFileName()));
    }

    /** A refused choice is said in one line; nothing else changes. */
    private void act(Runnable action) {
        if (showing) {
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
        palette.setZoom(value);
        cloudView.setZoom(value);
        for (Spinner<Integer> sp : spinners) {
            sp.setPrefWidth(80 * value); // the field's text follows the font, its width does not
        }
        if (viewport != null) {
            fitWidths(viewport.getViewportBounds().getWidth());
        }
    }
}
