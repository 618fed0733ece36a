package vqlens.ui.inspect.views;

import vqlens.ui.plot.CodePalette;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.HPos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import vqlens.core.Codebooks;
import vqlens.train.VqVaeView;
import vqlens.ui.chart.GreyScale;
import vqlens.ui.plot.GreyImages;
import vqlens.ui.chart.NumberText;
import vqlens.ui.inspect.CodeUsage;
import vqlens.ui.inspect.DataSample;
import vqlens.ui.inspect.InspectorViewModel;
import vqlens.ui.inspect.geometry.Neighbours;
import vqlens.ui.inspect.geometry.Neighbours.Neighbour;

/**
 * The selected code of the selected head: its vector as a plot (against the range of the head's codes per
 * dimension), its usage and share of the head when known, its {@value #NEAREST} nearest other codes and its
 * {@value #NEAREST} nearest data rows with their distances, and in VQ-VAE image mode (when
 * {@link #vqvaeViewProperty()} is set) its decoded image. A nearest code's link selects it. Recomputes when
 * the codebooks, usage, data, head, selected code or VQ-VAE pictures change; FX thread only.
 */
public final class CodeDetailPane extends VBox {

    /** Decoded images are drawn this size, px. */
    private static final double IMAGE_SIZE = 96;

    /** Height of a row of the neighbour lists, px. */
    private static final double ROW_HEIGHT = 20;

    /** Neighbours listed. */
    public static final int NEAREST = 5;

    private final InspectorViewModel vm;
    private final Label title = new Label();
    private final Label usageLine = new Label();
    private final Label normLine = new Label();
    private final ValuesChart vector = new ValuesChart();
    private final GridPane nearestCodes = new GridPane();
    private final GridPane nearestRows = new GridPane();
    private final ObjectProperty<VqVaeView> vqvae = new SimpleObjectProperty<>(this, "vqvae");
    private final ImageView codeImage = new ImageView();
    private final ImageView referenceImage = new ImageView();
    private final Label imageCaption = new Label();
    private final HBox imageBox;
    private List<Neighbour> codeNeighbours = List.of();
    private List<Neighbour> rowNeighbours = List.of();

    public CodeDetailPane(InspectorViewModel vm) {
        super(6);
        this.vm = vm;
        getStyleClass().add("code-detail-pane");
        title.getStyleClass().add("code-detail-title");
        title.setId("codeDetailTitle");
        usageLine.getStyleClass().add("code-detail-line");
        usageLine.setId("codeDetailUsage");
        normLine.getStyleClass().add("code-detail-line");
        usageLine.setWrapText(true);
        usageLine.setMinHeight(Region.USE_PREF_SIZE); // wrap rather than cut; the plot gives way
        for (GridPane grid : List.of(nearestCodes, nearestRows)) {
            grid.getStyleClass().add("code-detail-table");
            grid.setHgap(14);
            grid.setVgap(2);
            grid.setMinWidth(Region.USE_PREF_SIZE);
            ColumnConstraints first = new ColumnConstraints();
            first.setMinWidth(Region.USE_PREF_SIZE);
            ColumnConstraints second = new ColumnConstraints();
            second.setHalignment(HPos.RIGHT);
            second.setMinWidth(Region.USE_PREF_SIZE);
            grid.getColumnConstraints().setAll(first, second);
        }
        nearestCodes.setId("nearestCodes");
        nearestRows.setId("nearestRows");
        // side by side when there is room, else one under the other
        FlowPane tables = new FlowPane(28, 8, nearestCodes, nearestRows);
        tables.getStyleClass().add("code-detail-tables");
        for (ImageView v : List.of(codeImage, referenceImage)) {
            v.setSmooth(false);
            v.setFitWidth(IMAGE_SIZE);
            v.setFitHeight(IMAGE_SIZE);
            v.setPreserveRatio(true);
        }
        codeImage.setId("codeDetailImage");
        imageCaption.getStyleClass().add("code-detail-muted");
        imageCaption.setWrapText(true);
        Label codeCaption = new Label("this code");
        Label referenceCaption = new Label("reference");
        codeCaption.getStyleClass().add("code-detail-muted");
        referenceCaption.getStyleClass().add("code-detail-muted");
        HBox.setHgrow(imageCaption, Priority.ALWAYS);
        imageBox = new HBox(10, new VBox(2, codeImage, codeCaption), new VBox(2, referenceImage, referenceCaption), imageCaption);
        imageBox.getStyleClass().add("code-detail-images");
        imageBox.setVisible(false);
        imageBox.setManaged(false);
        VBox.setVgrow(vector, Priority.ALWAYS);
        getChildren().addAll(title, usageLine, normLine, vector, imageBox, tables);
        setMinSize(220, 200);
        Styling.pane(this);
        Styling.heading(title);

        for (Observable o : List.of(vm.codebooksProperty(), vm.usageProperty(), vm.dataProperty(),
                vm.selectedHeadProperty(), vm.selectedCodeProperty(), vqvae)) {
            o.addListener(x -> refresh());
        }
        refresh();
    }

