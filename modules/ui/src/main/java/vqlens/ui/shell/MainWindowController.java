package vqlens.ui.shell;

import java.util.Objects;

import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import vqlens.core.runtime.RuntimeInfo;
import vqlens.ui.shell.MainWindowViewModel.RuntimeState;

/** Controller of {@code MainWindow.fxml}: binds the nodes to the view model, forwards menu commands. */
public final class MainWindowController {

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    /** Why "Open codebook…" is off for now. */
    static final String OPEN_CODEBOOK_HINT = "arrives with the inspector";

    private final MainWindowViewModel viewModel;
    private final Runnable quit;

    @FXML private BorderPane root;
    @FXML private Menu fileMenu;
    @FXML private MenuItem openCodebookItem;
    @FXML private ProgressIndicator statusProgress;
    @FXML private Label statusLabel;
    @FXML private Label versionLabel;

    MainWindowController(MainWindowViewModel viewModel, Runnable quit) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.quit = Objects.requireNonNull(quit, "quit");
    }

    @FXML
    private void initialize() {
        statusLabel.textProperty().bind(viewModel.statusTextProperty());
        statusProgress.visibleProperty().bind(viewModel.loadingProperty());
        statusProgress.managedProperty().bind(viewModel.loadingProperty());
        viewModel.runtimeStateProperty().addListener((obs, old, state) ->
                statusLabel.pseudoClassStateChanged(ERROR, state == RuntimeState.FAILED));
        statusLabel.pseudoClassStateChanged(ERROR, viewModel.getRuntimeState() == RuntimeState.FAILED);
        MenuItemTooltips.install(fileMenu, openCodebookItem, new Tooltip(OPEN_CODEBOOK_HINT));
        versionLabel.setText("version " + AppVersion.current());
    }

    @FXML
    private void quit() {
        quit.run();
    }

    @FXML
    private void about() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(root.getScene().getWindow());
        alert.setTitle("About VQ Lens");
        alert.setHeaderText("VQ Lens " + AppVersion.current());
        RuntimeInfo info = viewModel.runtimeInfoProperty().get();
        alert.setContentText("Train and inspect product-quantizer codebooks.\n\n"
                + (info != null ? info.describe() : viewModel.getStatusText()));
        alert.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        alert.getDialogPane().getStyleClass().add("about-dialog");
        alert.show();
    }
}
