package vqlens.ui.help;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Help ▸ Start here: the guide's topics in a list beside the chosen one's text; the last topic lists the
 * keyboard shortcuts given to it (the menus' accelerators and the views' own keys).
 */
public final class HelpWindow {

    /** One shortcut: the keys as shown ("Ctrl+O") and what they do. */
    public record Shortcut(String keys, String action) {
    }

    private final Stage stage = new Stage();
    private final List<HelpText.Topic> topics;
    private final ListView<String> list = new ListView<>();
    private final VBox page = new VBox(8);
    private final List<Shortcut> shortcuts;
    private static HelpWindow lastShown;

    public HelpWindow(Window owner, List<Shortcut> shortcuts) {
        this.topics = HelpText.shipped();
        this.shortcuts = List.copyOf(shortcuts);
        topics.forEach(t -> list.getItems().add(t.title()));
        list.setId("helpTopics");
        list.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> show(now.intValue()));
        page.setId("helpPage");
        page.setPadding(new Insets(16, 20, 20, 20));
        page.getStyleClass().add("help-page");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        SplitPane split = new SplitPane(list, scroll);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(list, false);
        Scene scene = new Scene(split, 860, 600);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            stage.initOwner(owner);
        }
        stage.setScene(scene);
        stage.setTitle("VQ Lens help");
        list.getSelectionModel().select(0);
    }

    /** Shows topic {@code title} (the first when there is none of that name) and brings the window forward. */
    public void show(String title) {
        int i = Math.max(0, list.getItems().indexOf(title));
        list.getSelectionModel().select(i);
        show(i);
        stage.show();
        lastShown = this;
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    /** The help window showing now, if any (for the screenshot maker). */
    public static java.util.Optional<HelpWindow> opened() {
        return java.util.Optional.ofNullable(lastShown).filter(h -> h.stage.isShowing());
    }

    /** The topic on show, for tests. */
    public String shownTopic() {
        return list.getSelectionModel().getSelectedItem();
    }

    /** The text of the page on show, for tests. */
    public String pageText() {
        StringBuilder s = new StringBuilder();
        collect(page, s);
        return s.toString();
    }

    private static void collect(Node n, StringBuilder s) {
        if (n instanceof Text t) {
            s.append(t.getText());
        } else if (n instanceof Label l) {
            s.append(l.getText()).append('\n');
        } else if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, s));
            if (n instanceof TextFlow) {
                s.append('\n');
            }
        }
    }

    private void show(int index) {
        if (index < 0 || index >= topics.size()) {
            return;
        }
        HelpText.Topic topic = topics.get(index);
        List<Node> nodes = new ArrayList<>();
        Label title = new Label(topic.title());
        title.getStyleClass().add("help-title");
        title.setFont(Font.font(null, FontWeight.BOLD, 18));
        nodes.add(title);
        for (HelpText.Block b : topic.blocks()) {
            switch (b.kind()) {
                case HEADING -> {
                    Label h = new Label(b.text());
                    h.setFont(Font.font(null, FontWeight.BOLD, 14));
                    h.setPadding(new Insets(8, 0, 0, 0));
                    nodes.add(h);
                }
                case PARAGRAPH -> nodes.add(flow(b.text(), ""));
                case BULLET -> nodes.add(flow(b.text(), "•  "));
            }
        }
        if (index == topics.size() - 1 && topic.title().equals("Keyboard shortcuts")) {
            nodes.add(shortcutTable());
        }
        page.getChildren().setAll(nodes);
    }

    private static TextFlow flow(String text, String prefix) {
        TextFlow f = new TextFlow();
        f.getStyleClass().add("help-text");
        if (!prefix.isEmpty()) {
            f.getChildren().add(new Text(prefix));
            f.setPadding(new Insets(0, 0, 0, 12));
        }
        List<String> pieces = HelpText.boldPieces(text);
        for (int i = 0; i < pieces.size(); i++) {
            Text t = new Text(pieces.get(i));
            t.getStyleClass().add("help-run");
            if (i % 2 == 1) {
                t.setStyle("-fx-font-weight: bold"); // a style, not setFont: the theme's CSS would override that
            }
            f.getChildren().add(t);
        }
        return f;
    }

    private Node shortcutTable() {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        grid.setId("shortcutTable");
        for (int r = 0; r < shortcuts.size(); r++) {
            Label keys = new Label(shortcuts.get(r).keys());
            keys.setFont(Font.font(null, FontWeight.BOLD, Font.getDefault().getSize()));
            Label action = new Label(shortcuts.get(r).action());
            action.setWrapText(true);
            grid.add(keys, 0, r);
            grid.add(action, 1, r);
        }
        return grid;
    }
}
