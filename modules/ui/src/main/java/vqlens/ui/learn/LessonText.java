package vqlens.ui.learn;

import javafx.scene.Node;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** A lesson's text: paragraphs and display formulas ({@link Formula}) in one column that wraps. */
final class LessonText {
    private LessonText() {
    }

    /** Blocks in order: a string starting with {@code "$ "} is a formula, anything else a paragraph. */
    static Node of(String... blocks) {
        VBox box = new VBox();
        box.getStyleClass().add("lesson-text");
        for (String block : blocks) {
            if (block.startsWith("$ ")) {
                box.getChildren().add(Formula.of(block.substring(2)));
            } else {
                Text t = new Text(block);
                t.getStyleClass().add("lesson-paragraph");
                TextFlow flow = new TextFlow(t);
                flow.getStyleClass().add("lesson-paragraph-flow");
                box.getChildren().add(flow);
            }
        }
        return box;
    }
}