    private void refresh() {
        Codebooks cb = vm.getCodebooks();
        int head = vm.selectedHeadProperty().get();
        int code = vm.selectedCodeProperty().get();
        codeNeighbours = List.of();
        rowNeighbours = List.of();
        if (cb == null || head < 0 || head >= cb.config().heads() || code < 0 || code >= cb.config().codes()) {
            title.setText(cb == null ? "Code detail" : "No code selected");
            usageLine.setText(cb == null ? "Open codebooks to see a code's detail."
                    : "Select a code in the table or the 2-D view.");
            normLine.setText("");
            vector.clear("");
            fill(nearestCodes, "Nearest codes", List.of(), "code ", "");
            fill(nearestRows, "Nearest data rows", List.of(), "row ", "");
            showImage(-1, -1);
            return;
        }
        showImage(head, code);
        int d = cb.config().headDim();
        title.setText("Code " + code + " of head " + head);
        usageLine.setText(usageText(vm.usageProperty().get(), head, code));
        normLine.setText(String.format(Locale.ROOT, "norm %s · %d dims", NumberText.compact(cb.norm(head, code), 4), d));
        float[] low = new float[d];
        float[] high = new float[d];
        Arrays.fill(low, Float.POSITIVE_INFINITY);
        Arrays.fill(high, Float.NEGATIVE_INFINITY);
        for (int c = 0; c < cb.config().codes(); c++) {
            for (int j = 0; j < d; j++) {
                float v = cb.value(head, c, j);
                low[j] = Math.min(low[j], v);
                high[j] = Math.max(high[j], v);
            }
        }
        vector.show(List.of(new ValuesChart.Series("code " + code, cb.code(head, code), CodePalette.of(code))),
                low, high, "range of head " + head + "'s codes", 0);
        codeNeighbours = Neighbours.nearestCodes(cb, head, code, NEAREST);
        fill(nearestCodes, "Nearest codes", codeNeighbours, "code ", "");
        DataSample data = vm.dataProperty().get();
        if (data == null) {
            fill(nearestRows, "Nearest data rows", List.of(), "row ", "no data loaded");
        } else if (data.dim() != cb.config().embeddingDim()) {
            fill(nearestRows, "Nearest data rows", List.of(), "row ", "data rows do not fit these codebooks");
        } else {
            rowNeighbours = Neighbours.nearestRows(cb, head, code, data, NEAREST);
            fill(nearestRows, "Nearest data rows", rowNeighbours, "row ", "");
        }
    }

    /**
     * The VQ-VAE pictures of the run the codebooks come from, or {@code null} (quantizer mode, a file): when set
     * and of the codebooks' shape, the selected code's decoded image is shown. The owner sets it on the FX
     * thread, e.g. from each {@code TrainingSnapshot.vqvae()} while following a VQ-VAE run.
     */
    public ObjectProperty<VqVaeView> vqvaeViewProperty() {
        return vqvae;
    }

