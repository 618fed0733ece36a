package vqlens.ui.learn;

import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import vqlens.ui.learn.model.StartComparison;

/** The three starts run to convergence, restarts off (top row) and on (bottom row), side by side. */
final class StartComparisonWindow {
    private final Stage stage = new Stage();

    StartComparisonWindow(Window owner, List<StartComparison.Outcome> outcomes, String setUp) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(12);
        grid.setPadding(new Insets(12));
        int columns = outcomes.size() / 2;
        for (int i = 0; i < outcomes.size(); i++) {
            StartComparison.Outcome o = outcomes.get(i);
            PlaneView plane = new PlaneView();
            plane.setPrefSize(300, 300);
            plane.show(o.scene(), -1);
            Label caption = new Label(String.format(Locale.ROOT, "%s, restarts %s%n%d moves · MSE %.4f · %d dead code%s",
                    o.start().label(), o.restarts() ? "on" : "off", o.moves(), o.mse(), o.deadCodes(),
                    o.deadCodes() == 1 ? "" : "s"));
            caption.getStyleClass().add("lesson-stats");
            grid.add(new VBox(4, plane, caption), i % columns, i / columns);
        }
        Label heading = new Label("Each start run to convergence: " + setUp);
        heading.setWrapText(true);
        heading.getStyleClass().add("stage-title");
        VBox root = new VBox(6, heading, grid);
        root.setPadding(new Insets(10));
        root.getStyleClass().add("learn-view");
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            stage.initOwner(owner);
        }
        stage.setScene(scene);
        stage.setTitle("Initialisation matters");
    }

    void show() {
        stage.show();
    }

    Stage stage() {
        return stage;
    }
}
