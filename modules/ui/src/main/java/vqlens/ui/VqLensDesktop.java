package vqlens.ui;

import javafx.application.Application;

/** Opens the VQ Lens desktop window; called by the launcher when it runs without a subcommand. */
public final class VqLensDesktop {

    private VqLensDesktop() {
    }

    /**
     * Starts JavaFX and shows the main window; returns when the last window has closed.
     *
     * @param args the command-line arguments handed to the JavaFX application (may be empty)
     */
    public static void launch(String[] args) {
        Application.launch(VqLensApplication.class, args);
    }
}
