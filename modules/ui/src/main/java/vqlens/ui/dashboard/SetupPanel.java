package vqlens.ui.dashboard;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import vqlens.train.Init;
import vqlens.train.UpdateRule;
import vqlens.train.data.BuiltInDataset;

/**
 * Builds the set-up panel's rows into a box and binds them to the {@link SetupForm}: a field's text both
 * ways, its problem under it (and the {@code :invalid} pseudo-class on the field), its row hidden when it
 * does not apply, the field disabled when locked. Node ids: {@code <field id>Field} for the text fields,
 * {@code <field id>Error} for the messages, {@code datasetChoice}, {@code methodChoice}, {@code initChoice},
 * {@code chooseDataFileButton}.
 */
final class SetupPanel {
    static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final SetupForm form;
    private final DashboardViewModel viewModel;
    private final Consumer<Node> chooseDataFile;

    SetupPanel(DashboardViewModel viewModel, Consumer<Node> chooseDataFile) {
        this.viewModel = viewModel;
        this.form = viewModel.setup();
        this.chooseDataFile = chooseDataFile;
    }

    void build(VBox box) {
        box.getChildren().addAll(section("Data"), dataSource(), datasetRow(), datasetDescription(), fileRow(), dataError(),
                fieldRow(form.rows), fieldRow(form.clusters), fieldRow(form.spread));
        box.getChildren().addAll(section("Model"), modeRow(), modeDescription(), fieldRow(form.hidden));
        box.getChildren().addAll(section("Quantizer"), openedRow(), fieldRow(form.heads), fieldRow(form.codes), fieldRow(form.dim));
        box.getChildren().addAll(section("Method"), methodRow(), methodError(), initRow(), fieldRow(form.learningRate), fieldRow(form.decay),
                fieldRow(form.beta), fieldRow(form.deadThreshold), fieldRow(form.batch), fieldRow(form.seed),
                fieldRow(form.maxSteps), fieldRow(form.snapshotEvery));
        Label live = new Label("Learning rate, decay, β, threshold and steps apply to a running training when you press Enter.");
        live.getStyleClass().add("setup-hint");
        live.setWrapText(true);
        box.getChildren().add(live);
    }

