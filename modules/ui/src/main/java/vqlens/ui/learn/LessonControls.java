package vqlens.ui.learn;

import java.nio.file.Path;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

/** What the lessons' control panels share: a row of controls, the learner's image chooser. */
final class LessonControls {
    private LessonControls() {
    }

    /** Controls side by side, the labels (and buttons) never cut. */
    static HBox row(Node... nodes) {
        for (Node n : nodes) {
            if (n instanceof Labeled l) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        HBox box = new HBox(6, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** Asks for a PNG or JPEG of the learner's own; {@code null} when they cancel. */
    static Path chooseImage(Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a PNG or JPEG image");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG or JPEG", "*.png", "*.jpg", "*.jpeg",
                "*.PNG", "*.JPG", "*.JPEG"));
        java.io.File file = chooser.showOpenDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        return file == null ? null : file.toPath();
    }
}
