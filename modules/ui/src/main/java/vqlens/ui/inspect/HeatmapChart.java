package vqlens.ui.inspect;

import vqlens.ui.chart.ColourMaps;
import java.util.List;

import vqlens.core.Codebooks;
import vqlens.ui.chart.NumberText;

/**
 * One head's codebook as a heatmap: a row per code, a column per dimension, values on a diverging colour
 * scale symmetric around 0 (the largest |value| of the head at either end). Hover names code, dimension and
 * value; a click selects the code. FX thread only.
 */
public final class HeatmapChart extends MatrixChart {

    private Codebooks codebooks;
    private int head;
    private int selected = -1;
    private double limit = 1;
    private long version;

    public HeatmapChart() {
        getStyleClass().add("vq-heatmap");
    }

    /** Shows {@code head} of {@code cb} ({@code null}: nothing) with {@code selectedCode} outlined. */
    public void show(Codebooks cb, int headIndex, int selectedCode) {
        if (cb != codebooks || headIndex != head) {
            codebooks = cb;
            head = headIndex;
            if (cb != null && head < cb.config().heads()) {
                int k = cb.config().codes();
                int d = cb.config().headDim();
                limit = ColourMaps.symmetricLimit(cb.toArray(), head * k * d, (head + 1) * k * d);
            }
            version++;
        }
        if (selectedCode != selected) {
            selected = selectedCode;
            version++;
        }
        if (dataChanged()) {
            markDirty();
        }
    }

    @Override
    long version() {
        return version;
    }

    private boolean showing() {
        return codebooks != null && head < codebooks.config().heads();
    }

    @Override
    int rows() {
        return showing() ? codebooks.config().codes() : 0;
    }

    @Override
    int columns() {
        return showing() ? codebooks.config().headDim() : 0;
    }

    @Override
    void fill(int[] argb) {
        int k = rows();
        int d = columns();
        float[] all = codebooks.toArray();
        int base = head * k * d;
        for (int i = 0; i < k * d; i++) {
            argb[i] = ColourMaps.diverging(all[base + i], limit);
        }
    }

    @Override
    String title() {
        return showing() ? "Head " + head + " · " + NumberText.grouped(rows()) + " codes × " + columns()
                + " dims · colour: value (±" + NumberText.compact(limit, 3) + ")" : "Codebook heatmap";
    }

    @Override
    String emptyText() {
        return "No codebook on show";
    }

    @Override
    String rowAxis() {
        return "code";
    }

    @Override
    String columnAxis() {
        return "dimension";
    }

    @Override
    int selectedRow() {
        return selected;
    }

    @Override
    int legendColour(double fraction) {
        return ColourMaps.diverging(-limit + 2 * limit * fraction, limit);
    }

    @Override
    double legendMin() {
        return -limit;
    }

    @Override
    double legendMax() {
        return limit;
    }

    /** The largest |value| of the head: the ends of the colour scale. */
    public double limit() {
        return limit;
    }

    @Override
    List<String> describeCell(int row, int column) {
        return List.of("code " + row + " · dim " + column, "value " + NumberText.compact(codebooks.value(head, row, column), 5));
    }
}
