/**
 * The codebook inspector and editor: the Inspect tab of the main window.
 *
 * <p>{@link vqlens.ui.inspect.InspectorViewModel} holds the codebooks on show (from a file, or following a
 * running trainer through {@link vqlens.ui.inspect.LiveTraining}), the selection, the data rows shown with
 * them, the usage and the edit history, and is the one place edits take effect (on the copy on show, and on
 * a followed trainer between its steps). {@link vqlens.ui.inspect.InspectorEditor} builds the editing
 * operations from {@code vqlens.core.edit.CodebookEdits}. {@code Inspector.fxml} with
 * {@link vqlens.ui.inspect.InspectorController} lays out the codes table, the heatmap and distance matrix
 * ({@link vqlens.ui.inspect.HeatmapChart}, {@link vqlens.ui.inspect.DistanceMatrixChart}), the edit panel and
 * the panes of {@code vqlens.ui.inspect.views}. Everything here runs on the FX thread; file reading and
 * large statistics run on the injected background executor.
 */
package vqlens.ui.inspect;
