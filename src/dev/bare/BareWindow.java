import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;

/**
 * The floor for src/dev/window-time.sh: the least window of VQ Lens's shape (menu bar, two tabs, a status
 * bar with a spinner, 1280×800, JavaFX's own style), built in code, with nothing of VQ Lens behind it.
 * What JavaFX alone costs on this machine, measured in the same run as ./vqlens.
 */
public final class BareWindow extends Application {

    @Override
    public void start(Stage stage) {
        MenuBar menus = new MenuBar();
        for (String name : new String[] {"File", "Edit", "Training", "View", "Help"}) {
            Menu menu = new Menu(name);
            for (int i = 1; i <= 8; i++) {
                menu.getItems().add(new MenuItem(name + " item " + i));
            }
            menus.getMenus().add(menu);
        }
        TabPane tabs = new TabPane(new Tab("Train", new Label("Preparing the training view…")), new Tab("Inspect"));
        HBox status = new HBox(8, new Label("Ready"), new Label("step 0"), new Label("0 samples/s"),
                new ProgressIndicator(), new Label("Loading ND4J…"));
        BorderPane root = new BorderPane(tabs, menus, null, status, null);
        stage.setScene(new Scene(root, 1280, 800));
        stage.setTitle("Bare JavaFX window");
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
