package vqlens.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.edit.CodebookEdits;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFiles;
import vqlens.core.testing.TorchFixtures;
import vqlens.ui.common.UserMessage;

/** The inspector's view model and editor without the toolkit: files, every edit with undo and redo, saving. */
class InspectorViewModelTest {

    /** float32 arithmetic of an edit against a double-precision reference. */
    private static final double FLOAT_TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    @RegisterExtension
    static final TorchFixtures TORCH = new TorchFixtures();

    private final InspectorViewModel vm = new InspectorViewModel();
    private final InspectorEditor editor = new InspectorEditor(vm);

    // ------------------------------------------------------------------ files

    @Test
    void opensEveryFormatWithUsageFromTheNativeFile() {
        Path samples = Samples.codebooks();
        for (String name : List.of("teaching-1x16x2.npz", "teaching-1x16x2.csv", "reference-4x256x96.safetensors",
                "reference-4x256x96.npz")) {
            Path file = samples.resolve(name);
            vm.open(file, null);
            assertNull(vm.messageProperty().get(), name + ": " + vm.messageProperty().get());
            assertEquals(CodebookFiles.load(file), vm.getCodebooks(), name);
            assertEquals(file, vm.fileProperty().get());
            assertFalse(vm.isDirty());
            assertNotNull(vm.getHeadStats(), name + ": statistics of head 0");
        }
        vm.open(samples.resolve("teaching-1x16x2.npz"), null);
        long[] stored = CodebookFiles.loadDocument(samples.resolve("teaching-1x16x2.npz")).usage().orElseThrow();
        assertEquals(stored[5], vm.getUsage().count(0, 5));
        assertTrue(vm.usageIsCounts());
        assertTrue(vm.sourceTextProperty().get().startsWith("teaching-1x16x2.npz · 1 head × 16 codes × 2 dims"),
                vm.sourceTextProperty().get());
    }

    @Test
    void theTeachingCodebookOpensWithTheRowsItWasMadeFrom() {
        Path samples = Samples.codebooks();
        vm.open(samples.resolve("teaching-1x16x2.npz"), null);
        DataSample data = vm.getData();
        assertNotNull(data, "the rows beside it are on show: its cells are not empty");
        assertEquals(1024, data.rows());
        assertEquals(2, data.dim());
        assertTrue(data.description().contains("teaching-1x16x2.rows.npy"), data.description());
        assertEquals(samples.resolve("teaching-1x16x2.rows.npy"),
                InspectorDocument.rowsBeside(samples.resolve("teaching-1x16x2.csv")).orElseThrow(), "the CSV's too");
        assertTrue(InspectorDocument.rowsBeside(samples.resolve("reference-4x256x96.npz")).isEmpty(), "none beside it");
    }

    @Test
    void opensANpyCodebook() {
        Path file = dir.resolve("cb.npy");
        CodebookFiles.save(file, codebooks());
        vm.open(file, null);
        assertEquals(codebooks(), vm.getCodebooks());
        assertNull(vm.getUsage(), "a .npy has no usage");
    }

    @Test
    void aFileWithSeveralCodebooksAsksWhichOneAndTheKeyOpensIt() throws IOException {
        Path file = Samples.twoCandidates(dir.resolve("model.safetensors"));
        vm.open(file, null);
        UserMessage question = vm.messageProperty().get();
        assertEquals(UserMessage.Kind.CHOOSE_KEY, question.kind());
        assertEquals(List.of("quantizer.codebooks", "vq.codebooks"), question.candidates());
        assertNull(vm.getCodebooks(), "nothing opened until a key is chosen");

        vm.open(file, "vq.codebooks");
        assertEquals(CodebookFiles.load(file, "vq.codebooks"), vm.getCodebooks());
        assertTrue(vm.sourceTextProperty().get().contains("[vq.codebooks]"), vm.sourceTextProperty().get());
        assertFalse(vm.saveInPlaceProperty().get(), "saving over a file with other tensors would lose them");
    }