    private static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("setup-section");
        return l;
    }

    private Node dataSource() {
        ToggleButton builtIn = new ToggleButton("Built-in set");
        ToggleButton file = new ToggleButton("My file");
        builtIn.setId("builtInDataToggle");
        file.setId("fileDataToggle");
        HBox row = segmented(builtIn, file, Bindings.createBooleanBinding(
                () -> form.dataKindProperty().get() == SetupForm.DataKind.FILE, form.dataKindProperty()),
                second -> form.dataKindProperty().set(second ? SetupForm.DataKind.FILE : SetupForm.DataKind.BUILT_IN));
        row.disableProperty().bind(form.runLockedProperty());
        return row;
    }

    /**
     * Two toggles side by side, one always selected: {@code second} is the state (true: the second toggle),
     * {@code choose} is told the user's choice.
     */
    private static HBox segmented(ToggleButton first, ToggleButton other, ObservableValue<Boolean> second,
                                  Consumer<Boolean> choose) {
        ToggleGroup group = new ToggleGroup();
        for (ToggleButton b : List.of(first, other)) {
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        Runnable sync = () -> group.selectToggle(second.getValue() ? other : first);
        sync.run();
        second.addListener((obs, old, now) -> sync.run());
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                sync.run(); // a segmented choice always has one selected
            } else {
                choose.accept(now == other);
            }
        });
        HBox row = new HBox(first, other);
        row.getStyleClass().add("segmented");
        return row;
    }

    /** Quantizer alone (the data rows are the embeddings) or the full VQ-VAE (an encoder and decoder around it). */
    private Node modeRow() {
        ToggleButton quantizer = new ToggleButton("Quantizer");
        ToggleButton vqvae = new ToggleButton("VQ-VAE");
        quantizer.setId("quantizerModeToggle");
        vqvae.setId("vqvaeModeToggle");
        quantizer.setTooltip(new Tooltip("Train the codebooks on your rows: each row is an embedding z"));
        vqvae.setTooltip(new Tooltip("Train an encoder, the codebooks and a decoder together on images:"
                + " x → encoder → z → quantizer → decoder → reconstruction"));
        HBox row = segmented(quantizer, vqvae, form.vqvaeProperty(), form::setVqvae);
        row.disableProperty().bind(Bindings.createBooleanBinding(() -> form.runLockedProperty().get()
                || form.fixedProperty().get() != null, form.runLockedProperty(), form.fixedProperty()));
        return row;
    }

    private Node modeDescription() {
        Label l = new Label();
        l.getStyleClass().add("setup-hint");
        l.setWrapText(true);
        l.textProperty().bind(Bindings.createStringBinding(() -> form.vqvaeProperty().get()
                ? "An encoder maps each row x to z, the quantizer replaces z by its codes, and a decoder rebuilds x"
                        + " from them; all three learn together by gradients."
                : "The rows are the embeddings z; the codebooks learn to quantize them.", form.vqvaeProperty()));
        return l;
    }

    private Node methodError() {
        Label l = errorLabel("methodError");
        l.textProperty().bind(form.methodErrorProperty());
        showWhen(l, form.methodErrorProperty().isNotEmpty());
        return l;
    }

    private Node datasetRow() {
        ComboBox<BuiltInDataset> choice = new ComboBox<>();
        choice.setId("datasetChoice");
        choice.getItems().setAll(BuiltInDataset.values());
        choice.valueProperty().bindBidirectional(form.datasetProperty());
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(BuiltInDataset d) {
                return d == null ? "" : d.label() + (d.planar() ? " (2-D)" : "");
            }

            @Override
            public BuiltInDataset fromString(String s) {
                return BuiltInDataset.parse(s);
            }
        });
        choice.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(BuiltInDataset d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.label() + (d.planar() ? " (2-D)" : ""));
                setTooltip(empty || d == null ? null : new Tooltip(d.description()));
            }
        });
        choice.disableProperty().bind(form.runLockedProperty());
        Node row = labelled("Data set", choice);
        showWhen(row, Bindings.createBooleanBinding(() -> form.dataKindProperty().get() == SetupForm.DataKind.BUILT_IN,
                form.dataKindProperty()));
        return row;
    }

    private Node datasetDescription() {
        Label l = new Label();
        l.getStyleClass().add("setup-hint");
        l.setWrapText(true);
        l.textProperty().bind(Bindings.createStringBinding(() -> {
            BuiltInDataset d = form.datasetProperty().get();
            return d == null ? "" : capitalised(d.description());
        }, form.datasetProperty()));
        showWhen(l, Bindings.createBooleanBinding(() -> form.dataKindProperty().get() == SetupForm.DataKind.BUILT_IN,
                form.dataKindProperty()));
        return l;
    }

    private Node fileRow() {
        // the path can be typed (Enter or leaving the field reads it) or chosen
        TextField path = new TextField();
        path.setId("dataFileField");
        path.setPromptText("a path to .npy or .csv rows");
        path.setTooltip(new Tooltip("Type a path (~ is your home folder) and press Enter, or Choose… a file"));
        form.dataFileProperty().addListener((obs, old, now) -> path.setText(now == null ? "" : now.toString()));
        path.setOnAction(e -> useTypedPath(path.getText()));
        path.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                useTypedPath(path.getText());
            }
        });
        path.disableProperty().bind(form.runLockedProperty());
        HBox.setHgrow(path, Priority.ALWAYS);
        Button choose = new Button("Choose…");
        choose.setId("chooseDataFileButton");
        choose.setOnAction(e -> chooseDataFile.accept(choose));
        choose.disableProperty().bind(form.runLockedProperty());
        HBox line = new HBox(6, path, choose);
        line.setAlignment(Pos.CENTER_LEFT);
        Label info = new Label();
        info.getStyleClass().add("setup-hint");
        info.setWrapText(true);
        info.textProperty().bind(Bindings.createStringBinding(() -> {
            SetupForm.FileInfo fi = form.fileInfoProperty().get();
            return fi != null && fi.ok() ? fi.rows() + " rows × " + fi.dim() + " values" : "";
        }, form.fileInfoProperty()));
        VBox box = new VBox(4, line, info);
        showWhen(box, Bindings.createBooleanBinding(() -> form.dataKindProperty().get() == SetupForm.DataKind.FILE,
                form.dataKindProperty()));
        return box;
    }

    /** Reads the data file at a typed path, unless it is the one chosen already. */
    private void useTypedPath(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return;
        }
        if (t.equals("~") || t.startsWith("~/")) {
            t = System.getProperty("user.home") + t.substring(1);
        }
        Path p;
        try {
            p = Path.of(t).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            form.setDataFile(form.dataFileProperty().get() != null ? form.dataFileProperty().get() : Path.of("."),
                    SetupForm.FileInfo.failed("'" + t + "' is not a path here: " + e.getReason()));
            return;
        }
        if (!p.equals(form.dataFileProperty().get())) {
            viewModel.chooseDataFile(p);
        }
    }

    private Node dataError() {
        Label l = errorLabel("dataError");
        l.textProperty().bind(form.dataErrorProperty());
        showWhen(l, form.dataErrorProperty().isNotEmpty());
        return l;
    }

    private Node openedRow() {
        Label what = new Label();
        what.setId("openedCodebookLabel");
        what.getStyleClass().add("opened-codebook");
        what.setWrapText(true);
        what.textProperty().bind(viewModel.openedCodebookProperty());
        what.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(what, Priority.ALWAYS);
        Button forget = new Button("Forget");
        forget.setId("forgetCodebookButton");
        forget.setTooltip(new Tooltip("Train fresh codebooks instead of continuing the opened one"));
        forget.setOnAction(e -> viewModel.forgetOpenedCodebook());
        HBox row = new HBox(6, what, forget);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("opened-row");
        showWhen(row, viewModel.openedCodebookProperty().isNotEmpty());
        return row;
    }

    private Node methodRow() {
        ComboBox<UpdateRule> choice = new ComboBox<>();
        choice.setId("methodChoice");
        // a VQ-VAE learns by gradients only: offer what can train it
        Runnable items = () -> {
            UpdateRule chosen = form.methodProperty().get();
            choice.getItems().setAll(form.vqvaeProperty().get()
                    ? List.of(UpdateRule.ADAM, UpdateRule.SGD) : List.of(UpdateRule.values()));
            choice.setValue(chosen);
        };
        items.run();
        form.vqvaeProperty().addListener((obs, old, now) -> items.run());
        choice.valueProperty().bindBidirectional(form.methodProperty());
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(UpdateRule m) {
                if (m == null) {
                    return "";
                }
                return switch (m) {
                    case EMA -> "EMA (VQ-VAE)";
                    case ADAM -> "Adam (gradient)";
                    case SGD -> "SGD (gradient)";
                    case KMEANS -> "k-means (full batch)";
                };
            }

            @Override
            public UpdateRule fromString(String s) {
                return UpdateRule.parse(s);
            }
        });
        choice.disableProperty().bind(form.runLockedProperty());
        return labelled("Method", choice);
    }

    private Node initRow() {
        ComboBox<Init> choice = new ComboBox<>();
        choice.setId("initChoice");
        choice.getItems().setAll(Init.values());
        choice.valueProperty().bindBidirectional(form.initProperty());
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Init i) {
                return i == null ? "" : i == Init.LAZY ? "random rows" : "k-means++";
            }

            @Override
            public Init fromString(String s) {
                return Init.parse(s);
            }
        });
        choice.disableProperty().bind(form.runLockedProperty());
        return labelled("Initialisation", choice);
    }

    /** A number field with its label, and its problem below it. */
    private Node fieldRow(FormField f) {
        TextField field = new TextField();
        field.setId(f.id() + "Field");
        field.getStyleClass().add("setup-field");
        field.textProperty().bindBidirectional(f.textProperty());
        field.disableProperty().bind(f.lockedProperty());
        field.pseudoClassStateChanged(INVALID, !f.getError().isEmpty());
        f.errorProperty().addListener((obs, old, now) -> field.pseudoClassStateChanged(INVALID, !now.isEmpty()));
        if (f.isLive()) {
            field.setOnAction(e -> viewModel.applyLiveSettings());
            field.focusedProperty().addListener((obs, was, now) -> {
                if (!now) {
                    viewModel.applyLiveSettings();
                }
            });
        }
        if (f == form.dim) {
            field.disableProperty().unbind();
            field.disableProperty().bind(Bindings.createBooleanBinding(() -> f.lockedProperty().get() || form.dimensionIsDerived(),
                    f.lockedProperty(), form.dataKindProperty(), form.datasetProperty(), form.fixedProperty(), form.vqvaeProperty()));
        }
        Label error = errorLabel(f.id() + "Error");
        error.textProperty().bind(f.errorProperty());
        showWhen(error, f.errorProperty().isNotEmpty());
        Tooltip tip = new Tooltip(f.hint());
        tip.setWrapText(true);
        tip.setMaxWidth(320);
        field.setTooltip(tip);
        HBox line = labelled(f.label(), field);
        Label label = (Label) line.getChildren().get(0);
        label.setTooltip(tip);
        if (f == form.dim) {
            label.textProperty().bind(Bindings.when(form.vqvaeProperty()).then("Latent dimension").otherwise(f.label()));
        }
        VBox row = new VBox(2, line, error);
        showWhen(row, f.applicableProperty());
        return row;
    }

    private static Label errorLabel(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        return l;
    }

    private static HBox labelled(String text, Region control) {
        Label label = new Label(text);
        label.getStyleClass().add("setup-label");
        label.setLabelFor(control);
        label.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        control.getStyleClass().add("setup-control");
        HBox row = new HBox(8, label, gap, control);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("setup-row");
        return row;
    }

    private static void showWhen(Node node, ObservableValue<Boolean> condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }
}
