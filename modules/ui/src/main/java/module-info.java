/**
 * The JavaFX desktop application of VQ Lens: the main window now; the training dashboard and the
 * codebook inspector later.
 *
 * <p>Only {@link vqlens.ui} is exported: {@link vqlens.ui.VqLensDesktop} is how the launcher opens the
 * window. The window itself lives in {@code vqlens.ui.shell}, which is opened to {@code javafx.fxml}
 * alone, because its FXML controller's fields and handlers are injected by reflection. Nothing here
 * touches ND4J: the compute runtime is reached through {@code vqlens.core} on a background thread.
 */
module vqlens.ui {
    // VqLensApplication, a public type here, is a javafx.application.Application: modules that read
    // vqlens.ui read the graphics module with it.
    requires transitive javafx.graphics;
    requires javafx.controls;
    requires javafx.fxml;
    requires vqlens.core;

    exports vqlens.ui;

    opens vqlens.ui.shell to javafx.fxml;
}