    @Test
    void aPyTorchCheckpointOpensThroughTheCoreAndIsNeverSavedOver() {
        Path file = TORCH.file("model.pt");
        vm.open(file, null);
        assertNull(vm.messageProperty().get(), () -> String.valueOf(vm.messageProperty().get()));
        assertEquals(CodebookFiles.load(file), vm.getCodebooks());
        assertFalse(vm.saveInPlaceProperty().get(), "a checkpoint is never rewritten whole");

        vm.open(TORCH.file("residual.pt"), null);
        UserMessage question = vm.messageProperty().get();
        assertEquals(UserMessage.Kind.CHOOSE_KEY, question.kind());
        assertEquals(List.of("rq.layers.0._codebook.embed", "rq.layers.1._codebook.embed"), question.candidates());
        vm.open(TORCH.file("residual.pt"), "rq.layers.1._codebook.embed");
        assertEquals(CodebookFiles.load(TORCH.file("residual.pt"), "rq.layers.1._codebook.embed"), vm.getCodebooks());
    }

    @Test
    void anEditOfACheckpointsCodebookIsWrittenBackIntoACopyWithEverythingElseKept() throws IOException {
        Path file = TORCH.file("model.pt");
        vm.open(file, null);
        assertTrue(vm.writeBackSourceProperty().get() != null, "a torch.save zip takes edits back");
        vm.selectedCodeProperty().set(2);
        vm.apply(vqlens.core.edit.CodebookEdits.setValue(vm.getCodebooks(), 0, 2, 0, 7.25f));
        assertTrue(vm.isDirty());
        Path copy = dir.resolve("model-edited.pt");
        vm.writeBack(copy, null);
        assertNull(vm.messageProperty().get(), () -> String.valueOf(vm.messageProperty().get()));
        assertEquals(vm.getCodebooks(), CodebookFiles.load(copy), "the copy holds the edit");
        assertTrue(vm.isDirty(), "a copy is not the file on show: the edits are still unsaved there");
        assertTrue(vm.statusTextProperty().get().startsWith("Wrote the edit into model-edited.pt (1 code changed"),
                vm.statusTextProperty().get());
        assertEquals(Files.size(file), Files.size(copy), "the same file, one value changed");
        Path inPlace = dir.resolve("model.pt");
        Files.copy(file, inPlace);
        vm.open(inPlace, null);
        vm.apply(vqlens.core.edit.CodebookEdits.setValue(vm.getCodebooks(), 0, 1, 1, -3.5f));
        vm.writeBack(inPlace, null);
        assertFalse(vm.isDirty(), "written into the file on show: saved");
        assertEquals(-3.5f, CodebookFiles.load(inPlace).value(0, 1, 1));

        vm.open(TORCH.file("residual.pt"), "rq.layers.1._codebook.embed");
        assertTrue(vm.writeBackSourceProperty().get() != null);
        vm.open(dir.resolve("model-edited.pt"), null);
        Path npz = dir.resolve("plain.npz");
        CodebookFiles.save(npz, vm.getCodebooks());
        vm.open(npz, null);
        assertNull(vm.writeBackSourceProperty().get(), "a plain codebook file is saved over, not patched");
    }

    @Test
    void aCorruptFileIsAMessageAndTheCodebooksOnShowStay() throws IOException {
        vm.show(codebooks(), null);
        Path bad = dir.resolve("bad.npz");
        Files.write(bad, new byte[] {'P', 'K', 3, 4, 0, 0, 1});
        vm.open(bad, null);
        UserMessage m = vm.messageProperty().get();
        assertEquals(UserMessage.Kind.ERROR, m.kind());
        assertEquals("Cannot open the codebook", m.title());
        assertTrue(m.text().contains("bad.npz"), m.text());
        assertFalse(m.text().contains("\n"), "one line");
        assertEquals(codebooks(), vm.getCodebooks());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void dataRowsComeFromTheStartOfAFileAndMustFitTheCodebooks() throws IOException {
        vm.show(codebooks(), null);
        Path csv = dir.resolve("rows.csv");
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < 30; r++) {
            text.append(r).append(",1,2,3,4,5\n");
        }
        Files.writeString(csv, text);
        vm.loadData(csv, 20);
        assertEquals(20, vm.getData().rows());
        assertEquals(19f, vm.getData().value(19, 0));

        Path narrow = dir.resolve("narrow.csv");
        Files.writeString(narrow, "1,2\n3,4\n");
        vm.loadData(narrow, 20);
        assertNull(vm.getData(), "2-value rows do not fit 6-value codebooks");
        assertTrue(vm.messageProperty().get().text().contains("rows have 2 values but the codebooks take 6"),
                vm.messageProperty().get().text());
    }

