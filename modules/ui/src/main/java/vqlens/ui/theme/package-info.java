/**
 * Style sheets: {@code base.css} styles the controls and the charts through looked-up colours, and each
 * theme file ({@code light.css}, {@code dark.css}) only defines those colours (not exported).
 */
package vqlens.ui.theme;
