package vqlens.ui.inspect.views;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * Defaults the panes set in code so that they look right before a theme adds rules for their style classes;
 * a theme sheet overrides any of them (author style sheets win over values set in code).
 */
final class Styling {

    static final Insets PANE_PADDING = new Insets(8, 10, 8, 10);

    private Styling() {
    }

    static void pane(Region pane) {
        pane.setPadding(PANE_PADDING);
    }

    /** A heading: the default family, bold, a little larger. */
    static void heading(Label label) {
        label.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize() + 1));
    }
}