    private void showImage(int head, int code) {
        VqVaeView view = vqvae.get();
        boolean show = view != null && head >= 0 && head < view.heads() && code >= 0 && code < view.codes();
        imageBox.setVisible(show);
        imageBox.setManaged(show);
        if (!show) {
            codeImage.setImage(null);
            referenceImage.setImage(null);
            return;
        }
        float[] image = view.codeImage(head, code);
        float[] reference = view.reconstruction(0);
        GreyScale scale = GreyScale.spanning(image, reference);
        codeImage.setImage(GreyImages.of(image, 0, view.width(), view.height(), scale));
        referenceImage.setImage(GreyImages.of(reference, 0, view.width(), view.height(), scale));
        imageCaption.setText("Decoded at step " + NumberText.grouped(view.step()) + ": the reference input with head "
                + head + " set to code " + code + " (its own is " + view.sampleCode(0, head) + "), beside the reference's"
                + " reconstruction.");
    }

    /** The selected code's decoded image, {@code null} when none is shown; for tests. */
    javafx.scene.image.Image decodedImage() {
        return imageBox.isVisible() ? codeImage.getImage() : null;
    }

    static String usageText(CodeUsage usage, int head, int code) {
        if (usage == null || head >= usage.heads() || code >= usage.codes()) {
            return "usage unknown";
        }
        double count = usage.count(head, code);
        double total = 0;
        for (int c = 0; c < usage.codes(); c++) {
            total += usage.count(head, c);
        }
        String share = total > 0 ? String.format(Locale.ROOT, " · %.2f %% of head %d (fair share %.2f %%)",
                100 * count / total, head, 100.0 / usage.codes()) : "";
        return "usage " + NumberText.compact(count, 5) + share + (count == 0 ? " · unused" : "")
                + " — " + usage.description();
    }

    private void fill(GridPane grid, String heading, List<Neighbour> rows, String prefix, String empty) {
        grid.getChildren().clear();
        Label h = new Label(heading);
        h.getStyleClass().add("code-detail-heading");
        Styling.heading(h);
        grid.add(h, 0, 0, 2, 1);
        if (!rows.isEmpty()) {
            Label dh = new Label("distance");
            dh.getStyleClass().add("code-detail-muted");
            grid.add(dh, 1, 1);
        }
        if (rows.isEmpty() && !empty.isEmpty()) {
            Label none = new Label(empty);
            none.getStyleClass().add("code-detail-muted");
            grid.add(none, 0, 1, 2, 1);
        }
        for (int i = 0; i < rows.size(); i++) {
            Neighbour n = rows.get(i);
            int gridRow = i + 2;
            Label distance = new Label(NumberText.compact(n.distance(), 4));
            if (prefix.startsWith("code")) {
                Hyperlink link = new Hyperlink(prefix + n.index());
                rowHeight(link);
                link.setOnAction(e -> vm.selectedCodeProperty().set(n.index()));
                link.getStyleClass().add("code-detail-link");
                link.setPadding(new javafx.geometry.Insets(0, 2, 0, 2));
                link.setFocusTraversable(false); // a shortcut; the code table is the keyboard's way
                grid.add(link, 0, gridRow);
            } else {
                Label index = new Label(prefix + NumberText.grouped(n.index()));
                rowHeight(index);
                grid.add(index, 0, gridRow);
            }
            rowHeight(distance);
            grid.add(distance, 1, gridRow);
        }
    }

    /** One height for link rows and text rows, so that the two lists line up. */
    private static void rowHeight(Region r) {
        r.setMinHeight(ROW_HEIGHT);
        r.setPrefHeight(ROW_HEIGHT);
        r.setMaxHeight(ROW_HEIGHT);
    }

    /** The nearest codes listed, for tests. */
    List<Neighbour> nearestCodes() {
        return codeNeighbours;
    }

    /** The nearest data rows listed, for tests. */
    List<Neighbour> nearestRows() {
        return rowNeighbours;
    }

    ValuesChart vectorChart() {
        return vector;
    }
}