    @Test
    void withoutUsageTheDataRowsCountItAndTheCountsFollowEdits() {
        vm.show(codebooks(), null);
        vm.setData(data());
        assertTrue(vm.usageFromData());
        Codebooks cb = codebooks();
        DataSample d = data();
        for (int h = 0; h < 2; h++) {
            double[] expected = new double[6];
            for (int r = 0; r < d.rows(); r++) {
                expected[nearest(cb, h, d.row(r), 0)]++;
            }
            assertArrayEquals(expected, Usages.head(vm.getUsage(), h), "head " + h);
        }
        double code0 = vm.getUsage().count(0, 0);
        vm.selectedCodeProperty().set(0);
        editor.otherCodeProperty().set(1);
        assertTrue(editor.swap());
        assertEquals(code0, vm.getUsage().count(0, 1), "the rows follow their code");

        Path saved = dir.resolve("derived.npz");
        vm.save(saved, null);
        assertTrue(CodebookFiles.loadDocument(saved).usage().isEmpty(), "counts of a sample are not saved as usage");
        vm.setData(null);
        assertNull(vm.getUsage());
    }

    // ------------------------------------------------------------------ edits, each with undo and redo

    @Test
    void editingAValueUndoesAndRedoes() {
        showWithUsageAndData();
        vm.selectedHeadProperty().set(1);
        vm.selectedCodeProperty().set(2);
        Codebooks after = checkUndoRedo(() -> editor.setValue(1, 7.5f));
        assertEquals(7.5f, after.value(1, 2, 1));
        assertChangedOnly(after, 1, new int[] {2});
    }

    @Test
    void reinitialisingFromADataRowGivesTheCodeARowsHeadSlice() {
        showWithUsageAndData();
        vm.selectedHeadProperty().set(1);
        vm.selectedCodeProperty().set(4);
        Codebooks after = checkUndoRedo(editor::reinitFromDataRow);
        float[] code = after.code(1, 4);
        DataSample d = vm.getData();
        assertTrue(anyRow(d, r -> d.value(r, 3) == code[0] && d.value(r, 4) == code[1] && d.value(r, 5) == code[2]),
                "the code is the head-1 slice of one of the rows");
        assertChangedOnly(after, 1, new int[] {4});
    }

    @Test
    void reinitialisingToTheCellMeanMovesTheCodeToItsRowsMean() {
        showWithUsageAndData();
        vm.selectedCodeProperty().set(0);
        Codebooks before = vm.getCodebooks();
        DataSample d = vm.getData();
        Codebooks after = checkUndoRedo(editor::reinitToCellMean);
        double[] mean = new double[3];
        int n = 0;
        for (int r = 0; r < d.rows(); r++) {
            if (nearest(before, 0, d.row(r), 0) == 0) {
                for (int j = 0; j < 3; j++) {
                    mean[j] += d.value(r, j);
                }
                n++;
            }
        }
        assertTrue(n > 0);
        for (int j = 0; j < 3; j++) {
            assertEquals(mean[j] / n, after.value(0, 0, j), FLOAT_TOLERANCE);
        }
    }

    @Test
    void reinitialisingAtRandomChangesOnlyThatCode() {
        showWithUsageAndData();
        vm.selectedCodeProperty().set(3);
        Codebooks after = checkUndoRedo(editor::reinitRandom);
        assertChangedOnly(after, 0, new int[] {3});
    }

    @Test
    void duplicatingCopiesTheCodeOverTheOtherCode() {
        showWithUsageAndData();
        vm.selectedCodeProperty().set(1);
        editor.otherCodeProperty().set(5);
        Codebooks after = checkUndoRedo(editor::duplicate);
        assertArrayEquals(after.code(0, 1), after.code(0, 5));
        assertChangedOnly(after, 0, new int[] {5});
    }

    @Test
    void splittingMovesTheCodeAndTheOtherCodeApart() {
        showWithUsageAndData();
        vm.selectedCodeProperty().set(2);
        editor.otherCodeProperty().set(4);
        Codebooks before = vm.getCodebooks();
        Codebooks after = checkUndoRedo(editor::split);
        assertChangedOnly(after, 0, new int[] {2, 4});
        assertTrue(distance(after.code(0, 2), after.code(0, 4)) > 0, "two different halves");
        double[] middle = new double[3];
        for (int j = 0; j < 3; j++) {
            middle[j] = (after.value(0, 2, j) + after.value(0, 4, j)) / 2.0;
        }
        assertTrue(distance(middle, before.code(0, 2)) < distance(after.code(0, 2), after.code(0, 4)),
                "the halves lie either side of the old code");
    }

