/**
 * The main window's shell: menu bar, central area and status bar (not exported).
 *
 * <p>{@link vqlens.ui.shell.MainWindowViewModel} holds the state as read-only properties and never
 * touches a node; {@code MainWindow.fxml} with {@link vqlens.ui.shell.MainWindowController} binds to it.
 * Background work (loading ND4J) goes through the executors of {@link vqlens.ui.shell.ShellServices},
 * so tests run it synchronously and without the real runtime.
 */
package vqlens.ui.shell;
