package vqlens.ui.plot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.LongSupplier;

import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.beans.value.ObservableValue;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import vqlens.ui.chart.PngEncoder;

/**
 * A chart drawn on a Canvas, with a second canvas on top for the hover box. Subclasses draw in
 * {@link #draw}; {@link #refresh()} redraws when the model changed (the view model calls it after an
 * update, at most at the chart refresh rate), a resize or a style change redraws by itself. Colours are
 * CSS properties ({@code -vq-chart-background}, {@code -vq-chart-series-0} …), so themes restyle charts.
 */
public abstract class CanvasChart extends Region {

    private static final StyleablePropertyFactory<CanvasChart> STYLES = new StyleablePropertyFactory<>(Region.getClassCssMetaData());
    /** Series colours, the Tableau 10 order that also reads on a dark background; CSS may override each. */
    private static final Color[] DEFAULT_SERIES = {
        Color.web("#4e79a7"), Color.web("#f28e2b"), Color.web("#59a14f"), Color.web("#e15759"),
        Color.web("#b07aa1"), Color.web("#76b7b2"), Color.web("#edc948"), Color.web("#9c755f")};

    private final StyleableProperty<Paint> background =
            STYLES.createStyleablePaintProperty(this, "chartBackground", "-vq-chart-background", c -> c.background, Color.WHITE);
    private final StyleableProperty<Paint> grid =
            STYLES.createStyleablePaintProperty(this, "chartGrid", "-vq-chart-grid", c -> c.grid, Color.web("#e6e8ec"));
    private final StyleableProperty<Paint> axis =
            STYLES.createStyleablePaintProperty(this, "chartAxis", "-vq-chart-axis", c -> c.axis, Color.web("#9aa3ad"));
    private final StyleableProperty<Paint> text =
            STYLES.createStyleablePaintProperty(this, "chartText", "-vq-chart-text", c -> c.text, Color.web("#1f2328"));
    private final StyleableProperty<Paint> mutedText =
            STYLES.createStyleablePaintProperty(this, "chartMutedText", "-vq-chart-muted-text", c -> c.mutedText, Color.web("#5a6370"));
    private final StyleableProperty<Paint> alert =
            STYLES.createStyleablePaintProperty(this, "chartAlert", "-vq-chart-alert", c -> c.alert, Color.web("#d1242f"));
    private final StyleableProperty<Paint> hoverBackground =
            STYLES.createStyleablePaintProperty(this, "chartHoverBackground", "-vq-chart-hover-background", c -> c.hoverBackground,
                    Color.web("#ffffff", 0.94));
    private final StyleableProperty<Paint> series0 =
            STYLES.createStyleablePaintProperty(this, "chartSeries0", "-vq-chart-series-0", c -> c.series0, DEFAULT_SERIES[0]);
    private final StyleableProperty<Paint> series1 =
            STYLES.createStyleablePaintProperty(this, "chartSeries1", "-vq-chart-series-1", c -> c.series1, DEFAULT_SERIES[1]);
    private final StyleableProperty<Paint> series2 =
            STYLES.createStyleablePaintProperty(this, "chartSeries2", "-vq-chart-series-2", c -> c.series2, DEFAULT_SERIES[2]);
    private final StyleableProperty<Paint> series3 =
            STYLES.createStyleablePaintProperty(this, "chartSeries3", "-vq-chart-series-3", c -> c.series3, DEFAULT_SERIES[3]);

    /** Base font size of chart text, px. */
    protected static final double FONT_SIZE = 11.5;

