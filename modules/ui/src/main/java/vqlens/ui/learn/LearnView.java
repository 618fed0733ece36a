package vqlens.ui.learn;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import vqlens.core.io.AtomicFiles;
import vqlens.ui.common.BackgroundTasks;
import vqlens.ui.common.Command;
import vqlens.ui.common.Commands;
import vqlens.ui.common.TaskFailure;
import vqlens.ui.learn.model.TryThis;
import vqlens.ui.plot.CanvasChart;

/**
 * The Learn tab: a lesson list with progress marks, the lesson on show (its text, "Try this" tasks and
 * interactive view), Previous / Next, Reset lesson, Export figure and the presenter zoom. Lessons are built when
 * first shown and keep their state when the learner switches away and back.
 */
public final class LearnView extends BorderPane {
    public static final double MIN_ZOOM = 0.8;
    public static final double MAX_ZOOM = 2.5;
    private static final double ZOOM_STEP = 1.15;
    private static final double BASE_FONT = 13;

    /** Keys of the tab, for the help's list. */
    public static final List<java.util.Map.Entry<String, String>> KEYS = List.of(
            java.util.Map.entry("Page Down / Page Up", "Learn: next / previous lesson"),
            java.util.Map.entry("→ / ←", "Learn: the lesson's next move / step back (lesson 3: next / previous stage)"),
            java.util.Map.entry("Space", "Learn, lessons 2 and 6: run or pause"));

    private final List<Lesson> lessons;
    private final ForwardPassLesson forwardPass;
    private final StraightThroughLesson straightThrough;
    private final java.util.Map<Lesson, Node> columns = new java.util.HashMap<>();
    private final ZoomStore zoomStore;
    private final BackgroundTasks tasks;
    private final ListView<Lesson> list = new ListView<>();
    private final BorderPane lessonPane = new BorderPane();
    private final ReadOnlyIntegerWrapper current = new ReadOnlyIntegerWrapper(this, "current", -1);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final Label noticeLabel = new Label();
    private final Command previous;
    private final Command next;
    private final Command reset;
    private final Command export;
    private final Command zoomIn;
    private final Command zoomOut;
    private final Command zoomReset;
    private double zoom;
    private Label zoomLabel;

    /**
     * @param background where the figure's PNG is written
     * @param fxThread   where results come back
     */
    public LearnView(Executor background, Executor fxThread, ZoomStore zoomStore) {
        this(background, fxThread, zoomStore, List::of);
    }

    /**
     * @param onHand the codebooks the window has on hand (the inspector's, the run's), offered by lesson 3
     */
    public LearnView(Executor background, Executor fxThread, ZoomStore zoomStore,
                     java.util.function.Supplier<List<vqlens.ui.common.OnHandCodebooks>> onHand) {
        this.zoomStore = Objects.requireNonNull(zoomStore, "zoomStore");
        this.tasks = new BackgroundTasks(this, background, fxThread);
        forwardPass = new ForwardPassLesson(background, fxThread, onHand);
        straightThrough = new StraightThroughLesson();
        this.lessons = List.of(new NearestCodeLesson(), new LearningLesson(background, fxThread), forwardPass,
                new ColourQuantizationLesson(background, fxThread), new ProductQuantizationLesson(background, fxThread),
                straightThrough, new VqVaeLesson(background, fxThread));
        getStyleClass().add("learn-view");
        setId("learn");
        previous = Command.of("_Previous lesson", () -> select(current.get() - 1))
                .enabledWhen(current.greaterThan(0)).withButtonText("◀ Previous");
        next = Command.of("_Next lesson", () -> select(current.get() + 1))
                .enabledWhen(current.lessThan(lessons.size() - 1)).withButtonText("Next ▶");
        reset = Command.of("_Reset lesson", this::resetLesson).withButtonText("Reset lesson")
                .withDescription("Put this lesson back to its start (its tasks too)");
        export = Command.of("Export _figure…", this::exportFigure).withButtonText("Export figure…")
                .withDescription("Save the lesson's view as a PNG, for slides");
        zoomIn = Command.of("Zoom _in", () -> setZoom(zoom * ZOOM_STEP)).withAccelerator("Shortcut+Equals");
        zoomOut = Command.of("Zoom _out", () -> setZoom(zoom / ZOOM_STEP)).withAccelerator("Shortcut+Minus");
        zoomReset = Command.of("_Actual size", () -> setZoom(1)).withAccelerator("Shortcut+Digit0");
        buildList();
        setLeft(sidebar());
        setCenter(lessonPane);
        setBottom(bottomBar());
        zoom = clampZoom(zoomStore.load());
        applyZoom();
        for (Lesson l : lessons) {
            if (l != forwardPass) { // its model comes when it is ready, below
                followProgress(l);
            }
        }
        forwardPass.whenReady(() -> {
            followProgress(forwardPass);
            columns.remove(forwardPass); // its column now has the tasks the model brings
            if (lessons.get(current.get()) == forwardPass) {
                lessonPane.setLeft(columns.computeIfAbsent(forwardPass, l -> column(lessons.indexOf(l), l)));
            }
        });
        select(0);
    }

