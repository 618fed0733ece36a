package vqlens.ui.inspect.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;
import vqlens.train.VqVaeView;
import vqlens.ui.inspect.DataSample;
import vqlens.ui.inspect.InspectorViewModel;
import vqlens.ui.inspect.geometry.Neighbours.Neighbour;

/** The code detail alone in a headless window: the right nearest codes and rows, usage, following the selection. */
@ExtendWith(ApplicationExtension.class)
class CodeDetailPaneTest {

    /** Both sides compute Euclidean distances of float values in double. */
    private static final double DISTANCE_TOLERANCE = 1e-9;

    private final InspectorViewModel vm = new InspectorViewModel();
    private CodeDetailPane pane;

    @Test
    void listsTheNearestCodesAndRowsOfTheSelectedCode(FxRobot robot) {
        robot.interact(() -> {
            ViewsFixture.teaching(vm);
            pane = new CodeDetailPane(vm);
        });
        ViewsFixture.showAlone(robot, pane, 560, 520);
        assertEquals("No code selected", robot.lookup("#codeDetailTitle").queryAs(Label.class).getText());

        robot.interact(() -> vm.selectedCodeProperty().set(5));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Code 5 of head 0", robot.lookup("#codeDetailTitle").queryAs(Label.class).getText());
        Codebooks cb = vm.getCodebooks();
        List<Neighbour> expected = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            if (c != 5) {
                expected.add(new Neighbour(c, Math.hypot(cb.value(0, c, 0) - (double) cb.value(0, 5, 0),
                        cb.value(0, c, 1) - (double) cb.value(0, 5, 1))));
            }
        }
        expected.sort(Comparator.comparingDouble(Neighbour::distance));
        List<Neighbour> shown = pane.nearestCodes();
        assertEquals(5, shown.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(expected.get(i).index(), shown.get(i).index());
            assertEquals(expected.get(i).distance(), shown.get(i).distance(), DISTANCE_TOLERANCE);
        }
        // code 5 is the blob at (−1.5, −1.5): its grid neighbours 1, 4, 6, 9 come first (about 3 away)
        assertEquals(List.of(1, 4, 6, 9), shown.subList(0, 4).stream().map(Neighbour::index).sorted().toList());
        List<String> links = robot.lookup("#nearestCodes .hyperlink").queryAllAs(Hyperlink.class).stream()
                .map(Hyperlink::getText).toList();
        assertEquals(shown.stream().map(n -> "code " + n.index()).toList(), links);

        DataSample data = vm.dataProperty().get();
        List<Neighbour> rows = pane.nearestRows();
        assertEquals(5, rows.size());
        double fifth = rows.get(4).distance();
        for (int r = 0; r < data.rows(); r++) {
            double d = Math.hypot(data.value(r, 0) - (double) cb.value(0, 5, 0), data.value(r, 1) - (double) cb.value(0, 5, 1));
            int row = r;
            boolean listed = rows.stream().anyMatch(n -> n.index() == row);
            assertTrue(listed || d >= fifth - DISTANCE_TOLERANCE, "row " + r + " at " + d + " is nearer than the fifth listed");
        }
        for (Neighbour n : rows) {
            assertEquals(5, NearestCodes.ofHead(cb, 0, data.row(n.index()), 1)[0],
                    "the nearest rows of a blob centre lie in its cell");
        }
        String usage = robot.lookup("#codeDetailUsage").queryAs(Label.class).getText();
        assertTrue(usage.startsWith("usage " + (long) vm.usageProperty().get().count(0, 5)), usage);

        // a nearest code's link selects it
        robot.clickOn(robot.lookup("#nearestCodes .hyperlink").queryAs(Hyperlink.class));
        assertEquals(shown.get(0).index(), vm.selectedCodeProperty().get());
        assertEquals("Code " + shown.get(0).index() + " of head 0", robot.lookup("#codeDetailTitle").queryAs(Label.class).getText());
    }

    @Test
    void showsTheSelectedCodesDecodedImageInVqVaeMode(FxRobot robot) {
        // a 4x4 "decoder" whose image of code k lights pixel k only
        float[] codeImages = new float[16 * 16];
        for (int k = 0; k < 16; k++) {
            codeImages[k * 16 + k] = 1;
        }
        VqVaeView view = new VqVaeView(40, 4, 4, 1, 1, 16, new float[16], new float[16], new int[] {3}, codeImages);
        robot.interact(() -> {
            ViewsFixture.teaching(vm);
            pane = new CodeDetailPane(vm);
        });
        ViewsFixture.showAlone(robot, pane, 560, 560);
        robot.interact(() -> vm.selectedCodeProperty().set(6));
        assertNull(pane.decodedImage(), "no image without VQ-VAE pictures");

        robot.interact(() -> pane.vqvaeViewProperty().set(view));
        WaitForAsyncUtils.waitForFxEvents();
        Image image = pane.decodedImage();
        assertEquals(4, image.getWidth());
        for (int p = 0; p < 16; p++) {
            double brightness = image.getPixelReader().getColor(p % 4, p / 4).getBrightness();
            assertEquals(p == 6 ? 1 : 0, brightness, 1e-9, "pixel " + p + " of code 6's image");
        }
        robot.interact(() -> vm.selectedCodeProperty().set(9));
        assertEquals(1, pane.decodedImage().getPixelReader().getColor(1, 2).getBrightness(), 1e-9, "code 9 lights pixel 9");

        robot.interact(() -> pane.vqvaeViewProperty().set(null));
        assertNull(pane.decodedImage());
    }
}
