package vqlens.ui.learn;

import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import vqlens.ui.plot.CanvasChart;

/**
 * Lesson 4's palette: the codebook as swatches in code order, each with a bar for its usage (the share of the pixels
 * that chose it, scaled to the busiest code; red under a quarter of the fair share 1/K) and, while there is room, the percentage under it. One click selects a
 * code, a double click asks to edit its colour.
 */
final class PaletteView extends CanvasChart {
    private static final double PAD = 4;
    private static final double SWATCH = 24;
    private static final double BAR = 14;
    private static final double LABEL = 14;
    /** Up to this many codes the percentage is written under every swatch. */
    private static final int LABELLED = 24;
    /** A code under this share of its fair share 1/K is drawn red: it is nearly dead. */
    private static final double RARE_SHARE = 0.25;

    private float[][] colours = new float[0][];
    private double[] usage = new double[0];
    private int selected = -1;
    private double zoom = 1;
    private IntConsumer onSelect = k -> { };
    private IntConsumer onEdit = k -> { };

    PaletteView() {
        getStyleClass().add("vq-palette");
        setMinHeight(40);
        setOnMouseClicked(e -> {
            int k = codeAt(e.getX(), e.getY());
            if (e.getButton() != MouseButton.PRIMARY || k < 0) {
                return;
            }
            if (e.getClickCount() >= 2) {
                onEdit.accept(k);
            } else {
                onSelect.accept(k);
            }
        });
    }

    void setOnSelect(IntConsumer action) {
        onSelect = action;
    }

    void setOnEdit(IntConsumer action) {
        onEdit = action;
    }

    void show(float[][] codeColours, double[] codeUsage, int selectedCode) {
        colours = codeColours.clone();
        usage = codeUsage.clone();
        selected = selectedCode;
        setPrefHeight(rows() * cellHeight() + 2 * PAD);
        markDirty();
    }

    void setZoom(double value) {
        zoom = value;
        setPrefHeight(rows() * cellHeight() + 2 * PAD);
        markDirty();
    }

    int selected() {
        return selected;
    }

    /** Swatches per row: all in one row up to 32, then rows of 32 (up to 64 codes) or 64. */
    private int columns() {
        int k = Math.max(1, colours.length);
        return k <= 32 ? k : k <= 64 ? 32 : 64;
    }

    private int rows() {
        return colours.length == 0 ? 1 : (colours.length + columns() - 1) / columns();
    }

    private boolean labelled() {
        return colours.length <= LABELLED;
    }

    private double cellHeight() {
        return zoom * (SWATCH + BAR + (labelled() ? LABEL : 0)) + 4;
    }

    private double cellWidth() {
        return Math.min(zoom * 56, (getWidth() - 2 * PAD) / columns());
    }

    /** The code under (x, y), or -1. */
    int codeAt(double x, double y) {
        if (colours.length == 0) {
            return -1;
        }
        int c = (int) Math.floor((x - PAD) / cellWidth());
        int r = (int) Math.floor((y - PAD) / cellHeight());
        int k = r * columns() + c;
        return x < PAD || y < PAD || c >= columns() || k >= colours.length ? -1 : k;
    }

    /** The centre of code {@code k}'s swatch (for tests that click it). */
    double[] centre(int k) {
        return new double[] {PAD + (k % columns() + 0.5) * cellWidth(), PAD + (k / columns()) * cellHeight()
                + zoom * SWATCH / 2};
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        if (colours.length == 0) {
            drawMessage(g, "the palette appears once training starts", w, h);
            return;
        }
        double cw = cellWidth();
        double max = 0;
        for (double u : usage) {
            max = Math.max(max, u);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int k = 0; k < colours.length; k++) {
            double x = PAD + (k % columns()) * cw;
            double y = PAD + (k / columns()) * cellHeight();
            float[] c = colours[k];
            double gap = cw > 8 ? 1.5 : 0.5;
            g.setFill(Color.color(clamp(c[0]), clamp(c[1]), clamp(c[2])));
            g.fillRect(x + gap, y, cw - 2 * gap, zoom * SWATCH);
            double bar = max > 0 ? usage[k] / max * (zoom * BAR - 2) : 0;
            g.setFill(usage[k] < RARE_SHARE / colours.length ? alertPaint() : mutedTextPaint());
            g.fillRect(x + gap + cw * 0.2, y + zoom * SWATCH + 1, Math.max(1, cw * 0.6 - 2 * gap), Math.max(1, bar));
            if (labelled()) {
                g.setFill(textPaint());
                g.fillText(percent(usage[k]), x + cw / 2, y + zoom * (SWATCH + BAR), cw);
            }
            if (k == selected) {
                g.setStroke(textPaint());
                g.setLineWidth(2.5);
                g.strokeRect(x + gap - 1, y - 1, cw - 2 * gap + 2, zoom * SWATCH + 2);
            }
        }
    }

    static String percent(double share) {
        return share >= 0.1 ? String.format(Locale.ROOT, "%.0f%%", share * 100)
                : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static double clamp(float v) {
        return Math.min(1, Math.max(0, v));
    }

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        int k = codeAt(x, y);
        if (k < 0) {
            return null;
        }
        float[] c = colours[k];
        return List.of(String.format(Locale.ROOT, "code %d: %s of the pixels", k, percent(usage[k])),
                String.format(Locale.ROOT, "RGB %d %d %d · click: highlight, double-click: edit", channel(c[0]),
                        channel(c[1]), channel(c[2])));
    }

    static int channel(float v) {
        return Math.round((float) clamp(v) * 255);
    }
}