    /** Refreshes the lesson list when a lesson's count of done tasks changes (not at every move). */
    private void followProgress(Lesson lesson) {
        long[] shown = {-1};
        Runnable check = () -> {
            long done = lesson.model().tasks().stream().filter(TryThis::isDone).count();
            if (done != shown[0]) {
                shown[0] = done;
                list.refresh();
            }
        };
        lesson.model().addListener(check);
        check.run();
    }

    private void buildList() {
        list.getItems().setAll(lessons);
        list.setId("lessonList");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Lesson lesson, boolean empty) {
                super.updateItem(lesson, empty);
                if (empty || lesson == null) {
                    setText(null);
                    return;
                }
                String marks = "";
                if (lesson.model() != null) {
                    List<TryThis> t = lesson.model().tasks();
                    long done = t.stream().filter(TryThis::isDone).count();
                    marks = done == t.size() ? "  ✓" : "  " + done + "/" + t.size();
                }
                setText((lessons.indexOf(lesson) + 1) + ". " + lesson.title() + marks);
            }
        });
        list.getSelectionModel().selectedIndexProperty().addListener((obs, old, i) -> {
            if (i.intValue() >= 0 && i.intValue() != current.get()) {
                select(i.intValue());
            }
        });
        list.setPrefWidth(210);
    }

    private Node sidebar() {
        Label heading = new Label("Lessons");
        heading.getStyleClass().add("learn-heading");
        VBox box = new VBox(8, heading, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        box.getStyleClass().add("learn-sidebar");
        return box;
    }

    private Node bottomBar() {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        noticeLabel.textProperty().bind(notice);
        noticeLabel.getStyleClass().add("learn-notice");
        Label zoomLabel = new Label();
        zoomLabel.setId("zoomLabel");
        HBox bar = new HBox(8, Commands.button("previousLesson", previous), Commands.button("nextLesson", next),
                Commands.button("resetLesson", reset), Commands.button("exportFigure", export), noticeLabel, gap, zoomLabel);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("learn-bar");
        this.zoomLabel = zoomLabel;
        return bar;
    }

    private String zoomText() {
        return String.format(Locale.ROOT, "zoom %d%% (Ctrl +/−)", Math.round(zoom * 100));
    }

    // ------------------------------------------------------------------ lessons

    /** Shows lesson {@code index} (0-based), building it the first time. */
    public void select(int index) {
        if (index < 0 || index >= lessons.size()) {
            return;
        }
        Lesson lesson = lessons.get(index);
        if (current.get() >= 0 && current.get() != index) {
            lessons.get(current.get()).pause();
        }
        current.set(index);
        list.getSelectionModel().select(index);
        lessonPane.setLeft(columns.computeIfAbsent(lesson, l -> column(index, l)));
        Node view = lesson.view();
        BorderPane.setMargin(view, new Insets(10));
        lessonPane.setCenter(view);
        lesson.setZoom(zoom);
        notice.set("");
    }

    /** The lesson's text column: title, text, "Try this" tasks (ticking as they are done), the seed. */
    private Node column(int index, Lesson lesson) {
        Label title = new Label((index + 1) + ". " + lesson.title());
        title.getStyleClass().add("lesson-title");
        VBox tasksBox = new VBox(6);
        tasksBox.getStyleClass().add("lesson-tasks");
        Label heading = new Label("Try this");
        heading.getStyleClass().add("learn-heading");
        tasksBox.getChildren().add(heading);
        List<TryThis> lessonTasks = lesson.model() == null ? List.of() : lesson.model().tasks();
        for (TryThis t : lessonTasks) {
            Label item = new Label();
            item.setWrapText(true);
            item.getStyleClass().add("try-this");
            Runnable show = () -> {
                item.setText((t.isDone() ? "✓  " : "○  ") + t.text());
                item.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("done"), t.isDone());
            };
            show.run();
            lesson.model().addListener(show);
            tasksBox.getChildren().add(item);
        }
        Label seed = new Label();
        seed.getStyleClass().add("lesson-seed");
        if (lesson.model() != null) {
            Runnable showSeed = () -> seed.setText("seed " + lesson.model().seed()
                    + " · everything on this page follows from it");
            showSeed.run();
            lesson.model().addListener(showSeed);
        }
        VBox column = new VBox(12, title, lesson.text(), tasksBox, seed);
        column.setPadding(new Insets(12));
        column.setPrefWidth(340);
        column.setMinWidth(260);
        ScrollPane scroll = new ScrollPane(column);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("lesson-column");
        return scroll;
    }

    private void resetLesson() {
        if (lessons.get(current.get()).model() == null) {
            return;
        }
        lessons.get(current.get()).model().reset();
        notice.set("Lesson reset to its start");
    }

    public ReadOnlyIntegerProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The status line under the lesson ("Saved figure.png"). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    Lesson lesson(int index) {
        return lessons.get(index);
    }

    int lessonCount() {
        return lessons.size();
    }

    // ------------------------------------------------------------------ commands

    public Command previousCommand() {
        return previous;
    }

    public Command nextCommand() {
        return next;
    }

    public Command resetCommand() {
        return reset;
    }

    public Command exportCommand() {
        return export;
    }

    public Command zoomInCommand() {
        return zoomIn;
    }

    public Command zoomOutCommand() {
        return zoomOut;
    }

    public Command zoomResetCommand() {
        return zoomReset;
    }

    // ------------------------------------------------------------------ zoom

    public double zoom() {
        return zoom;
    }

    public void setZoom(double value) {
        zoom = clampZoom(value);
        zoomStore.save(zoom);
        applyZoom();
    }

    private static double clampZoom(double z) {
        return Double.isFinite(z) ? Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z)) : 1;
    }

    private void applyZoom() {
        if (zoomLabel != null) {
            zoomLabel.setText(zoomText());
        }
        setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT * zoom));
        for (Lesson l : lessons) {
            l.setZoom(zoom);
        }
    }

    // ------------------------------------------------------------------ keys

    /**
     * The tab's keys, on the scene while {@code active} says the tab is on show: Page Down / Page Up change the
     * lesson, other keys go to the lesson, unless the focus is in a control that uses them.
     */
    public void installKeys(Scene scene, java.util.function.BooleanSupplier active) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!active.getAsBoolean() || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            if (e.getCode() == KeyCode.PAGE_DOWN) {
                select(current.get() + 1);
                e.consume();
            } else if (e.getCode() == KeyCode.PAGE_UP) {
                select(current.get() - 1);
                e.consume();
            } else if (!usesKeys(scene.getFocusOwner()) && lessons.get(current.get()).key(e)) {
                e.consume();
            }
        });
    }

    private static boolean usesKeys(Node focus) {
        return focus instanceof TextInputControl || focus instanceof Slider || focus instanceof ComboBoxBase<?>
                || focus instanceof Spinner<?> || focus instanceof ButtonBase || focus instanceof ListView<?>;
    }

    // ------------------------------------------------------------------ export

    private void exportFigure() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the lesson's figure as PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        chooser.setInitialFileName("learn-" + (current.get() + 1) + ".png");
        Window owner = getScene() == null ? null : getScene().getWindow();
        File file = chooser.showSaveDialog(owner);
        if (file != null) {
            exportFigure(file.toPath());
        }
    }

    /** Saves the lesson's view as a PNG (pixels taken now, the file written atomically in the background). */
    public void exportFigure(Path file) {
        SnapshotParameters params = new SnapshotParameters();
        WritableImage image = lessons.get(current.get()).figure().snapshot(params, null);
        byte[] png = CanvasChart.toPng(image);
        tasks.run(() -> {
            AtomicFiles.write(file, png);
            return file;
        }, saved -> notice.set("Saved " + saved.getFileName()), failure -> notice.set("Cannot save the figure: "
                + (failure instanceof TaskFailure.Failed f ? vqlens.ui.common.FailureText.of(f.cause()) : "several files")));
    }
}
