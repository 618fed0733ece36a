package vqlens.ui.inspect.views;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import vqlens.core.Codebooks;
import vqlens.core.edit.CodebookEdits;
import vqlens.ui.chart.NumberText;
import vqlens.ui.inspect.CodeUsage;
import vqlens.ui.inspect.DataSample;
import vqlens.ui.inspect.InspectorViewModel;
import vqlens.ui.inspect.geometry.HeadProjection;
import vqlens.ui.inspect.geometry.PrincipalComponents;
import vqlens.ui.inspect.geometry.ProjectionFrame;

/**
 * The 2-D view of the selected head. A head of 2 dimensions is shown exactly: the plane with every code's
 * Voronoi cell, the codes as labelled dots and the data rows coloured by their nearest code (a 1-D head is
 * the same along a line). A wider head is shown by its top two principal components (of its codes and the
 * data rows), labelled as such, without cells (projected cells would lie), the rows coloured by their true
 * nearest code in the full dimension.
 *
 * <p>Clicking a code (or, in the exact view, anywhere in its cell) selects it; dragging a code moves it
 * (exactly in the plane, along the two components in PCA) and on release applies one
 * {@link CodebookEdits#setCode} edit through the view model, so undo restores it. The wheel zooms, dragging
 * empty space pans and a double-click fits the view again; a zoomed view stays while the same head's codes
 * change (a live trainer), and is fitted again for another head. Built and used on the FX thread; recomputes
 * when the codebooks, the data or the head change (a wide head with many rows on a background thread, showing
 * only the newest result) and redraws on selection and usage changes.
 */
public final class ProjectionPane extends BorderPane {

