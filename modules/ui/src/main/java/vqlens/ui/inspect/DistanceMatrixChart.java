package vqlens.ui.inspect;

import vqlens.ui.chart.ColourMaps;
import java.util.List;

import vqlens.core.CodeDistances;
import vqlens.ui.chart.NumberText;

/**
 * The pairwise Euclidean distances of one head's codes as a K × K picture on a sequential colour scale (dark:
 * close, yellow: far); near-duplicate codes show as dark cells off the diagonal. Hover names both codes and
 * their distance; a click selects the row's code. FX thread only.
 */
public final class DistanceMatrixChart extends MatrixChart {

    private HeadStats stats;
    private int selected = -1;
    private long version;

    public DistanceMatrixChart() {
        getStyleClass().add("vq-distance-matrix");
    }

    /** Shows {@code headStats} ({@code null}: nothing) with {@code selectedCode}'s row outlined. */
    public void show(HeadStats headStats, int selectedCode) {
        if (headStats != stats || selectedCode != selected) {
            stats = headStats;
            selected = selectedCode;
            version++;
            markDirty();
        }
    }

    @Override
    boolean square() {
        return true;
    }

    @Override
    long version() {
        return version;
    }

    private boolean showing() {
        return stats != null && stats.distances().hasMatrix();
    }

    @Override
    int rows() {
        return showing() ? stats.codes() : 0;
    }

    @Override
    int columns() {
        return rows();
    }

    @Override
    void fill(int[] argb) {
        int k = stats.codes();
        CodeDistances d = stats.distances();
        double max = d.maxDistance();
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                argb[a * k + b] = ColourMaps.sequential(d.distance(a, b), max);
            }
        }
    }

    @Override
    String title() {
        return stats == null ? "Code distances" : "Head " + stats.head() + " · distances between its "
                + NumberText.grouped(stats.codes()) + " codes";
    }

    @Override
    String emptyText() {
        return stats == null ? "No codebook on show"
                : "More than " + NumberText.grouped(HeadStats.MAX_MATRIX_CODES) + " codes: the matrix is not drawn";
    }

    @Override
    String rowAxis() {
        return "code";
    }

    @Override
    String columnAxis() {
        return "code";
    }

    @Override
    int selectedRow() {
        return selected;
    }

    @Override
    int legendColour(double fraction) {
        return ColourMaps.sequential(fraction, 1);
    }

    @Override
    double legendMin() {
        return 0;
    }

    @Override
    double legendMax() {
        double max = stats == null ? 0 : stats.distances().maxDistance();
        return max > 0 ? max : 1;
    }

    @Override
    List<String> notes() {
        if (!showing() || stats.codes() < 2) {
            return List.of();
        }
        CodeDistances d = stats.distances();
        int a = 0;
        for (int c = 1; c < stats.codes(); c++) {
            if (d.nearestDistance(c) < d.nearestDistance(a)) {
                a = c;
            }
        }
        int b = d.nearest(a);
        double closest = d.nearestDistance(a);
        return List.of("Closest pair: codes " + Math.min(a, b) + " and " + Math.max(a, b) + ", distance "
                        + NumberText.compact(closest, 4) + (closest == 0 ? " (duplicates)" : ""),
                "Largest distance: " + NumberText.compact(d.maxDistance(), 4),
                "Dark cells off the diagonal: codes close to each other.");
    }

    @Override
    List<String> describeCell(int row, int column) {
        return List.of("codes " + row + " and " + column, "distance "
                + NumberText.compact(stats.distances().distance(row, column), 4));
    }
}
