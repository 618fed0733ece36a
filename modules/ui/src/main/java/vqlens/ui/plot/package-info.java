/**
 * Charts drawn on a {@link javafx.scene.canvas.Canvas} (not exported): the dashboard's line, usage and
 * histogram charts here, and the inspector's charts (in {@code vqlens.ui.inspect}) built on the same base.
 *
 * <p>Why not {@code javafx.scene.chart}: its charts make a scene-graph node per data point (a
 * {@code LineChart} of 10,000 steps is 10,000 nodes to lay out, style and render at every update), and
 * {@code BarChart} finds a bar's category in a list, so a bar chart of K codes costs O(K²) per update. A
 * Canvas here draws a line of any length as at most four points per pixel column (min/max decimation),
 * 256–4096 bars as rectangles, and the hover box on a second, transparent canvas on top, so moving the
 * mouse never redraws the data.
 *
 * <p>{@link vqlens.ui.plot.CanvasChart} is the base, subclassed across packages: two canvases, colours from
 * CSS ({@code -vq-chart-*} properties, so the themes restyle the charts), redraw on demand, PNG export;
 * {@link vqlens.ui.plot.Axes} draws the grid, ticks and axis lines of a {@link vqlens.ui.chart.PlotArea}, the
 * one viewport transform every chart draws and hovers through; {@link vqlens.ui.plot.PanZoomGesture} is the
 * wheel zoom and drag-to-pan plugin over it (the inspector's 2-D view uses it). The charts read their models from {@code vqlens.ui.chart} and never change them.
 */
package vqlens.ui.plot;
