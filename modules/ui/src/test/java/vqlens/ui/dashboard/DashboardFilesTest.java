package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.core.Codebooks;
import vqlens.core.io.CodebookFiles;
import vqlens.train.Checkpoint;

/** Opening and saving codebooks in the window: the key-choice dialog, and Save continuing an opened checkpoint. */
@ExtendWith(ApplicationExtension.class)
class DashboardFilesTest {

    @RegisterExtension
    final Fixture fixture = Fixture.smallRun();

    private DashboardViewModel vm() {
        return fixture.vm();
    }

    @Test
    void aFileWithSeveralCodebooksAsksWhichOneAndOpensTheChoice(FxRobot robot, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.safetensors");
        writeTwoCodebooks(file);

        // Cancel: nothing is opened
        robot.interact(() -> vm().openCodebook(file, null));
        Fixture.until("the question", () -> Fixture.dialog().isPresent());
        DialogPane pane = Fixture.dialog().orElseThrow();
        assertEquals("model.safetensors holds 2 codebooks; which one should be opened?", pane.getHeaderText());
        assertEquals(List.of("quantizer.codebooks", "vq.codebooks"), choices(pane).getItems());
        robot.clickOn(pane.lookupButton(ButtonType.CANCEL));
        Fixture.until("the dialog closed", () -> Fixture.dialog().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", vm().openedCodebookProperty().get());

        // choose the second one
        robot.interact(() -> vm().openCodebook(file, null));
        Fixture.until("the question again", () -> Fixture.dialog().isPresent());
        DialogPane again = Fixture.dialog().orElseThrow();
        robot.interact(() -> choices(again).getSelectionModel().select("vq.codebooks"));
        robot.clickOn(again.lookupButton(ButtonType.OK));
        Fixture.until("opened", () -> !vm().openedCodebookProperty().get().isEmpty());
        assertEquals("model.safetensors: codebook 1 × 8 × 4", vm().openedCodebookProperty().get());
        assertEquals("1", vm().setup().field("heads").getText(), "the set-up takes the chosen codebook's shape");
        assertEquals("8", vm().setup().field("codes").getText());
        assertTrue(fixture.stage.isShowing());
    }

    @Test
    void theDataFilesPathCanBeTyped(FxRobot robot, @TempDir Path dir) throws IOException {
        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "0.5,1.5,2.5\n1,2,3\n4,5,6\n");
        robot.clickOn("#fileDataToggle");
        robot.clickOn("#dataFileField").write(rows.toString()).type(KeyCode.ENTER);
        Fixture.until("read", () -> vm().setup().fileInfoProperty().get() != null);
        assertEquals(SetupForm.FileInfo.ok(3, 3, vm().setup().fileInfoProperty().get().description()),
                vm().setup().fileInfoProperty().get(), "3 rows of 3 values");
        assertEquals("3", vm().setup().field("dim").getText(), "the file's width");

        Path missing = dir.resolve("nope.npy");
        robot.interact(() -> robot.lookup("#dataFileField").queryAs(javafx.scene.control.TextField.class).setText(""));
        robot.clickOn("#dataFileField").write(missing.toString()).type(KeyCode.ENTER);
        Fixture.until("tried", () -> vm().setup().fileInfoProperty().get() != null
                && !vm().setup().fileInfoProperty().get().ok());
        assertTrue(vm().setup().dataErrorProperty().get().contains("nope.npy"), vm().setup().dataErrorProperty()::get);
        assertTrue(!vm().setup().isValid(), "a missing file cannot start a run");
    }

    @Test
    void saveWritesTheOpenedCheckpointAgainAfterMoreTraining(FxRobot robot, @TempDir Path dir) {
        Path file = dir.resolve("run.npz");
        robot.interact(() -> vm().setup().field("maxSteps").setText("5"));
        robot.interact(() -> vm().start());
        Fixture.until("five steps", () -> vm().getState() == RunState.FINISHED);
        fixture.settle();
        robot.interact(() -> vm().save(file));
        Fixture.until("saved", () -> vm().noticeProperty().get().startsWith("Saved run.npz"));
        assertEquals(5, Checkpoint.load(file).state().step());

        robot.interact(() -> {
            vm().reset();
            vm().openCodebook(file, null);
        });
        Fixture.until("opened", () -> vm().openedCodebookProperty().get().contains("checkpoint at step 5"));
        robot.interact(() -> vm().setup().field("maxSteps").setText("9"));
        robot.interact(() -> vm().start());
        Fixture.until("nine steps", () -> vm().getState() == RunState.FINISHED && vm().getStep() == 9);
        fixture.settle();
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL); // File › Save: the opened .npz, no chooser
        Fixture.until("saved again", () -> vm().noticeProperty().get().equals("Saved run.npz (step 9)"));
        Checkpoint saved = Checkpoint.load(file);
        assertEquals(9, saved.state().step(), "the checkpoint continued and saved in place");
        assertEquals(9, saved.history().size());
        Codebooks any = CodebookFiles.load(file);
        assertEquals(saved.codebooks().config(), any.config(), "still a native codebook every reader opens");
    }

    private static ComboBox<String> choices(DialogPane pane) {
        @SuppressWarnings("unchecked")
        ComboBox<String> box = (ComboBox<String>) pane.lookup(".combo-box");
        return box;
    }

    /**
     * A PyTorch-style state_dict with two codebooks, {@code quantizer.codebooks} F32 [2, 16, 4] and
     * {@code vq.codebooks} F32 [1, 8, 4]: the safetensors layout written by hand (8-byte little-endian header
     * length, the JSON header, then the data), independent of the core's writer.
     */
    static void writeTwoCodebooks(Path file) throws IOException {
        float[] a = new float[2 * 16 * 4];
        float[] b = new float[8 * 4];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.sin(i);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) Math.cos(i);
        }
        String header = "{\"quantizer.codebooks\":{\"dtype\":\"F32\",\"shape\":[2,16,4],\"data_offsets\":[0," + 4 * a.length + "]},"
                + "\"vq.codebooks\":{\"dtype\":\"F32\",\"shape\":[1,8,4],\"data_offsets\":[" + 4 * a.length + ","
                + 4 * (a.length + b.length) + "]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
        out.write(json);
        out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(4 * (a.length + b.length)).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(a).put(b);
        out.write(data.array());
        Files.write(file, out.toByteArray());
    }
}
