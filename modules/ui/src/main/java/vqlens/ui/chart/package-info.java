/**
 * The charts' data layer, without JavaFX: what the dashboard's charts show, kept and updated on the FX
 * thread by the view model and read by the renderers in {@code vqlens.ui.plot} when they redraw.
 *
 * <ul>
 * <li>{@link vqlens.ui.chart.CurveSeries}: an append-only {@code (step, value)} series that thins itself
 * (keeps every other point) when it reaches its capacity, so a long run stays bounded in memory;</li>
 * <li>{@link vqlens.ui.chart.LineChartModel}: curves with a y scale and a smoothing weight, smoothed with
 * {@link vqlens.ui.chart.Smoothing} (TensorBoard's debiased EMA);</li>
 * <li>{@link vqlens.ui.chart.CodeUsageModel}: one head's per-code usage for the bar chart;</li>
 * <li>{@link vqlens.ui.chart.DistanceHistogramModel}: one head's distance histograms with their history;</li>
 * <li>{@link vqlens.ui.chart.Ticks}, {@link vqlens.ui.chart.Scale}, {@link vqlens.ui.chart.NumberText}:
 * axes and labels; {@link vqlens.ui.chart.PngEncoder}: pixels to PNG without AWT;</li>
 * <li>{@link vqlens.ui.chart.PlotArea}: the transform between data and pixels every chart draws through,
 * and {@link vqlens.ui.chart.Margins}, the room a chart keeps around it.</li>
 * </ul>
 * Every model has a {@code version()} that changes with its content, so a renderer redraws only what
 * changed. None of these classes is thread-safe: the FX thread owns them.
 */
package vqlens.ui.chart;
