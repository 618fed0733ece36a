/**
 * Style sheets: {@code base.css} styles the controls through looked-up colours, and each theme file
 * ({@code light.css}; a dark one later) only defines those colours (not exported).
 */
package vqlens.ui.theme;