    @Test
    void mergingGivesTheKeptCodeTheUsageWeightedMean() {
        showWithUsageAndData();
        vm.selectedCodeProperty().set(0);
        editor.otherCodeProperty().set(1);
        Codebooks before = vm.getCodebooks();
        double u0 = vm.getUsage().count(0, 0);
        double u1 = vm.getUsage().count(0, 1);
        Codebooks after = checkUndoRedo(editor::merge);
        for (int j = 0; j < 3; j++) {
            double expected = (u0 * before.value(0, 0, j) + u1 * before.value(0, 1, j)) / (u0 + u1);
            assertEquals(expected, after.value(0, 0, j), FLOAT_TOLERANCE);
        }
        assertChangedOnly(after, 0, new int[] {0, 1});
    }

    @Test
    void replacingDeadCodesReseedsEveryCodeBelowTheThreshold() {
        showWithUsageAndData();
        editor.deadThresholdProperty().set(1); // usage() has zeros at head 0 code 5 and head 1 codes 0, 3
        Codebooks after = checkUndoRedo(editor::replaceDead);
        assertChangedOnly(after, 0, new int[] {5});
        assertChangedOnly(after, 1, new int[] {0, 3});
    }

    @Test
    void sortingByUsagePutsTheBusiestCodeFirstAndTheUsageMovesWithIt() {
        showWithUsageAndData();
        vm.selectedHeadProperty().set(1);
        vm.selectedCodeProperty().set(2); // the busiest of head 1
        Codebooks before = vm.getCodebooks();
        CodeUsage usageBefore = vm.getUsage();
        Codebooks after = checkUndoRedo(editor::sortByUsage);
        double[] u = Usages.head(vm.getUsage(), 1);
        for (int c = 1; c < u.length; c++) {
            assertTrue(u[c - 1] >= u[c], "usage descending after the sort: " + java.util.Arrays.toString(u));
        }
        assertArrayEquals(before.code(1, 2), after.code(1, 0), "the busiest code comes first");
        assertEquals(0, vm.selectedCodeProperty().get(), "the selection follows its code");
        assertEquals(usageBefore.count(0, 3), vm.getUsage().count(0, 3), "other heads keep their order");
        vm.undo();
        assertArrayEquals(usageBefore.counts(), vm.getUsage().counts(), "undo puts the usage back");
        assertEquals(2, vm.selectedCodeProperty().get());
    }

    @Test
    void swappingExchangesTwoCodesAndTheirUsage() {
        showWithUsageAndData();
        vm.selectedCodeProperty().set(1);
        editor.otherCodeProperty().set(3);
        Codebooks before = vm.getCodebooks();
        CodeUsage u = vm.getUsage();
        Codebooks after = checkUndoRedo(editor::swap);
        assertArrayEquals(before.code(0, 1), after.code(0, 3));
        assertArrayEquals(before.code(0, 3), after.code(0, 1));
        assertEquals(u.count(0, 1), vm.getUsage().count(0, 3));
        assertEquals(u.count(0, 3), vm.getUsage().count(0, 1));
    }

    @Test
    void movingShiftsTheCodesBetween() {
        showWithUsageAndData();
        vm.selectedCodeProperty().set(1);
        editor.otherCodeProperty().set(4);
        Codebooks before = vm.getCodebooks();
        Codebooks after = checkUndoRedo(editor::move);
        // core's move (its order of shifting is tested in CodebookEditsTest): the view model adds nothing of its own
        assertEquals(CodebookEdits.move(before, 0, 1, 4).apply(before), after);
        assertArrayEquals(before.code(0, 1), after.code(0, 4), "the code went to the other code's place");
    }

