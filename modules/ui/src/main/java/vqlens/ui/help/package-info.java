/**
 * The in-app guide: where to start, what each chart and setting means, and the keyboard shortcuts (read
 * from the commands that have them, so the list cannot drift from the menus). Its text is
 * {@code help.txt} beside this package's classes.
 */
package vqlens.ui.help;
