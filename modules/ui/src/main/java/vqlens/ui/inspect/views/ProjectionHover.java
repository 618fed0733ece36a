package vqlens.ui.inspect.views;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

import vqlens.ui.chart.NumberText;
import vqlens.ui.chart.PlotArea;
import vqlens.ui.inspect.CodeUsage;
import vqlens.ui.inspect.geometry.HeadProjection;
import vqlens.ui.inspect.geometry.ProjectionFrame;

/**
 * What the mouse points at in a projection, and the words for it: a code's dot, else a data row's dot, else
 * (exact views) the cell under it. The picking the drag gesture uses too. No drawing, no state.
 */
final class ProjectionHover {

    /** A press within this many pixels of a code's dot grabs the code. */
    static final double GRAB_RADIUS = 10;
    /** Hovering within this many pixels of a data row's dot describes the row. */
    private static final double ROW_RADIUS = 5;

    private ProjectionHover() {
    }

    /** The code whose dot is within {@link #GRAB_RADIUS} of the pixel {@code (x, y)}, the nearest one; -1 for none. */
    static int codeAt(ProjectionFrame f, PlotArea a, double x, double y) {
        return nearestWithin(a, f.codes(), f::codeX, f::codeY, x, y, GRAB_RADIUS);
    }

    /** The hover box's lines for the pixel {@code (x, y)} inside the plot ({@code code}: the dot under it or -1). */
    static List<String> lines(ProjectionFrame f, PlotArea a, double x, double y, int code, int selected, CodeUsage usage) {
        List<String> lines = new ArrayList<>();
        if (code >= 0) {
            lines.add("code " + code + (code == selected ? " (selected)" : ""));
            lines.add(coordinates(f, f.codeX(code), f.codeY(code)));
            if (usage != null && f.head() < usage.heads()) {
                lines.add("usage " + NumberText.compact(usage.count(f.head(), code), 4));
            }
            lines.add(f.projection().kind() == HeadProjection.Kind.PCA ? "drag: move along PC1 and PC2" : "drag: move it");
            return lines;
        }
        int row = nearestWithin(a, f.rowsShown(), f::rowX, f::rowY, x, y, ROW_RADIUS);
        if (row >= 0) {
            lines.add("row " + NumberText.grouped(f.rowIndex(row)));
            lines.add("nearest code " + f.rowCode(row)
                    + (f.projection().exact() ? "" : " (in " + f.codebooks().config().headDim() + " dims)"));
            lines.add(coordinates(f, f.rowX(row), f.rowY(row)));
            return lines;
        }
        if (f.projection().exact()) {
            lines.add("cell of code " + f.nearestCodeInView(a.xAt(x), a.yAt(y)));
            lines.add(coordinates(f, a.xAt(x), a.yAt(y)));
            return lines;
        }
        return null;
    }

    private static String coordinates(ProjectionFrame f, double x, double y) {
        String xs = NumberText.compact(x, 3);
        String ys = NumberText.compact(y, 3);
        return switch (f.projection().kind()) {
            case LINE -> "x = " + xs;
            case PLANE -> "(" + xs + ", " + ys + ")";
            case PCA -> "PC1 " + xs + ", PC2 " + ys;
        };
    }

    /** The point of {@code count} nearest to the pixel (x, y) within {@code radius} pixels, or -1. */
    private static int nearestWithin(PlotArea a, int count, IntToDoubleFunction xs, IntToDoubleFunction ys,
                                     double x, double y, double radius) {
        int best = -1;
        double bestD = radius * radius;
        for (int i = 0; i < count; i++) {
            double dx = a.px(xs.applyAsDouble(i)) - x;
            double dy = a.py(ys.applyAsDouble(i)) - y;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
