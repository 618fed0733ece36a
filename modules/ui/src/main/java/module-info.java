/**
 * The JavaFX desktop application of VQ Lens: the main window with the live training dashboard, the
 * codebook inspector and editor, and the Learn tab's lessons.
 *
 * <p>Only {@link vqlens.ui} is exported: {@link vqlens.ui.VqLensDesktop} is how the launcher opens the
 * window. The shell ({@code vqlens.ui.shell}), the dashboard ({@code vqlens.ui.dashboard}) and the
 * inspector ({@code vqlens.ui.inspect}) are opened to {@code javafx.fxml} alone, because their FXML
 * controllers' fields and handlers are injected by reflection. What the features share (commands,
 * background tasks, messages, the snapshot relay) lives in {@code vqlens.ui.common}, so no feature imports
 * another. The charts' data layer ({@code vqlens.ui.chart}) has no JavaFX; its Canvas renderers live in
 * {@code vqlens.ui.plot}. Nothing here touches ND4J: training goes through {@code vqlens.train},
 * whose snapshots hold plain Java values, and the compute runtime through {@code vqlens.core}, both on
 * background threads.
 */
module vqlens.ui {
    // VqLensApplication, a public type here, is a javafx.application.Application: modules that read
    // vqlens.ui read the graphics module with it.
    requires transitive javafx.graphics;
    requires javafx.controls;
    requires javafx.fxml;
    requires vqlens.core;
    requires vqlens.train;
    // the Learn tab's presenter zoom, kept between launches
    requires java.prefs;
    // the image lessons read PNG and JPEG photos with javax.imageio (header first, subsampled decode), keeping their
    // models free of JavaFX
    requires java.desktop;

    exports vqlens.ui;

    opens vqlens.ui.shell to javafx.fxml;
    opens vqlens.ui.dashboard to javafx.fxml;
    opens vqlens.ui.inspect to javafx.fxml;
}
