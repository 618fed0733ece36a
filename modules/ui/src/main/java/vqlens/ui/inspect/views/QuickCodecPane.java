package vqlens.ui.inspect.views;

import vqlens.ui.common.IntegerSpinners;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.Observable;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import vqlens.core.Codebooks;
import vqlens.ui.chart.NumberText;
import vqlens.ui.inspect.DataSample;
import vqlens.ui.inspect.InspectorViewModel;
import vqlens.ui.inspect.geometry.ImageLayout;
import vqlens.ui.inspect.geometry.QuickCodec;
import vqlens.ui.plot.GreyImages;

/**
 * Quick encode/decode of one data row: pick a row, see the nearest code of every head (its index) and the
 * decoded row (those codes concatenated) next to the original, per dimension and, for 16×16 image rows, as
 * images. Every head's index can be changed to see what the decoded output becomes and its squared error;
 * "nearest" puts it back. A new row, new data or codebooks of another shape start again from the nearest
 * codes; new values of the same shape (an edit, a live trainer) keep the indices picked by hand. FX thread only.
 */
public final class QuickCodecPane extends VBox {

    /** Images are drawn at this size, px (16 pixels, 8 screen pixels each). */
    private static final double IMAGE_SIZE = 128;
    /** Up to this many heads the index controls stand as they are; more scroll. */
    private static final int SCROLL_ABOVE_HEADS = 6;

    private final InspectorViewModel vm;
    private final Label title = new Label("Quick encode/decode");
    private final Label message = new Label();
    private final Spinner<Integer> rowSpinner = IntegerSpinners.of(0, 0, 0);
    private final Slider rowSlider = new Slider(0, 1, 0);
    private final Label rowCount = new Label();
    private final GridPane heads = new GridPane();
    private final Label error = new Label();
    private final ValuesChart chart = new ValuesChart();
    private final ImageView originalImage = new ImageView();
    private final ImageView decodedImage = new ImageView();
    private final HBox images;
    private final HBox middle;
    private final ScrollPane headScroll;
    private final List<Spinner<Integer>> indexSpinners = new ArrayList<>();
    private final List<Label> headLines = new ArrayList<>();

    private Codebooks codebooks;
    private DataSample data;
    private float[] row;
    private int[] nearest;
    private int[] chosen;
    private float[] decoded;
    private boolean imageRows;
    private float imageLow;
    private float imageHigh;
    private boolean updating;

    public QuickCodecPane(InspectorViewModel vm) {
        super(6);
        this.vm = vm;
        getStyleClass().add("quick-codec-pane");
        title.getStyleClass().add("quick-codec-title");
        message.getStyleClass().add("quick-codec-message");
        message.setWrapText(true);
        rowSpinner.setId("codecRow");
        rowSpinner.setEditable(true);
        rowSpinner.setPrefWidth(110);
        rowSlider.setId("codecRowSlider");
        HBox.setHgrow(rowSlider, Priority.ALWAYS);
        HBox picker = new HBox(8, new Label("Data row"), rowSpinner, rowSlider, rowCount);
        picker.getStyleClass().add("quick-codec-picker");
        picker.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        heads.setId("codecHeads");
        heads.getStyleClass().add("quick-codec-heads");
        heads.setHgap(10);
        heads.setVgap(4);
        for (int c = 0; c < 4; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setMinWidth(Region.USE_PREF_SIZE);
            column.setHgrow(c == 3 ? Priority.ALWAYS : Priority.NEVER);
            heads.getColumnConstraints().add(column);
        }
        // many heads scroll; a few stand as they are
        headScroll = new ScrollPane();
        headScroll.setFitToWidth(true);
        headScroll.setMaxHeight(IMAGE_SIZE + 24);
        headScroll.getStyleClass().add("quick-codec-heads-scroll");
        headScroll.setMinWidth(240);
        HBox.setHgrow(headScroll, Priority.ALWAYS);
        error.setId("codecError");
        error.getStyleClass().add("quick-codec-error");
        for (ImageView v : List.of(originalImage, decodedImage)) {
            v.setSmooth(false);
            v.setFitWidth(IMAGE_SIZE);
            v.setFitHeight(IMAGE_SIZE);
        }
        images = new HBox(12, captioned(originalImage, "original"), captioned(decodedImage, "decoded"));
        images.getStyleClass().add("quick-codec-images");
        middle = new HBox(heads);
        HBox.setHgrow(chart, Priority.ALWAYS);
        HBox outputs = new HBox(12, images, chart);
        VBox.setVgrow(outputs, Priority.ALWAYS);
        getChildren().addAll(title, message, picker, middle, error, outputs);
        setMinSize(260, 240);
        Styling.pane(this);
        Styling.heading(title);

        rowSpinner.valueProperty().addListener((o, was, now) -> {
            if (!updating && now != null) {
                rowSlider.setValue(now);
                selectRow(now);
            }
        });
        rowSlider.valueProperty().addListener((o, was, now) -> {
            if (!updating) {
                rowSpinner.getValueFactory().setValue((int) Math.round(now.doubleValue()));
            }
        });
        for (Observable o : List.of(vm.codebooksProperty(), vm.dataProperty())) {
            o.addListener(x -> rebuild());
        }
        rebuild();
    }