    /** Projections costing more than about this many multiply-adds are computed off the FX thread (~20 ms). */
    static final long SYNC_WORK = 20_000_000L;
    /** Height of the status line, px: two lines of text. */
    private static final double STATUS_HEIGHT = 36;
    /** One daemon thread for every pane's heavy projections; a newer request makes older queued ones moot. */
    private static final Executor SHARED = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vqlens-projection");
        t.setDaemon(true);
        return t;
    });

    private final InspectorViewModel vm;
    private final Executor background;
    private final AtomicLong generation = new AtomicLong();
    private long shownTicket;
    private final ProjectionCanvas canvas = new ProjectionCanvas();
    private final Label title = new Label();
    private final Label mode = new Label();
    private final Label detail = new Label();
    private final Label status = new Label();
    private HeadProjection lastProjection;
    private int lastHead = -1;
    /** Set just before applying our own drag: the next frame keeps the view (and a PCA keeps its axes). */
    private boolean keepViewOnce;
    private String lastDataNote = "";

    public ProjectionPane(InspectorViewModel vm) {
        this(vm, SHARED);
    }

    /** With {@code background} for the projections too heavy for the FX thread. */
    ProjectionPane(InspectorViewModel vm, Executor background) {
        this.vm = vm;
        this.background = background;
        getStyleClass().add("projection-pane");
        title.getStyleClass().add("projection-title");
        mode.getStyleClass().add("projection-mode");
        mode.setId("projectionMode");
        detail.getStyleClass().add("projection-detail");
        status.getStyleClass().add("projection-status");
        status.setId("projectionStatus");
        mode.setWrapText(true);
        detail.setWrapText(true);
        // a fixed two-line height, so that a new message never resizes the plot under the mouse
        status.setWrapText(true);
        status.setMinHeight(STATUS_HEIGHT);
        status.setPrefHeight(STATUS_HEIGHT);
        status.setMaxHeight(STATUS_HEIGHT);
        Tooltip statusTip = new Tooltip();
        statusTip.textProperty().bind(status.textProperty());
        status.setTooltip(statusTip);
        VBox header = new VBox(2, title, mode, detail);
        header.getStyleClass().add("projection-header");
        setTop(header);
        setCenter(canvas);
        setBottom(status);
        setMinSize(240, 220);
        Styling.pane(this);
        Styling.heading(title);
        BorderPane.setMargin(header, new javafx.geometry.Insets(0, 0, 4, 0));

        canvas.setOnSelect(code -> vm.selectedCodeProperty().set(code));
        canvas.setOnMove(this::applyMove);
        canvas.setOnDragging((code, v) -> status.setText("moving code " + code + " to " + vector(v)
                + (canvas.shownFrame().projection().exact() ? "" : " (along PC1 and PC2 only)") + "; release to apply"));
        vm.codebooksProperty().addListener(this::inputsChanged);
        vm.dataProperty().addListener(this::inputsChanged);
        vm.selectedHeadProperty().addListener(this::inputsChanged);
        vm.usageProperty().addListener(o -> {
            canvas.setUsage(vm.usageProperty().get());
            showDetail();
        });
        vm.selectedCodeProperty().addListener(o -> canvas.setSelected(vm.selectedCodeProperty().get()));
        canvas.setUsage(vm.usageProperty().get());
        canvas.setSelected(vm.selectedCodeProperty().get());
        rebuild();
    }

    private void inputsChanged(Observable o) {
        rebuild();
    }

    private void rebuild() {
        boolean keep = keepViewOnce;
        keepViewOnce = false;
        Codebooks cb = vm.getCodebooks();
        if (cb == null) {
            title.setText("2-D view");
            mode.setText("");
            detail.setText("");
            status.setText("");
            canvas.setEmptyMessage("No codebooks open.");
            canvas.setFrame(null, false);
            lastProjection = null;
            shownTicket = generation.incrementAndGet();
            return;
        }
        int head = Math.max(0, Math.min(vm.selectedHeadProperty().get(), cb.config().heads() - 1));
        DataSample data = vm.dataProperty().get();
        String dataNote = "";
        if (data != null && data.dim() != cb.config().embeddingDim()) {
            dataNote = "Data rows have " + data.dim() + " values but the codebooks take " + cb.config().embeddingDim()
                    + ": not shown.";
            data = null;
        }
        HeadProjection reuse = keep && head == lastHead ? lastProjection : null;
        long ticket = generation.incrementAndGet();
        DataSample rows = data;
        String note = dataNote;
        long work = (data == null ? 0L : (long) Math.min(data.rows(), ProjectionFrame.MAX_ROWS))
                * (cb.config().codes() + (long) cb.config().headDim()) * cb.config().headDim();
        if (work <= SYNC_WORK) {
            show(ProjectionFrame.of(cb, head, rows, reuse), keep, note, ticket);
            return;
        }
        // a wide head with many rows: project off the FX thread, show only the newest result
        status.setText("Projecting head " + head + " …");
        background.execute(() -> {
            if (generation.get() != ticket) {
                return; // newer inputs came: this result would never be shown
            }
            try {
                ProjectionFrame frame = ProjectionFrame.of(cb, head, rows, reuse);
                Platform.runLater(() -> {
                    if (generation.get() == ticket) {
                        show(frame, keep, note, ticket);
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> status.setText("Cannot project head " + head + ": " + e.getMessage()));
            }
        });
    }

    private void show(ProjectionFrame frame, boolean keep, String dataNote, long ticket) {
        shownTicket = ticket;
        int head = frame.head();
        Codebooks cb = frame.codebooks();
        lastProjection = frame.projection();
        lastHead = head;
        canvas.setFrame(frame, keep);
        int d = cb.config().headDim();
        title.setText("Head " + head + " · " + NumberText.grouped(cb.config().codes()) + " codes × " + d
                + (d == 1 ? " dim" : " dims"));
        mode.getStyleClass().remove("projection-warning");
        switch (frame.projection().kind()) {
            case PLANE -> mode.setText("The exact plane: each code's Voronoi cell, the data coloured by nearest code.");
            case LINE -> mode.setText("A 1-D head along x: each code's cell is a strip, the data coloured by nearest code.");
            case PCA -> {
                mode.setText("PCA projection — cells not drawn (projected cells would lie)");
                mode.getStyleClass().add("projection-warning");
            }
        }
        lastDataNote = dataNote;
        showDetail();
        status.setText(hint(frame));
    }

    /** Whether a projection is being computed in the background (for tests). */
    boolean isProjecting() {
        return generation.get() != shownTicket;
    }

    private static String detailText(ProjectionFrame frame, int d, String dataNote) {
        StringBuilder s = new StringBuilder();
        if (frame.projection().kind() == HeadProjection.Kind.PCA) {
            PrincipalComponents pc = frame.projection().components().orElseThrow();
            s.append("Axes: the top two principal components of the codes")
                    .append(frame.rowsShown() > 0 ? " and data rows" : "")
                    .append(", explaining ").append(ProjectionCanvas.percent(pc.firstShare())).append(" + ")
                    .append(ProjectionCanvas.percent(pc.secondShare())).append(" of the variance. ");
            if (frame.rowsShown() > 0) {
                s.append("Points are coloured by their true nearest code in all ").append(d).append(" dims. ");
            }
        }
        if (frame.totalRows() > frame.rowsShown()) {
            s.append("Showing ").append(NumberText.grouped(frame.rowsShown())).append(" of ")
                    .append(NumberText.grouped(frame.totalRows())).append(" rows. ");
        } else if (frame.rowsShown() == 0 && dataNote.isEmpty()) {
            s.append("No data rows loaded. ");
        }
        s.append(dataNote);
        return s.toString().strip();
    }

    private void showDetail() {
        ProjectionFrame frame = canvas.shownFrame();
        if (frame == null) {
            return;
        }
        detail.setText((detailText(frame, frame.codebooks().config().headDim(), lastDataNote) + " "
                + unusedNote(frame.head())).strip());
    }

    private String unusedNote(int head) {
        CodeUsage usage = vm.usageProperty().get();
        if (usage == null || head >= usage.heads()) {
            return "";
        }
        int unused = 0;
        for (int c = 0; c < usage.codes(); c++) {
            if (usage.count(head, c) == 0) {
                unused++;
            }
        }
        return unused == 0 ? "" : "Hollow dots: " + unused + (unused == 1 ? " unused code." : " unused codes.");
    }

    private static String hint(ProjectionFrame frame) {
        return (frame.projection().exact() ? "Click: select · drag a code: move it" : "Click: select · drag a code: move it along PC1/PC2")
                + " (undoable) · wheel: zoom · drag: pan · double-click: fit";
    }

    private void applyMove(int code, float[] vector) {
        Codebooks cb = vm.getCodebooks();
        int head = lastHead;
        try {
            keepViewOnce = true;
            vm.apply(CodebookEdits.setCode(cb, head, code, vector));
            status.setText("Moved code " + code + " to " + vector(vector) + ". Undo restores it.");
        } catch (RuntimeException e) {
            keepViewOnce = false;
            status.setText("Cannot move code " + code + ": " + e.getMessage());
        }
    }

    private static String vector(float[] v) {
        StringBuilder s = new StringBuilder("(");
        int shown = Math.min(v.length, 3);
        for (int i = 0; i < shown; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", v[i]));
        }
        return s.append(v.length > shown ? ", …)" : ")").toString();
    }

    /** The canvas, for tests. */
    ProjectionCanvas canvas() {
        return canvas;
    }
}
