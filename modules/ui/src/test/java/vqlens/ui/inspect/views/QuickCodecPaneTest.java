package vqlens.ui.inspect.views;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;
import vqlens.core.edit.CodebookEdits;
import vqlens.ui.inspect.DataSample;
import vqlens.ui.inspect.InspectorViewModel;

/** The quick encode/decode alone in a headless window: the indices, and changing one head's index. */
@ExtendWith(ApplicationExtension.class)
class QuickCodecPaneTest {

    private final InspectorViewModel vm = new InspectorViewModel();
    private QuickCodecPane pane;

    @Test
    void showsTheNearestCodesAndChangingAHeadsIndexChangesOnlyItsSlice(FxRobot robot) {
        robot.interact(() -> {
            ViewsFixture.shapes(vm);
            pane = new QuickCodecPane(vm);
        });
        ViewsFixture.showAlone(robot, pane, 700, 640);
        assertTrue(pane.showsImages(), "16x16 shapes are shown as images");

        @SuppressWarnings("unchecked")
        Spinner<Integer> row = robot.lookup("#codecRow").queryAs(Spinner.class);
        robot.interact(() -> row.getValueFactory().setValue(7));
        WaitForAsyncUtils.waitForFxEvents();
        Codebooks cb = vm.getCodebooks();
        DataSample data = vm.dataProperty().get();
        float[] original = data.row(7);
        int[] expected = new int[4];
        for (int h = 0; h < 4; h++) {
            expected[h] = NearestCodes.ofHead(cb, h, original, 1)[0];
        }
        assertArrayEquals(expected, pane.chosenIndices(), "row 7's nearest code per head");
        float[] before = pane.reconstruction();
        for (int h = 0; h < 4; h++) {
            assertArrayEquals(cb.code(h, expected[h]), Arrays.copyOfRange(before, h * 64, h * 64 + 64));
        }
        String errorBefore = robot.lookup("#codecError").queryAs(Label.class).getText();

        // one click on head 1's increment arrow: its index goes up by one, only its slice changes
        robot.clickOn(robot.lookup("#codecHead1 .increment-arrow-button").queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        int changed = (expected[1] + 1) % 64 == 0 ? expected[1] : expected[1] + 1;
        assertEquals(changed, pane.chosenIndices()[1]);
        float[] after = pane.reconstruction();
        assertArrayEquals(cb.code(1, changed), Arrays.copyOfRange(after, 64, 128), "head 1 decodes its new code");
        for (int h : new int[] {0, 2, 3}) {
            assertArrayEquals(Arrays.copyOfRange(before, h * 64, h * 64 + 64), Arrays.copyOfRange(after, h * 64, h * 64 + 64));
        }
        if (!Arrays.equals(cb.code(1, changed), cb.code(1, expected[1]))) {
            assertNotEquals(errorBefore, robot.lookup("#codecError").queryAs(Label.class).getText());
        }
        // the nearest button puts it back
        robot.clickOn(robot.lookup("#codecHeads .button").nth(1).queryAs(Button.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(expected, pane.chosenIndices());
        assertArrayEquals(before, pane.reconstruction());

        // an edit (or a live trainer) changes code values: an index picked by hand stays, the decoded row follows
        robot.clickOn(robot.lookup("#codecHead1 .increment-arrow-button").queryAs(javafx.scene.Node.class));
        float[] moved = new float[64];
        Arrays.fill(moved, 0.5f);
        robot.interact(() -> vm.apply(CodebookEdits.setCode(vm.getCodebooks(), 1, changed, moved)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(changed, pane.chosenIndices()[1], "the picked index stays");
        assertArrayEquals(moved, Arrays.copyOfRange(pane.reconstruction(), 64, 128), "head 1 decodes its code's new value");
        int[] nearestNow = new int[4];
        for (int h = 0; h < 4; h++) {
            nearestNow[h] = NearestCodes.ofHead(vm.getCodebooks(), h, original, 1)[0];
        }
        assertEquals(nearestNow[0], pane.chosenIndices()[0], "a head left at its nearest code follows the new nearest");
    }

    /**
     * A float32 near-tie (core's NearestCodesTest has the numbers): the encoder's expansion gives both codes
     * distance 0.0, so it says code 0, while an exact distance in double says code 1. The pane shows code 0.
     */
    @Test
    void aNearTieShowsTheEncodersAnswer(FxRobot robot) {
        float row = 150.97392f;
        Codebooks cb = Codebooks.of(new QuantizerConfig(1, 1, 2), new float[] {150.97173f, 150.9741f}, true);
        long[] encoded = new long[1];
        ProductQuantizer.of(cb).encode(new float[] {row}, 1, 0, encoded);
        robot.interact(() -> {
            vm.show(cb, null);
            vm.setData(new DataSample(new float[] {row}, 1, 1, "one row at a near-tie"));
            pane = new QuickCodecPane(vm);
        });
        ViewsFixture.showAlone(robot, pane, 700, 400);
        assertArrayEquals(new int[] {(int) encoded[0]}, pane.chosenIndices(), "what vqlens encode writes for the row");
        assertEquals(0, pane.chosenIndices()[0]);
    }
}