    private static VBox captioned(ImageView view, String caption) {
        Label l = new Label(caption);
        l.getStyleClass().add("quick-codec-muted");
        VBox box = new VBox(2, view, l);
        box.getStyleClass().add("quick-codec-image");
        return box;
    }

    private void rebuild() {
        Codebooks newCodebooks = vm.getCodebooks();
        DataSample newData = vm.dataProperty().get();
        if (codebooks != null && newCodebooks != null && row != null && newData == data
                && newCodebooks.config().equals(codebooks.config())) {
            // new values of the same shape (an edit, a live trainer): keep the controls and the indices picked
            codebooks = newCodebooks;
            followNewCodes();
            return;
        }
        codebooks = newCodebooks;
        data = newData;
        String problem = codebooks == null ? "Open codebooks to encode a row."
                : data == null ? "Load data rows to encode one."
                : data.dim() != codebooks.config().embeddingDim()
                ? "Data rows have " + data.dim() + " values but the codebooks take " + codebooks.config().embeddingDim() + "."
                : null;
        heads.getChildren().clear();
        indexSpinners.clear();
        headLines.clear();
        if (problem != null) {
            message.setText(problem);
            row = null;
            decoded = null;
            setControlsDisabled(true);
            error.setText("");
            chart.clear("");
            images.setVisible(false);
            images.setManaged(false);
            return;
        }
        message.setText(data.description());
        setControlsDisabled(false);
        imageRows = ImageLayout.looksLikeImages(sampleValues(), Math.min(data.rows(), 256), data.dim());
        images.setVisible(imageRows);
        images.setManaged(imageRows);
        if (imageRows) {
            imageLow = Float.POSITIVE_INFINITY;
            imageHigh = Float.NEGATIVE_INFINITY;
            for (float v : sampleValues()) {
                imageLow = Math.min(imageLow, v);
                imageHigh = Math.max(imageHigh, v);
            }
        }
        int k = codebooks.config().codes();
        for (int h = 0; h < codebooks.config().heads(); h++) {
            int head = h;
            Spinner<Integer> index = IntegerSpinners.of(0, k - 1, 0);
            index.setId("codecHead" + h);
            index.setEditable(true);
            index.setPrefWidth(84);
            index.valueProperty().addListener((o, was, now) -> {
                if (!updating && now != null) {
                    chosen[head] = now;
                    recompute();
                }
            });
            Button reset = new Button("nearest");
            reset.setTooltip(new javafx.scene.control.Tooltip("Back to the nearest code of head " + h));
            reset.getStyleClass().add("quick-codec-reset");
            reset.setOnAction(e -> index.getValueFactory().setValue(nearest[head]));
            Label line = new Label();
            line.getStyleClass().add("quick-codec-muted");
            heads.addRow(h, new Label("head " + h), index, reset, line);
            indexSpinners.add(index);
            headLines.add(line);
        }
        javafx.scene.Node holder = codebooks.config().heads() > SCROLL_ABOVE_HEADS ? headScroll : heads;
        if (middle.getChildren().get(0) != holder) {
            // the grid has one parent at a time: leave the old holder before entering the new one
            if (holder == heads) {
                headScroll.setContent(null);
                middle.getChildren().set(0, heads);
            } else {
                middle.getChildren().set(0, headScroll);
                headScroll.setContent(heads);
            }
        }
        updating = true;
        int rows = data.rows();
        ((IntegerSpinnerValueFactory) rowSpinner.getValueFactory()).setMax(rows - 1);
        int current = Math.min(rowSpinner.getValue() == null ? 0 : rowSpinner.getValue(), rows - 1);
        rowSpinner.getValueFactory().setValue(current);
        rowSlider.setMax(Math.max(1, rows - 1));
        rowSlider.setValue(current);
        rowSlider.setDisable(rows == 1);
        updating = false;
        rowCount.setText("of " + NumberText.grouped(rows));
        selectRow(current);
    }