    private final Canvas canvas = new Canvas();
    private final Canvas overlay = new Canvas();
    private final Font font = Font.font(Font.getDefault().getFamily(), FONT_SIZE);
    private final Font titleFont = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, FONT_SIZE + 1);
    private final Text measurer = new Text();
    private boolean dirty = true;
    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;
    private long draws;
    private List<String> hoverLines;
    private final LongSupplier modelVersion;
    private long drawnVersion = Long.MIN_VALUE;

    /** A chart that says itself when its data changed, by overriding {@link #dataChanged()}. */
    protected CanvasChart() {
        this(null, null);
    }

    /**
     * A chart of a model with a version number.
     *
     * @param styleClass   the chart kind's CSS class, beside {@code vq-chart}
     * @param modelVersion the model's version, which changes with its data: the chart redraws when it did
     */
    protected CanvasChart(String styleClass, LongSupplier modelVersion) {
        this.modelVersion = modelVersion;
        getStyleClass().add("vq-chart");
        if (styleClass != null) {
            getStyleClass().add(styleClass);
        }
        overlay.setMouseTransparent(true);
        getChildren().addAll(canvas, overlay);
        setMinSize(140, 90);
        setPrefSize(360, 220);
        setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        setOnMouseDragged(e -> hover(e.getX(), e.getY()));
        setOnMouseExited(e -> hover(Double.NaN, Double.NaN));
        for (StyleableProperty<Paint> p : List.of(background, grid, axis, text, mutedText, alert, hoverBackground,
                series0, series1, series2, series3)) {
            ((ObservableValue<?>) p).addListener((obs, old, now) -> markDirty());
        }
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return STYLES.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return STYLES.getCssMetaData();
    }

    /** Redraws now if the data changed since the last drawing (and the chart has a size). */
    public final void refresh() {
        if (dirty || dataChanged()) {
            redraw();
        }
    }

    /** Draws everything again now (a benchmark calls it directly). */
    public final void redraw() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (w < 2 || h < 2) {
            dirty = true;
            return;
        }
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            overlay.setWidth(w);
            overlay.setHeight(h);
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(background.getValue());
        g.fillRect(0, 0, w, h);
        g.setFont(font);
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
        g.setLineDashes((double[]) null);
        g.setGlobalAlpha(1);
        if (modelVersion != null) {
            drawnVersion = modelVersion.getAsLong();
        }
        draw(g, w, h);
        dirty = false;
        draws++;
        drawOverlay();
    }

    /** Whether what is drawn shows the model as it is now. */
    public boolean isUpToDate() {
        return !dirty && !dataChanged();
    }

    /** Times this chart was drawn, for tests. */
    public long drawCount() {
        return draws;
    }

    /** Marks the chart for a redraw at the next layout pass. */
    protected final void markDirty() {
        dirty = true;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (dirty || canvas.getWidth() != w || canvas.getHeight() != h) {
            redraw();
        }
    }

    /** Whether the model changed since the last drawing: its version did (override without a version). */
    protected boolean dataChanged() {
        return modelVersion != null && modelVersion.getAsLong() != drawnVersion;
    }

    /** Draws the chart on a cleared canvas of {@code w × h}. */
    protected abstract void draw(GraphicsContext g, double w, double h);

    /**
     * The lines of the hover box for the mouse at {@code (x, y)}, or {@code null} for none; may also draw
     * markers on {@code g} (the overlay).
     */
    protected abstract List<String> hover(GraphicsContext g, double x, double y);

    private void hover(double x, double y) {
        mouseX = x;
        mouseY = y;
        drawOverlay();
    }

    /** Simulates the mouse at {@code (x, y)} (NaN: away), returning the hover box's lines; for tests. */
    public List<String> hoverAt(double x, double y) {
        mouseX = x;
        mouseY = y;
        return drawOverlay();
    }

    /** The lines of the hover box shown now, {@code null} when none (the mouse is away or off the plot). */
    public List<String> hoverLines() {
        return hoverLines;
    }

    private List<String> drawOverlay() {
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        hoverLines = null;
        if (Double.isNaN(mouseX) || dirty) {
            return null;
        }
        g.setFont(font);
        g.setLineDashes((double[]) null);
        g.setGlobalAlpha(1);
        List<String> lines = hover(g, mouseX, mouseY);
        hoverLines = lines == null || lines.isEmpty() ? null : List.copyOf(lines);
        if (lines == null || lines.isEmpty()) {
            return lines;
        }
        double lineHeight = FONT_SIZE + 4;
        double bw = 0;
        for (String line : lines) {
            bw = Math.max(bw, textWidth(line));
        }
        bw += 14;
        double bh = lines.size() * lineHeight + 8;
        double bx = mouseX + 14;
        double by = mouseY + 14;
        if (bx + bw > overlay.getWidth() - 2) {
            bx = mouseX - 14 - bw;
        }
        if (by + bh > overlay.getHeight() - 2) {
            by = Math.max(2, mouseY - 14 - bh);
        }
        bx = Math.max(2, bx);
        g.setFill(hoverBackground.getValue());
        g.fillRoundRect(bx, by, bw, bh, 6, 6);
        g.setStroke(axis.getValue());
        g.setLineWidth(1);
        g.strokeRoundRect(bx + 0.5, by + 0.5, bw - 1, bh - 1, 6, 6);
        g.setFill(text.getValue());
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        for (int i = 0; i < lines.size(); i++) {
            g.fillText(lines.get(i), bx + 7, by + 4 + i * lineHeight);
        }
        return lines;
    }

    /** Width of {@code s} in the chart font. */
    protected final double textWidth(String s) {
        measurer.setFont(font);
        measurer.setText(s);
        return measurer.getLayoutBounds().getWidth();
    }

    protected final Font font() {
        return font;
    }

    protected final Font titleFont() {
        return titleFont;
    }

    protected final Paint gridPaint() {
        return grid.getValue();
    }

    protected final Paint axisPaint() {
        return axis.getValue();
    }

    protected final Paint textPaint() {
        return text.getValue();
    }

    protected final Paint mutedTextPaint() {
        return mutedText.getValue();
    }

    protected final Paint alertPaint() {
        return alert.getValue();
    }

    protected final Paint backgroundPaint() {
        return background.getValue();
    }

    /** Colour {@code i} of the series palette (four from CSS, then the built-in ones). */
    protected final Paint seriesPaint(int i) {
        return switch (i) {
            case 0 -> series0.getValue();
            case 1 -> series1.getValue();
            case 2 -> series2.getValue();
            case 3 -> series3.getValue();
            default -> DEFAULT_SERIES[Math.floorMod(i, DEFAULT_SERIES.length)];
        };
    }

    /** Draws {@code message} ("no data yet") in the middle of a chart of {@code w × h}, in place of a plot. */
    protected final void drawMessage(GraphicsContext g, String message, double w, double h) {
        g.setFill(mutedText.getValue());
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(message, w / 2, h / 2);
        g.setTextAlign(TextAlignment.LEFT);
    }

    /** Draws a title at the top left, cut with an ellipsis to {@code maxWidth}. */
    protected final void drawTitle(GraphicsContext g, String title, double x, double maxWidth) {
        g.setFont(titleFont);
        g.setFill(text.getValue());
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(fit(title, maxWidth, titleFont), x, 6);
        g.setFont(font);
        g.setTextBaseline(VPos.BASELINE);
    }

    /** {@code s} shortened with "…" to fit {@code maxWidth} in {@code f}. */
    protected final String fit(String s, double maxWidth, Font f) {
        measurer.setFont(f);
        measurer.setText(s);
        if (measurer.getLayoutBounds().getWidth() <= maxWidth) {
            return s;
        }
        for (int n = s.length() - 1; n > 0; n--) {
            String t = s.substring(0, n).stripTrailing() + "…";
            measurer.setText(t);
            if (measurer.getLayoutBounds().getWidth() <= maxWidth) {
                return t;
            }
        }
        return "…";
    }

    /** A picture of the chart as drawn (without the hover box). */
    public final WritableImage image() {
        if (dirty) {
            redraw();
        }
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        return canvas.snapshot(params, null);
    }

    /** The chart as PNG bytes; call on the FX thread (the pixels), encoding is quick for a chart. */
    public final byte[] png() {
        return toPng(image());
    }

    /** An image as PNG bytes. */
    public static byte[] toPng(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PngEncoder.write(argb, w, h, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
