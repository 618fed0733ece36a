package vqlens.ui.inspect;

import javafx.scene.layout.StackPane;
import vqlens.ui.inspect.views.CodeDetailPane;
import vqlens.ui.inspect.views.ProjectionPane;
import vqlens.ui.inspect.views.QuickCodecPane;

/**
 * The plots and helper panes: redraws the heatmap and distance matrix when the codebooks, head, code or
 * statistics change, lets a click in them select a code, and puts the 2-D view, code detail and quick
 * encode/decode panes in their hosts. Created and bound by {@link InspectorController#initialize}, in two
 * steps so the panes' listeners come after the edit panel's, as they always did; FX thread only.
 */
final class PlotsBinding {

    private final InspectorViewModel vm;
    private ProjectionPane projectionPane;
    private QuickCodecPane codecPane;
    private CodeDetailPane detailPane;

    PlotsBinding(InspectorViewModel vm) {
        this.vm = vm;
    }

    void bindCharts(HeatmapChart heatmap, DistanceMatrixChart distanceMatrix) {
        Runnable refresh = () -> {
            heatmap.show(vm.getCodebooks(), vm.selectedHeadProperty().get(), vm.selectedCodeProperty().get());
            distanceMatrix.show(vm.getHeadStats(), vm.selectedCodeProperty().get());
        };
        vm.codebooksProperty().addListener((obs, old, now) -> refresh.run());
        vm.selectedHeadProperty().addListener((obs, old, now) -> refresh.run());
        vm.selectedCodeProperty().addListener((obs, old, now) -> refresh.run());
        vm.headStatsProperty().addListener((obs, old, now) -> refresh.run());
        heatmap.setOnSelect(code -> vm.selectedCodeProperty().set(code));
        distanceMatrix.setOnSelect(code -> vm.selectedCodeProperty().set(code));
        refresh.run();
    }

    /** Puts the 2-D view, the code detail and the quick encode/decode (package {@code views}) in their places. */
    void installHelperPanes(StackPane projectionHost, StackPane codecHost, StackPane detailHost) {
        projectionPane = new ProjectionPane(vm);
        codecPane = new QuickCodecPane(vm);
        detailPane = new CodeDetailPane(vm);
        detailPane.vqvaeViewProperty().bind(vm.vqvaeViewProperty());
        projectionHost.getChildren().setAll(projectionPane);
        codecHost.getChildren().setAll(codecPane);
        detailHost.getChildren().setAll(detailPane);
    }

    ProjectionPane projectionPane() {
        return projectionPane;
    }

    QuickCodecPane codecPane() {
        return codecPane;
    }

    CodeDetailPane detailPane() {
        return detailPane;
    }
}
