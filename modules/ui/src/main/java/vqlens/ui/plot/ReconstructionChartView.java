package vqlens.ui.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;
import vqlens.train.VqVaeView;
import vqlens.ui.chart.GreyScale;
import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.ReconstructionModel;

/**
 * The VQ-VAE's pictures as it learns: the sample inputs above their reconstructions, then every code of one
 * head decoded into sample 0 (sample 0's own code outlined), all on one grey scale. Hover names a sample's
 * codes and error, or what a code's picture is.
 */
public final class ReconstructionChartView extends CanvasChart {
    private static final double PAD = 8;
    private static final double TITLE = 26;
    private static final double CAPTION = 16;
    private static final double GAP = 3;
    private static final double MAX_SAMPLE = 96;

    private final ReconstructionModel model;
    /** Where the last drawing put each picture, for hover. */
    private final List<Cell> cells = new ArrayList<>();

    private record Cell(double x, double y, double size, boolean sample, int index, boolean reconstruction) {
        boolean contains(double px, double py) {
            return px >= x && px < x + size && py >= y && py < y + size;
        }
    }

    public ReconstructionChartView(ReconstructionModel model) {
        super("vq-reconstruction-chart", model::version);
        this.model = model;
    }

    public ReconstructionModel model() {
        return model;
    }

    /** {@code Reconstructions · step 120 · sample MSE 0.0123}. */
    public String title() {
        VqVaeView v = model.view();
        return v == null ? "Reconstructions" : "Reconstructions · step " + NumberText.grouped(v.step()) + " · sample MSE "
                + NumberText.compact(v.sampleMse(), 3);
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        cells.clear();
        drawTitle(g, "Reconstructions", PAD, w / 2);
        VqVaeView v = model.view();
        if (v == null) {
            drawMessage(g, "pictures appear with the first step of a VQ-VAE", w, h);
            return;
        }
        g.setFill(mutedTextPaint());
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(fit("step " + NumberText.grouped(v.step()) + " · sample MSE " + NumberText.compact(v.sampleMse(), 3),
                w / 2 - PAD, font()), w - PAD, 7);
        g.setTextAlign(TextAlignment.LEFT);
        g.setImageSmoothing(false);
        GreyScale scale = model.scale();

        // the samples: inputs above, reconstructions below
        int n = v.samples();
        double room = (h - TITLE - 2 * CAPTION - PAD) * 0.42;
        double sampleSize = Math.min(MAX_SAMPLE, Math.min((w - 2 * PAD) / n - GAP, room / 2 - GAP));
        if (sampleSize < 6) {
            drawMessage(g, "too small to show the pictures", w, h);
            return;
        }
        double y = TITLE;
        caption(g, "inputs above, their reconstructions below (decoder(quantizer(encoder(x))))", y, w);
        y += CAPTION;
        for (int row = 0; row < 2; row++) {
            for (int i = 0; i < n; i++) {
                double x = PAD + i * (sampleSize + GAP);
                float[] values = row == 0 ? v.sampleInput(i) : v.reconstruction(i);
                picture(g, values, v, x, y, sampleSize, scale);
                cells.add(new Cell(x, y, sampleSize, true, i, row == 1));
            }
            y += sampleSize + GAP;
        }

        // one head's codes, each decoded into sample 0
        int head = model.head();
        y += PAD / 2;
        if (!v.hasCodeImages()) {
            caption(g, v.heads() + " × " + v.codes() + " codes are too many to decode each; the inspector decodes one on demand", y, w);
            return;
        }
        int own = v.sampleCode(0, head);
        caption(g, "head " + head + ": each code decoded into sample 0 (its own code " + own + " outlined)", y, w);
        y += CAPTION;
        int k = v.codes();
        double areaW = w - 2 * PAD;
        double areaH = h - y - PAD;
        int columns = 1;
        double size = 0;
        for (int c = 1; c <= k; c++) { // the column count that gives the largest pictures
            int rows = (k + c - 1) / c;
            double s = Math.min(areaW / c, areaH / rows) - 1;
            if (s > size) {
                size = s;
                columns = c;
            }
        }
        if (size < 3) {
            return;
        }
        double gap = size >= 12 ? 1 : 0;
        for (int code = 0; code < k; code++) {
            double x = PAD + (code % columns) * (size + 1);
            double cy = y + (code / columns) * (size + 1);
            picture(g, v.codeImage(head, code), v, x, cy, size - gap, scale);
            cells.add(new Cell(x, cy, size - gap, false, code, false));
            if (code == own) {
                g.setStroke(seriesPaint(1));
                g.setLineWidth(2);
                g.strokeRect(x - 1, cy - 1, size - gap + 2, size - gap + 2);
            }
        }
    }

    private void caption(GraphicsContext g, String text, double y, double w) {
        g.setFill(mutedTextPaint());
        g.setTextBaseline(VPos.TOP);
        g.fillText(fit(text, w - 2 * PAD, font()), PAD, y);
        g.setTextBaseline(VPos.BASELINE);
    }

    /** An image in a square cell, its aspect kept (a one-row image is a strip). */
    private static void picture(GraphicsContext g, float[] values, VqVaeView v, double x, double y, double size,
                                GreyScale scale) {
        double iw = v.width() >= v.height() ? size : size * v.width() / v.height();
        double ih = v.height() >= v.width() ? size : Math.max(2, size * v.height() / v.width());
        g.drawImage(GreyImages.of(values, 0, v.width(), v.height(), scale), x, y + (size - ih) / 2, iw, ih);
    }

    @Override
    protected List<String> hover(GraphicsContext g, double x, double y) {
        VqVaeView v = model.view();
        if (v == null) {
            return null;
        }
        for (Cell c : cells) {
            if (c.contains(x, y)) {
                g.setStroke(axisPaint());
                g.setLineWidth(1);
                g.strokeRect(c.x() - 0.5, c.y() - 0.5, c.size() + 1, c.size() + 1);
                return c.sample() ? sampleLines(v, c) : codeLines(v, c.index());
            }
        }
        return null;
    }

    private static List<String> sampleLines(VqVaeView v, Cell c) {
        int i = c.index();
        StringBuilder codes = new StringBuilder();
        for (int h = 0; h < v.heads(); h++) {
            codes.append(h == 0 ? "" : " · ").append("head ").append(h).append(": ").append(v.sampleCode(i, h));
        }
        float[] in = v.sampleInput(i);
        float[] out = v.reconstruction(i);
        double sum = 0;
        for (int p = 0; p < in.length; p++) {
            sum += (in[p] - out[p]) * (double) (in[p] - out[p]);
        }
        return List.of("sample " + i + (c.reconstruction() ? ", its reconstruction" : ", the input"),
                "codes " + codes,
                String.format(Locale.ROOT, "reconstruction MSE %s", NumberText.compact(sum / in.length, 3)));
    }

    private List<String> codeLines(VqVaeView v, int code) {
        int head = model.head();
        int own = v.sampleCode(0, head);
        return List.of("head " + head + " · code " + code + (code == own ? " (sample 0's own)" : ""),
                "sample 0 decoded with head " + head + "'s code set to " + code,
                "other heads keep sample 0's codes");
    }
}
