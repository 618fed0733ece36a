/**
 * The codebook inspector and editor: the Inspect tab of the main window. {@link vqlens.ui.inspect.InspectorViewModel}
 * holds the codebooks on show (from a file, or following a running trainer), the selection, the data rows
 * shown with them and the edit history; the panes bind to it and send edits through it.
 */
package vqlens.ui.inspect;
