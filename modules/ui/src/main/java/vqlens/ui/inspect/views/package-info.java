/**
 * Panes of the Inspect tab that show one head and one code: the 2-D view
 * ({@link vqlens.ui.inspect.views.ProjectionPane}: exact plane with Voronoi cells, or a PCA projection; drawn by
 * {@code ProjectionCanvas} through its layers, {@code ProjectionLayers}, on the charts' viewport, with gesture
 * plugins: the charts' pan and zoom, {@code CodeDragGesture} and {@code ProjectionHover}), the
 * selected code's detail ({@link vqlens.ui.inspect.views.CodeDetailPane}) and the quick encode/decode of one
 * data row ({@link vqlens.ui.inspect.views.QuickCodecPane}). Each is built with the
 * {@link vqlens.ui.inspect.InspectorViewModel}, binds to its properties, redraws only when they change and sends
 * edits through {@code apply}, so they are undoable. FX thread only; the numbers come from
 * {@code vqlens.ui.inspect.geometry}.
 */
package vqlens.ui.inspect.views;