    @Test
    void normalisingMakesEveryCodeOfTheHeadUnitLength() {
        showWithUsageAndData();
        vm.selectedHeadProperty().set(1);
        Codebooks after = checkUndoRedo(() -> editor.normalise(false));
        for (int c = 0; c < 6; c++) {
            assertEquals(1.0, after.norm(1, c), FLOAT_TOLERANCE);
        }
        assertArrayEquals(codebooks().code(0, 0), after.code(0, 0), "head 0 untouched");
        Codebooks all = checkUndoRedo(() -> editor.normalise(true));
        assertEquals(1.0, all.norm(0, 4), FLOAT_TOLERANCE);
    }

    @Test
    void anEditThatDoesNotFitSaysWhyAndChangesNothing() {
        showWithUsageAndData();
        vm.selectedCodeProperty().set(2);
        editor.otherCodeProperty().set(2);
        assertFalse(editor.swap());
        assertEquals(UserMessage.Kind.ERROR, vm.messageProperty().get().kind());
        assertEquals(codebooks(), vm.getCodebooks());
        assertFalse(vm.canUndoProperty().get());
    }

    @Test
    void theHistoryIsFullAndDirtyFollowsTheSavePoint() {
        showWithUsageAndData();
        vm.selectedCodeProperty().set(0);
        List<Codebooks> states = new ArrayList<>();
        states.add(vm.getCodebooks());
        for (int i = 0; i < 5; i++) {
            assertTrue(editor.setValue(0, i + 10f));
            states.add(vm.getCodebooks());
        }
        assertTrue(vm.isDirty());
        for (int i = 4; i >= 0; i--) {
            assertTrue(vm.undo());
            assertEquals(states.get(i), vm.getCodebooks());
        }
        assertFalse(vm.undo());
        assertFalse(vm.isDirty(), "back where it was opened");
        assertTrue(vm.redo());
        assertTrue(vm.redo());
        vm.markSaved();
        assertFalse(vm.isDirty());
        vm.undo();
        assertTrue(vm.isDirty(), "before the save point");
        vm.redo();
        assertFalse(vm.isDirty());
    }

    // ------------------------------------------------------------------ saving

    @Test
    void anEditedCodeStartsAtZeroUsageAndUndoPutsTheCountBack() {
        Path original = dir.resolve("counted.npz");
        CodebookFiles.save(original, CodebookDocument.of(codebooks(), usageCounts(), "{\"note\":\"test\"}"));
        vm.open(original, null);
        vm.selectedCodeProperty().set(1);
        assertTrue(editor.reinitRandom());
        assertEquals(0, vm.getUsage().counts()[1], "a new code: nothing assigned to it yet");
        assertEquals(usageCounts()[2], vm.getUsage().counts()[2], "other codes keep their counts");
        vm.save(original, null);
        CodebookDocument saved = CodebookFiles.loadDocument(original);
        assertEquals(0, saved.usage().orElseThrow()[1]);
        assertTrue(saved.meta().orElseThrow().contains("\"edits\":[\""), saved.meta().orElseThrow());
        assertTrue(vm.undo());
        assertEquals(usageCounts()[1], vm.getUsage().counts()[1], "undo puts the count back");
    }

    @Test
    void savingANativeFileKeepsUsageAndMetaAndClearsDirty() {
        Path original = dir.resolve("cb.npz");
        CodebookFiles.save(original, CodebookDocument.of(codebooks(), usageCounts(), "{\"note\":\"test\"}"));
        vm.open(original, null);
        vm.selectedCodeProperty().set(1);
        editor.otherCodeProperty().set(3);
        assertTrue(editor.swap());
        assertTrue(vm.isDirty());
        assertTrue(vm.saveInPlaceProperty().get());

        vm.save(original, null);
        assertFalse(vm.isDirty());
        CodebookDocument saved = CodebookFiles.loadDocument(original);
        assertEquals(vm.getCodebooks(), saved.codebooks());
        long[] usage = saved.usage().orElseThrow();
        assertEquals(usageCounts()[1], usage[3], "usage moved with the swapped code");
        assertEquals(usageCounts()[3], usage[1]);
        // the meta is kept, and says the codebooks were edited after it was written (issue 12)
        assertEquals("{\"note\":\"test\",\"edits\":[\"swap head 0 codes 1 and 3\"]}", saved.meta().orElseThrow());
        vm.save(original, null);
        assertEquals(saved.meta(), CodebookFiles.loadDocument(original).meta(), "a second save adds no edit twice");

        Path csv = dir.resolve("cb.csv");
        vm.save(csv, null);
        assertEquals(vm.getCodebooks(), CodebookFiles.load(csv));
        assertEquals(csv, vm.fileProperty().get());
    }

