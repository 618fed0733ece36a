/**
 * The picocli command line: {@link vqlens.app.cli.VqLensCommand} and its subcommands. Opened to picocli
 * only, because picocli sets the annotated fields by reflection.
 */
package vqlens.app.cli;
