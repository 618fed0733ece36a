/** The file choosers the views share: codebooks to open and save, data rows, remembering the last folder. */
package vqlens.ui.files;
