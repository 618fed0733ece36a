package vqlens.ui.dashboard;

import java.util.Arrays;
import java.util.List;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import vqlens.train.TrainingEvent;

/**
 * The run's events in a window of their own (the run bar shows only the latest): step, kind, head, the codes
 * concerned and the message, filtered by kind, newest last and followed while the run goes on. It shows the
 * dashboard's list; closing it keeps nothing.
 */
final class EventsWindow {
    /** The filter's choices: every kind, or one. */
    static final String ALL = "all events";

    private final Stage stage = new Stage();
    private final TableView<TrainingEvent> table = new TableView<>();
    private final ComboBox<String> kind = new ComboBox<>();
    private final Label count = new Label();

    EventsWindow(ObservableList<TrainingEvent> events, Window owner) {
        FilteredList<TrainingEvent> shown = new FilteredList<>(events);
        kind.getItems().add(ALL);
        Arrays.stream(TrainingEvent.Kind.values()).map(TrainingEvent.Kind::label).forEach(kind.getItems()::add);
        kind.setValue(ALL);
        kind.setId("eventKindChoice");
        kind.valueProperty().addListener((obs, old, now) -> {
            shown.setPredicate(e -> now == null || now.equals(ALL) || e.kind().label().equals(now));
            counted(shown, events);
        });
        table.setId("eventsTable");
        table.setItems(shown);
        table.getColumns().setAll(List.of(
                column("Step", 70, e -> Long.toString(e.step())),
                column("Kind", 110, e -> e.kind().label().replace('_', ' ')),
                column("Head", 50, e -> e.head() >= 0 ? Integer.toString(e.head()) : ""),
                column("Codes", 120, EventsWindow::codes),
                withTooltips(column("Message", 640, TrainingEvent::message))));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        table.setPlaceholder(new Label("No events yet: initialisation, restarts, setting changes, edits and errors appear here."));
        // follow the run: a new event scrolls into view unless the user scrolled up to read
        shown.addListener((ListChangeListener<TrainingEvent>) c -> {
            counted(shown, events);
            if (!shown.isEmpty()) {
                table.scrollTo(shown.size() - 1);
            }
        });
        counted(shown, events);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, new Label("Show"), kind, gap, count);
        bar.setPadding(new Insets(8));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        BorderPane root = new BorderPane(table, bar, null, null, null);
        root.getStyleClass().add("events-window");
        Scene scene = new Scene(root, 1040, 420);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            stage.initOwner(owner);
        }
        stage.setScene(scene);
        stage.setTitle("Training events");
    }

    private void counted(List<TrainingEvent> shown, List<TrainingEvent> all) {
        count.setText(shown.size() == all.size() ? all.size() + " events" : shown.size() + " of " + all.size() + " events");
    }

    private static String codes(TrainingEvent e) {
        int[] c = e.codes();
        if (c.length == 0) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(c.length, 8); i++) {
            s.append(i == 0 ? "" : ", ").append(c[i]);
        }
        return c.length > 8 ? s + " … (" + c.length + ")" : s.toString();
    }

    private static TableColumn<TrainingEvent, String> column(String title, double width,
                                                              java.util.function.Function<TrainingEvent, String> text) {
        TableColumn<TrainingEvent, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())).getReadOnlyProperty());
        return c;
    }

    /** Cells that show their whole text on hover (a long message is cut at the column's edge). */
    private static TableColumn<TrainingEvent, String> withTooltips(TableColumn<TrainingEvent, String> c) {
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null ? null : new javafx.scene.control.Tooltip(text));
            }
        });
        return c;
    }

    /** Shows the window (or brings it to the front). */
    void show() {
        stage.show();
        stage.toFront();
    }

    Stage stage() {
        return stage;
    }

    /** The rows shown now, for tests. */
    List<TrainingEvent> rows() {
        return List.copyOf(table.getItems());
    }

    void setKind(String value) {
        kind.setValue(value);
    }
}
