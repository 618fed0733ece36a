/**
 * The VQ Lens launcher: opens the desktop window, or runs the command line ({@code encode},
 * {@code decode}, {@code inspect}, {@code convert}, {@code bench}, {@code train}) when given arguments.
 *
 * <p>Exports nothing: it is an application, not a library. The command package is opened to picocli
 * alone, which injects options into the command objects by reflection. ND4J and SLF4J stay on the
 * class path (see the core module), so this module reads the unnamed module at compile and run time.
 */
module vqlens.app {
    requires vqlens.core;
    requires vqlens.train;
    requires vqlens.ui;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    opens vqlens.app.cli to info.picocli;
}
