/**
 * The dashboard's charts, drawn on a {@link javafx.scene.canvas.Canvas} (not exported).
 *
 * <p>Why not {@code javafx.scene.chart}: its charts make a scene-graph node per data point (a
 * {@code LineChart} of 10,000 steps is 10,000 nodes to lay out, style and render at every update), and
 * {@code BarChart} finds a bar's category in a list, so a bar chart of K codes costs O(K²) per update. A
 * Canvas here draws a line of any length as at most four points per pixel column (min/max decimation),
 * 256–4096 bars as rectangles, and the hover box on a second, transparent canvas on top, so moving the
 * mouse never redraws the data.
 *
 * <p>{@link vqlens.ui.chart.internal.CanvasChart} is the base: two canvases, colours from CSS
 * ({@code -vq-chart-*} properties, so the themes restyle the charts), redraw on demand, PNG export.
 * The charts read their models from {@code vqlens.ui.chart} and never change them.
 */
package vqlens.ui.chart.internal;
