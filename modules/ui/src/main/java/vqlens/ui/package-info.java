/**
 * Entry point of the desktop application: {@link vqlens.ui.VqLensDesktop#launch(String[])} opens the
 * main window; {@link vqlens.ui.VqLensApplication} is the JavaFX {@code Application} behind it.
 */
package vqlens.ui;