    @Test
    void aFailedSaveIsAMessageAndStaysDirty() throws IOException {
        vm.show(codebooks(), null);
        vm.selectedCodeProperty().set(0);
        editor.setValue(0, 3f);
        Path folder = Files.createDirectory(dir.resolve("folder.npz"));
        vm.save(folder, null);
        assertEquals("Cannot save the codebook", vm.messageProperty().get().title());
        assertTrue(vm.isDirty());
    }

    // ------------------------------------------------------------------ helpers

    /** Runs the edit, then checks undo gives the codebooks before and redo those after; returns those after. */
    private Codebooks checkUndoRedo(java.util.function.BooleanSupplier edit) {
        Codebooks before = vm.getCodebooks();
        CodeUsage usageBefore = vm.getUsage();
        boolean dirtyBefore = vm.isDirty();
        assertTrue(edit.getAsBoolean(), () -> "edit refused: " + vm.messageProperty().get());
        Codebooks after = vm.getCodebooks();
        CodeUsage usageAfter = vm.getUsage();
        assertNotEquals(before, after, "the edit changed something");
        assertTrue(vm.isDirty());
        assertTrue(vm.undo());
        assertEquals(before, vm.getCodebooks(), "undo");
        assertArrayEquals(usageBefore.counts(), vm.getUsage().counts(), "undo restores the usage order");
        assertEquals(dirtyBefore, vm.isDirty());
        assertTrue(vm.redo());
        assertEquals(after, vm.getCodebooks(), "redo");
        assertArrayEquals(usageAfter.counts(), vm.getUsage().counts());
        assertTrue(vm.isDirty());
        return after;
    }

    /** Exactly the codes {@code changed} of {@code head} differ from the original codebooks. */
    private void assertChangedOnly(Codebooks after, int head, int[] changed) {
        Codebooks original = codebooks();
        for (int c = 0; c < 6; c++) {
            int code = c;
            boolean expected = java.util.Arrays.stream(changed).anyMatch(x -> x == code);
            boolean differs = !java.util.Arrays.equals(original.code(head, c), after.code(head, c));
            assertEquals(expected, differs, "head " + head + " code " + c);
        }
    }

    private void showWithUsageAndData() {
        vm.show(codebooks(), Usages.fromCounts(usageCounts(), codebooks().config(), "test usage"));
        vm.setData(data());
    }

    /** 2 heads × 6 codes × 3 dims, seed 11. */
    static Codebooks codebooks() {
        Random r = new Random(11);
        float[] v = new float[2 * 6 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * 2);
        }
        return Codebooks.of(new QuantizerConfig(2, 6, 6), v, true);
    }

    /** Head 0: code 5 unused; head 1: codes 0 and 3 unused, code 2 the busiest. */
    static long[] usageCounts() {
        return new long[] {40, 12, 30, 7, 25, 0, 0, 9, 55, 0, 21, 3};
    }

    /** 200 rows of 6 values around the codes, seed 12. */
    static DataSample data() {
        Random r = new Random(12);
        Codebooks cb = codebooks();
        float[] v = new float[200 * 6];
        for (int row = 0; row < 200; row++) {
            for (int h = 0; h < 2; h++) {
                int code = r.nextInt(6);
                for (int j = 0; j < 3; j++) {
                    v[row * 6 + h * 3 + j] = (float) (cb.value(h, code, j) + r.nextGaussian() * 0.3);
                }
            }
        }
        return new DataSample(v, 200, 6, "200 test rows");
    }

    private static boolean anyRow(DataSample d, Predicate<Integer> test) {
        for (int r = 0; r < d.rows(); r++) {
            if (test.test(r)) {
                return true;
            }
        }
        return false;
    }

    private static int nearest(Codebooks cb, int head, float[] row, int offset) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < cb.config().codes(); c++) {
            double s = 0;
            for (int j = 0; j < 3; j++) {
                double diff = row[offset + head * 3 + j] - cb.value(head, c, j);
                s += diff * diff;
            }
            if (s < bestD) {
                bestD = s;
                best = c;
            }
        }
        return best;
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    private static double distance(double[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
