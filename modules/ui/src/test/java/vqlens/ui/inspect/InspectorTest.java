package vqlens.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.core.Codebooks;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFiles;
import vqlens.ui.chart.NumberText;

/** The Inspect tab in the main window (headless): files, the key chooser, errors, edits with undo and redo, closing. */
@ExtendWith(ApplicationExtension.class)
class InspectorTest {

    @RegisterExtension
    final InspectorFixture fixture = new InspectorFixture();

    @TempDir
    Path dir;

    @Test
    void opensEachFormatIntoTableHeatmapAndDistances(FxRobot robot) {
        Path npy = dir.resolve("cb.npy");
        CodebookFiles.save(npy, InspectorViewModelTest.codebooks());
        Path samples = Samples.codebooks();
        for (Path file : List.of(samples.resolve("reference-4x256x96.npz"), samples.resolve("reference-4x256x96.safetensors"),
                samples.resolve("teaching-1x16x2.csv"), npy, samples.resolve("teaching-1x16x2.npz"))) {
            InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(file));
            Codebooks expected = CodebookFiles.load(file);
            assertEquals(expected, fixture.vm().getCodebooks(), file.toString());
            assertEquals(expected.config().codes(), fixture.controller().codeTable().getItems().size());
            assertEquals(file.getFileName() + " — VQ Lens", fixture.stage.getTitle());
            assertTrue(fixture.controller().heatmap().isUpToDate(), "heatmap drawn for " + file.getFileName());
        }
        Label usage = robot.lookup("#usageLabel").queryAs(Label.class);
        assertEquals("usage saved in the file", usage.getText());
        InspectorViewModel vm = fixture.vm();
        assertEquals(NumberText.grouped((long) vm.getUsage().count(0, 0)),
                cellText(robot, "codeUsageColumn", row(robot, 0)), "usage of code 0 in the table");
    }

    /** Split and Duplicate overwrite the other code: with usage on show it defaults to the least used, not a neighbour. */
    @Test
    void theOtherCodeDefaultsToTheHeadsLeastUsedCode(FxRobot robot) {
        Path file = dir.resolve("counted.npz");
        CodebookFiles.save(file, vqlens.core.io.CodebookDocument.of(InspectorViewModelTest.codebooks(),
                InspectorViewModelTest.usageCounts(), null));
        InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(file));
        InspectorFixture.fx(robot, () -> fixture.vm().selectedCodeProperty().set(0));
        assertEquals(5, fixture.controller().editor().otherCodeProperty().get(), "head 0's unused code 5");
        InspectorFixture.fx(robot, () -> fixture.vm().selectedCodeProperty().set(5));
        assertEquals(3, fixture.controller().editor().otherCodeProperty().get(), "then the least used other than itself");
    }

    /** Without usage the default can only be the nearest code, maybe a live one: the edit panel says so. */
    @Test
    void withoutUsageTheNearestIsTheOtherCodeAndANoteSaysItMayBeInUse(FxRobot robot) {
        Path bare = dir.resolve("bare.npy");
        CodebookFiles.save(bare, InspectorViewModelTest.codebooks());
        InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(bare));
        InspectorFixture.fx(robot, () -> fixture.vm().selectedCodeProperty().set(0));
        assertNull(fixture.vm().getUsage(), "a .npy has no usage");
        assertEquals(fixture.vm().getHeadStats().distances().nearest(0), fixture.controller().editor().otherCodeProperty().get(),
                "the nearest code");
        Label note = robot.lookup("#otherCodeNote").queryAs(Label.class);
        assertTrue(note.isVisible(), "the note shows");
        assertEquals(OtherCodePicker.NEAREST_WITHOUT_USAGE, note.getText());

        Path counted = dir.resolve("counted.npz");
        CodebookFiles.save(counted, CodebookDocument.of(InspectorViewModelTest.codebooks(),
                InspectorViewModelTest.usageCounts(), null));
        InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(counted));
        InspectorFixture.fx(robot, () -> fixture.vm().selectedCodeProperty().set(0));
        assertEquals(5, fixture.controller().editor().otherCodeProperty().get(), "with usage: the unused code 5");
        assertFalse(note.isVisible(), "with usage the default is a least used code: no note");
        assertFalse(note.isManaged(), "and it takes no room");
    }

    @Test
    void aSafetensorsWithTwoCodebooksAsksWhichOne(FxRobot robot) throws IOException {
        Path file = Samples.twoCandidates(dir.resolve("model.safetensors"));
        InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(file));
        DialogPane dialog = robot.lookup("#inspectorChooseKey").queryAs(DialogPane.class);
        @SuppressWarnings("unchecked")
        ComboBox<String> keys = robot.from(dialog).lookup(".combo-box").queryAs(ComboBox.class);
        assertEquals(List.of("quantizer.codebooks", "vq.codebooks"), keys.getItems());
        InspectorFixture.fx(robot, () -> keys.getSelectionModel().select("vq.codebooks"));
        robot.clickOn(button(robot, "OK"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(CodebookFiles.load(file, "vq.codebooks"), fixture.vm().getCodebooks());
        assertEquals(10f, fixture.vm().getCodebooks().value(0, 0, 0));
        assertFalse(fixture.vm().saveInPlaceProperty().get());
    }

    @Test
    void aCorruptFileIsADialogAndTheAppKeepsRunning(FxRobot robot) throws IOException {
        Path bad = dir.resolve("broken.safetensors");
        Files.write(bad, new byte[] {(byte) 0xff, 0x7f, 0, 0, 0, 0, 0, 0, '{'});
        InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(bad));
        Label text = robot.lookup("#inspectorMessageText").queryAs(Label.class);
        assertTrue(text.getText().contains("broken.safetensors"), text.getText());
        robot.clickOn(button(robot, "OK"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fixture.stage.isShowing());
        assertNull(fixture.vm().getCodebooks());

        Path good = Samples.codebooks().resolve("teaching-1x16x2.npz");
        InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(good));
        assertEquals(CodebookFiles.load(good), fixture.vm().getCodebooks());
    }

    @Test
    void editingAValueInTheTableThenUndoAndRedoFromTheKeyboard(FxRobot robot) {
        Path file = copyOfTeaching();
        InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(file));
        robot.clickOn(cell(robot, "codeIndexColumn", row(robot, 3)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, fixture.vm().selectedCodeProperty().get());
        Codebooks before = fixture.vm().getCodebooks();

        robot.doubleClickOn(valueCell(robot, 1));
        robot.write("2.5");
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2.5f, fixture.vm().getCodebooks().value(0, 3, 1));
        assertEquals("• teaching.npz — VQ Lens", fixture.stage.getTitle());

        robot.clickOn(cell(robot, "codeIndexColumn", row(robot, 3)));
        robot.push(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, fixture.vm().getCodebooks(), "Shortcut+Z undid the edit");
        assertEquals("teaching.npz — VQ Lens", fixture.stage.getTitle());
        robot.push(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2.5f, fixture.vm().getCodebooks().value(0, 3, 1), "Shortcut+Shift+Z redid it");
    }

    /** Every edit button of the panel changes the codebooks; Undo and Redo take each back and forth. */
    @Test
    void everyEditButtonWorksAndUndoesAndRedoes(FxRobot robot) {
        Path file = copyOfTeaching();
        InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(file));
        InspectorFixture.fx(robot, () -> fixture.vm().setData(teachingRows()));
        Map<String, Integer> selectionFor = Map.ofEntries(
                Map.entry("reinitRowButton", 5), Map.entry("reinitMeanButton", 5), Map.entry("reinitRandomButton", 5),
                Map.entry("duplicateButton", 2), Map.entry("splitButton", 2), Map.entry("mergeButton", 2),
                Map.entry("swapButton", 2), Map.entry("moveButton", 2), Map.entry("sortButton", 2),
                Map.entry("normaliseButton", 2), Map.entry("normaliseAllButton", 2), Map.entry("replaceDeadButton", 2));
        for (String id : List.of("reinitRowButton", "reinitMeanButton", "reinitRandomButton", "duplicateButton",
                "splitButton", "mergeButton", "swapButton", "moveButton", "sortButton", "normaliseButton",
                "normaliseAllButton", "replaceDeadButton")) {
            InspectorFixture.fx(robot, () -> {
                fixture.vm().selectedCodeProperty().set(selectionFor.get(id));
                fixture.controller().editor().otherCodeProperty().set(9);
                fixture.controller().editor().deadThresholdProperty().set(64); // about half the codes of the file
            });
            Codebooks before = fixture.vm().getCodebooks();
            Button b = robot.lookup("#" + id).queryAs(Button.class);
            assertFalse(b.isDisable(), id + " is enabled");
            InspectorFixture.fx(robot, b::fire);
            assertNull(errorShown(robot), id + ": " + errorShown(robot));
            Codebooks after = fixture.vm().getCodebooks();
            assertNotEquals(before, after, id + " changed the codebooks");
            InspectorFixture.fx(robot, () -> robot.lookup("#undoButton").queryAs(Button.class).fire());
            assertEquals(before, fixture.vm().getCodebooks(), id + " undone");
            InspectorFixture.fx(robot, () -> robot.lookup("#redoButton").queryAs(Button.class).fire());
            assertEquals(after, fixture.vm().getCodebooks(), id + " redone");
            assertTrue(fixture.stage.getTitle().startsWith("• "), fixture.stage.getTitle());
            InspectorFixture.fx(robot, () -> fixture.vm().undo()); // the next button starts from the file
        }
    }

    @Test
    void theDistanceMatrixAndTheHeatmapNameTheCellOnHover(FxRobot robot) {
        InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(Samples.codebooks().resolve("teaching-1x16x2.npz")));
        InspectorFixture.fx(robot, () -> fixture.controller().plots().getSelectionModel().select(1));
        DistanceMatrixChart chart = fixture.controller().distanceMatrix();
        InspectorFixture.until("the matrix is drawn", chart::isUpToDate);
        List<String>[] lines = new List[1];
        robot.interact(() -> {
            double[] at = chart.cellCentre(3, 12);
            lines[0] = chart.hoverAt(at[0], at[1]);
        });
        HeadStats stats = fixture.vm().getHeadStats();
        assertEquals(List.of("codes 3 and 12", "distance " + NumberText.compact(stats.distances().distance(3, 12), 4)), lines[0]);
        robot.interact(() -> {
            double[] local = chart.cellCentre(7, 1);
            javafx.geometry.Point2D at = chart.localToScene(local[0], local[1]);
            chart.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED, at.getX(), at.getY(),
                    0, 0, javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false,
                    true, false, false, null));
        });
        assertEquals(7, fixture.vm().selectedCodeProperty().get(), "a click selects the row's code");

        InspectorFixture.fx(robot, () -> fixture.controller().plots().getSelectionModel().select(0));
        HeatmapChart heatmap = fixture.controller().heatmap();
        InspectorFixture.until("the heatmap is drawn", heatmap::isUpToDate);
        List<String>[] cell = new List[1];
        robot.interact(() -> {
            double[] at = heatmap.cellCentre(11, 1);
            cell[0] = heatmap.hoverAt(at[0], at[1]);
        });
        float value = fixture.vm().getCodebooks().value(0, 11, 1);
        assertEquals(List.of("code 11 · dim 1", "value " + NumberText.compact(value, 5)), cell[0]);
    }

    @Test
    void closingWithUnsavedEditsAsksAndCancelKeepsTheWindow(FxRobot robot) {
        Path file = copyOfTeaching();
        InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(file));
        InspectorFixture.fx(robot, () -> {
            fixture.vm().selectedCodeProperty().set(0);
            fixture.controller().editor().setValue(0, 9f);
        });
        requestClose();
        robot.clickOn(button(robot, "Cancel"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fixture.stage.isShowing(), "Cancel keeps the window");
        assertTrue(fixture.vm().isDirty());

        requestClose();
        robot.clickOn(button(robot, "Don't save"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fixture.stage.isShowing(), "Don't save closes it");
        assertEquals(CodebookFiles.load(Samples.codebooks().resolve("teaching-1x16x2.npz")), CodebookFiles.load(file),
                "the file is as it was");
    }

    @Test
    void closingWithUnsavedEditsCanSaveThemFirst(FxRobot robot) {
        Path file = copyOfTeaching();
        InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(file));
        InspectorFixture.fx(robot, () -> {
            fixture.vm().selectedCodeProperty().set(4);
            fixture.controller().editor().otherCodeProperty().set(11);
            fixture.controller().editor().swap();
        });
        Codebooks edited = fixture.vm().getCodebooks();
        requestClose();
        robot.clickOn(button(robot, "Save"));
        InspectorFixture.until("the window closed once saved", () -> !fixture.stage.isShowing());
        CodebookDocument saved = CodebookFiles.loadDocument(file);
        assertEquals(edited, saved.codebooks());
        long[] original = CodebookFiles.loadDocument(Samples.codebooks().resolve("teaching-1x16x2.npz")).usage().orElseThrow();
        assertEquals(original[4], saved.usage().orElseThrow()[11], "usage saved with its swapped code");
        assertTrue(saved.meta().isPresent(), "meta kept");
    }

    @Test
    void openingAnotherFileWithUnsavedEditsAsksFirst(FxRobot robot) {
        Path file = copyOfTeaching();
        InspectorFixture.fx(robot, () -> fixture.controller().openCodebook(file));
        InspectorFixture.fx(robot, () -> {
            fixture.vm().selectedCodeProperty().set(0);
            fixture.controller().editor().reinitRandom();
        });
        Codebooks edited = fixture.vm().getCodebooks();
        Platform.runLater(() -> fixture.controller().openCodebook(Samples.codebooks().resolve("reference-4x256x96.npz")));
        InspectorFixture.until("the question", () -> robot.lookup("#unsavedEditsDialog").tryQuery().isPresent());
        robot.clickOn(button(robot, "Cancel"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(edited, fixture.vm().getCodebooks(), "Cancel keeps the edited codebooks");
    }

    // ------------------------------------------------------------------ helpers

    private Path copyOfTeaching() {
        try {
            Path copy = dir.resolve("teaching.npz");
            Files.copy(Samples.codebooks().resolve("teaching-1x16x2.npz"), copy);
            return copy;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** 16 blobs of 16 points around the teaching codes (seed 5). */
    static DataSample teachingRows() {
        Codebooks cb = CodebookFiles.load(Samples.codebooks().resolve("teaching-1x16x2.npz"));
        java.util.Random r = new java.util.Random(5);
        float[] v = new float[16 * 16 * 2];
        for (int i = 0; i < 256; i++) {
            int code = i % 16;
            v[2 * i] = (float) (cb.value(0, code, 0) + 0.6 * r.nextGaussian());
            v[2 * i + 1] = (float) (cb.value(0, code, 1) + 0.6 * r.nextGaussian());
        }
        return new DataSample(v, 256, 2, "256 rows of 16 blobs");
    }

    private void requestClose() {
        Platform.runLater(() -> fixture.stage.fireEvent(new WindowEvent(fixture.stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        InspectorFixture.until("the question", () -> Window.getWindows().stream()
                .anyMatch(w -> w.getScene() != null && w.getScene().lookup("#unsavedEditsDialog") != null));
    }

    private static Node button(FxRobot robot, String text) {
        Set<Button> buttons = robot.lookup((Button b) -> text.equals(b.getText()) && b.getScene() != null
                && b.getScene().getRoot() instanceof DialogPane && b.getScene().getWindow() != null
                && b.getScene().getWindow().isShowing() && b.isVisible() && b.getParent() != null
                && b.getParent().isVisible()).queryAllAs(Button.class);
        if (buttons.size() != 1) {
            System.err.println("dialog buttons " + text + ": " + buttons + " in "
                    + buttons.stream().map(b -> b.getScene().getWindow() + "/" + b.getParent()).toList());
        }
        assertFalse(buttons.isEmpty(), "a dialog button " + text);
        return buttons.iterator().next();
    }

    private static String errorShown(FxRobot robot) {
        return robot.lookup("#inspectorMessageText").tryQuery().map(n -> ((Label) n).getText()).orElse(null);
    }

    /** The visible index of the table row showing {@code code}. */
    private int row(FxRobot robot, int code) {
        List<InspectorController.CodeRow> items = fixture.controller().codeTable().getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).code() == code) {
                return i;
            }
        }
        throw new AssertionError("no row for code " + code);
    }

    private static Node cell(FxRobot robot, String columnId, int index) {
        return robot.lookup(".code-table .table-cell").match((TableCell<?, ?> c) -> c.getTableColumn() != null
                && columnId.equals(c.getTableColumn().getId()) && c.getIndex() == index && !c.isEmpty()).query();
    }

    private static String cellText(FxRobot robot, String columnId, int index) {
        return ((TableCell<?, ?>) cell(robot, columnId, index)).getText();
    }

    private static Node valueCell(FxRobot robot, int dim) {
        Node node = robot.lookup(".value-table .table-cell").match((TableCell<?, ?> c) -> c.getTableColumn() != null
                && "value".equals(c.getTableColumn().getText()) && c.getIndex() == dim && !c.isEmpty()).query();
        assertNotNull(node);
        return node;
    }
}
