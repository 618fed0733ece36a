package vqlens.ui.inspect.views;

import vqlens.ui.plot.CodePalette;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.TextAlignment;
import vqlens.ui.chart.PlotArea;
import vqlens.ui.inspect.CodeUsage;
import vqlens.core.geometry.Box;
import vqlens.core.geometry.Polygon;
import vqlens.ui.inspect.geometry.ProjectionFrame;

/**
 * The layers {@link ProjectionCanvas} draws through one {@link PlotArea}, bottom to top: Voronoi cells, data
 * rows, codes, and the codes' labels with the selection ring and the drag trace. Keeps the cells of the last
 * view, which cost the most to compute. FX thread only.
 */
final class ProjectionLayers {

    static final double CODE_RADIUS = 6;
    /** Codes are labelled with their index up to this many codes; beyond, only the selected and hovered one. */
    private static final int LABEL_ALL_UP_TO = 64;

    /** The chart's colours for one drawing. */
    record Paints(Paint background, Paint text, Paint mutedText) {
    }

    private Box cellsBox;
    private ProjectionFrame cellsFrame;
    private Polygon[] cells;

    /** Fills and outlines every visible cell; returns how many were not empty. */
    int cells(GraphicsContext g, PlotArea a, ProjectionFrame f, int selected) {
        // cells are clipped to what is visible, a little beyond so borders do not show at the edge
        double mx = a.x().span() * 0.01;
        double my = a.y().span() * 0.01;
        Box clip = new Box(a.x().min() - mx, a.y().min() - my, a.x().max() + mx, a.y().max() + my);
        if (cells == null || cellsFrame != f || !clip.equals(cellsBox)) {
            cells = f.cells(clip);
            cellsFrame = f;
            cellsBox = clip;
        }
        int drawn = 0;
        for (int c = 0; c < cells.length; c++) {
            Polygon cell = cells[c];
            if (cell.isEmpty()) {
                continue;
            }
            double[][] px = a.pixels(cell);
            double[] xs = px[0];
            double[] ys = px[1];
            Color colour = CodePalette.of(c);
            g.setFill(colour.deriveColor(0, 1, 1, c == selected ? 0.34 : 0.17));
            g.fillPolygon(xs, ys, xs.length);
            g.setStroke(colour.deriveColor(0, 1, 0.8, 0.85));
            g.setLineWidth(1);
            g.strokePolygon(xs, ys, xs.length);
            drawn++;
        }
        return drawn;
    }

    /** The data rows as dots in their nearest code's colour. */
    static void rows(GraphicsContext g, PlotArea a, ProjectionFrame f) {
        double r = f.rowsShown() > 2000 ? 1.6 : 2.3;
        for (int i = 0; i < f.rowsShown(); i++) {
            g.setFill(CodePalette.of(f.rowCode(i)).deriveColor(0, 1, 1, 0.75));
            g.fillOval(a.px(f.rowX(i)) - r, a.py(f.rowY(i)) - r, 2 * r, 2 * r);
        }
    }

    /** The codes: unused ones (hollow) last, so that a used code drawn at the same place cannot hide them. */
    static void codes(GraphicsContext g, PlotArea a, ProjectionFrame f, CodeUsage usage, Paints p) {
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < f.codes(); c++) {
                boolean unused = usage != null && c < usage.codes() && f.head() < usage.heads() && usage.count(f.head(), c) == 0;
                if (unused == (pass == 1)) {
                    code(g, a.px(f.codeX(c)), a.py(f.codeY(c)), c, unused, p);
                }
            }
        }
    }

    /** A used code is a filled dot with an outline in the text colour; an unused one a ring in its colour. */
    private static void code(GraphicsContext g, double x, double y, int c, boolean unused, Paints p) {
        Color colour = CodePalette.of(c);
        g.setFill(unused ? p.background() : colour);
        g.fillOval(x - CODE_RADIUS, y - CODE_RADIUS, 2 * CODE_RADIUS, 2 * CODE_RADIUS);
        g.setStroke(unused ? colour : p.text());
        g.setLineWidth(unused ? 2 : 1.2);
        g.strokeOval(x - CODE_RADIUS, y - CODE_RADIUS, 2 * CODE_RADIUS, 2 * CODE_RADIUS);
    }

    /**
     * Index labels, the selection ring and, while {@code dragged} (≥ 0) is being dragged, a dashed trace from
     * where it was in {@code before} to where it is in {@code f}.
     */
    static void labels(GraphicsContext g, PlotArea a, ProjectionFrame f, int selected, ProjectionFrame before, int dragged,
                       Paints p) {
        boolean labelAll = f.codes() <= LABEL_ALL_UP_TO;
        for (int c = 0; c < f.codes(); c++) {
            if (labelAll || c == selected) {
                label(g, String.valueOf(c), a.px(f.codeX(c)) + CODE_RADIUS + 2, a.py(f.codeY(c)) - CODE_RADIUS - 1, p);
            }
        }
        if (selected >= 0 && selected < f.codes()) {
            double x = a.px(f.codeX(selected));
            double y = a.py(f.codeY(selected));
            g.setStroke(p.text());
            g.setLineWidth(2.5);
            g.strokeOval(x - CODE_RADIUS - 4, y - CODE_RADIUS - 4, 2 * CODE_RADIUS + 8, 2 * CODE_RADIUS + 8);
        }
        if (before != null && dragged >= 0) {
            double x0 = a.px(before.codeX(dragged));
            double y0 = a.py(before.codeY(dragged));
            g.setStroke(p.mutedText());
            g.setLineWidth(1);
            g.setLineDashes(4, 3);
            g.strokeOval(x0 - CODE_RADIUS, y0 - CODE_RADIUS, 2 * CODE_RADIUS, 2 * CODE_RADIUS);
            g.strokeLine(x0, y0, a.px(f.codeX(dragged)), a.py(f.codeY(dragged)));
            g.setLineDashes((double[]) null);
        }
    }

    /** Text with a halo of the background colour, readable over cells and points. */
    private static void label(GraphicsContext g, String text, double x, double y, Paints p) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
        g.setLineWidth(3);
        g.setStroke(p.background());
        g.strokeText(text, x, y);
        g.setFill(p.text());
        g.fillText(text, x, y);
    }
}
