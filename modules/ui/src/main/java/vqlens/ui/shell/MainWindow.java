package vqlens.ui.shell;

import java.io.IOException;
import java.io.UncheckedIOException;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import vqlens.ui.theme.Theme;

/** Builds the main window on a stage: the FXML view, its view model, the theme. */
public final class MainWindow {

    /** The window title (a file name will follow it once codebooks can be opened). */
    public static final String TITLE = "VQ Lens";
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private MainWindow() {
    }

    /**
     * Puts the main window on {@code stage}, shows it, and only then starts loading the compute
     * runtime, so the window is up before ND4J is.
     *
     * @return the window's view model
     */
    public static MainWindowViewModel open(Stage stage, ShellServices services) {
        MainWindowViewModel viewModel = new MainWindowViewModel(services);
        Scene scene = new Scene(loadView(viewModel, () -> requestClose(stage)), WIDTH, HEIGHT);
        Theme.LIGHT.applyTo(scene);
        stage.setTitle(TITLE);
        stage.setMinWidth(640);
        stage.setMinHeight(400);
        stage.setScene(scene);
        stage.show();
        viewModel.loadComputeRuntime();
        return viewModel;
    }

    /** Loads {@code MainWindow.fxml} with a controller bound to {@code viewModel}. */
    static Parent loadView(MainWindowViewModel viewModel, Runnable quit) {
        FXMLLoader loader = new FXMLLoader(MainWindow.class.getResource("MainWindow.fxml"));
        loader.setClassLoader(MainWindow.class.getClassLoader());
        loader.setControllerFactory(type -> {
            if (type != MainWindowController.class) {
                throw new IllegalArgumentException("unexpected controller " + type);
            }
            return new MainWindowController(viewModel, quit);
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load MainWindow.fxml", e);
        }
    }

    /**
     * Closes the window the way its close button does: a close request that a later handler (say, for
     * a training run still going) can veto by consuming it; unvetoed, the stage hides.
     */
    private static void requestClose(Stage stage) {
        stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
    }
}