    /** Up to 256 rows' values, for the image test and grey range (the sample may be large). */
    private float[] sampleValues() {
        int n = Math.min(data.rows(), 256);
        float[] out = new float[n * data.dim()];
        for (int r = 0; r < n; r++) {
            System.arraycopy(data.row(r), 0, out, r * data.dim(), data.dim());
        }
        return out;
    }

    private void setControlsDisabled(boolean disabled) {
        rowSpinner.setDisable(disabled);
        rowSlider.setDisable(disabled);
        if (disabled) {
            rowCount.setText("");
        }
    }

    /** Shows row {@code r}: its nearest codes become the chosen indices. */
    void selectRow(int r) {
        if (codebooks == null || data == null || r < 0 || r >= data.rows()) {
            return;
        }
        row = data.row(r);
        nearest = QuickCodec.encode(codebooks, row);
        chosen = nearest.clone();
        updating = true;
        for (int h = 0; h < indexSpinners.size(); h++) {
            indexSpinners.get(h).getValueFactory().setValue(chosen[h]);
        }
        updating = false;
        recompute();
    }

    /** After new code values: heads left at their nearest code follow the new nearest; picked ones stay. */
    private void followNewCodes() {
        int[] newNearest = QuickCodec.encode(codebooks, row);
        updating = true;
        for (int h = 0; h < chosen.length; h++) {
            if (chosen[h] == nearest[h]) {
                chosen[h] = newNearest[h];
                indexSpinners.get(h).getValueFactory().setValue(chosen[h]);
            }
        }
        updating = false;
        nearest = newNearest;
        recompute();
    }

    private void recompute() {
        decoded = QuickCodec.decode(codebooks, chosen);
        double total = QuickCodec.squaredError(row, decoded);
        double best = QuickCodec.squaredError(row, QuickCodec.decode(codebooks, nearest));
        for (int h = 0; h < chosen.length; h++) {
            double e = QuickCodec.headSquaredError(codebooks, row, h, chosen[h]);
            String text = "sq. error " + NumberText.compact(e, 4);
            if (chosen[h] != nearest[h]) {
                text += " · nearest " + nearest[h] + ": "
                        + NumberText.compact(QuickCodec.headSquaredError(codebooks, row, h, nearest[h]), 4);
                headLines.get(h).getStyleClass().add("quick-codec-changed");
            } else {
                text += " · nearest";
                headLines.get(h).getStyleClass().remove("quick-codec-changed");
            }
            headLines.get(h).setText(text);
        }
        boolean changed = !java.util.Arrays.equals(chosen, nearest);
        error.setText(String.format(Locale.ROOT, "Indices %s · squared error %s (%s per value)%s",
                java.util.Arrays.toString(chosen), NumberText.compact(total, 4),
                NumberText.compact(total / row.length, 3),
                changed ? " · with the nearest codes " + NumberText.compact(best, 4) : " · the nearest codes"));
        chart.show(List.of(new ValuesChart.Series("original", row, null),
                        new ValuesChart.Series("decoded", decoded, null)),
                null, null, "", codebooks.config().heads() > 1 ? codebooks.config().headDim() : 0);
        if (imageRows) {
            originalImage.setImage(image(row));
            decodedImage.setImage(image(decoded));
        }
    }

    private WritableImage image(float[] values) {
        return GreyImages.of(values, 0, ImageLayout.SIDE, ImageLayout.SIDE, imageLow, imageHigh);
    }

    /** The decoded row on show (a copy), {@code null} when none; for tests. */
    float[] reconstruction() {
        return decoded == null ? null : decoded.clone();
    }

    /** The chosen index of every head, for tests. */
    int[] chosenIndices() {
        return chosen == null ? null : chosen.clone();
    }

    /** Whether the rows are shown as images too. */
    boolean showsImages() {
        return imageRows && images.isVisible();
    }

    ValuesChart chart() {
        return chart;
    }
}
