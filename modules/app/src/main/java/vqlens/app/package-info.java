/** The launcher's entry point: {@link vqlens.app.Main} chooses the window or the command line. */
package vqlens.app;
