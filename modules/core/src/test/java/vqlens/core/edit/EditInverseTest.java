package vqlens.core.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;

/** Every operation undoes bit-exactly, breaks down into primitives, and repeats itself for the same seed. */
class EditInverseTest {

    private final Codebooks cb = EditFixtures.codebooks(3, 10, 4, 21);
    private final float[] rows = EditFixtures.rows(cb, 300, 22);

    private Map<String, CodebookEdit> everyOperation(long seed) {
        double[] usage = new double[10];
        for (int c = 0; c < 10; c++) {
            usage[c] = (c * 7) % 5;
        }
        double[] allUsage = new double[30];
        for (int i = 0; i < 30; i++) {
            allUsage[i] = (i * 3) % 4;
        }
        int busy = NearestCodes.ofHead(cb, 1, rows, 300)[0];
        int free = (busy + 1) % 10;
        Map<String, CodebookEdit> ops = new LinkedHashMap<>();
        ops.put("setValue", CodebookEdits.setValue(cb, 2, 9, 3, -4.25f));
        ops.put("setCode", CodebookEdits.setCode(cb, 0, 0, new float[] {1, 0, 0, 1}));
        ops.put("reinitFromDataRow", CodebookEdits.reinitFromDataRow(cb, 1, 3, rows, 300, seed));
        ops.put("reinitToCellMean", CodebookEdits.reinitToCellMean(cb, 1, busy, rows, 300));
        ops.put("reinitRandom", CodebookEdits.reinitRandom(cb, 2, 2, seed));
        ops.put("duplicate", CodebookEdits.duplicate(cb, 0, 4, 5));
        ops.put("split rows", CodebookEdits.split(cb, 1, busy, free, rows, 300, seed));
        ops.put("split random", CodebookEdits.split(cb, 1, 2, 7, null, 0, seed));
        ops.put("merge rows", CodebookEdits.merge(cb, 2, 1, 8, usage, rows, 300, seed));
        ops.put("merge random", CodebookEdits.merge(cb, 2, 1, 8, null, null, 0, seed));
        ops.put("replaceDead", CodebookEdits.replaceDead(cb, allUsage, 1, rows, 300, seed));
        ops.put("sortByUsage", CodebookEdits.sortByUsage(cb, 0, usage));
        ops.put("swap", CodebookEdits.swap(cb, 1, 0, 9));
        ops.put("move", CodebookEdits.move(cb, 2, 8, 1));
        ops.put("normalise head", CodebookEdits.normalise(cb, 1));
        ops.put("normalise all", CodebookEdits.normalise(cb, -1));
        return ops;
    }

    @Test
    void applyThenInverseRestoresTheCodebooksBitForBit() {
        for (Map.Entry<String, CodebookEdit> op : everyOperation(5).entrySet()) {
            CodebookEdit edit = op.getValue();
            Codebooks after = edit.apply(cb);
            assertNotEquals(cb, after, op.getKey() + " changed nothing");
            CodebookEdit undo = edit.inverse(cb);
            assertEquals(cb, undo.apply(after), op.getKey());
            // Redo from the undone state gives the same result again.
            assertEquals(after, edit.apply(undo.apply(after)), op.getKey() + " redo");
            assertTrue(undo.description().startsWith("undo: "), undo.description());
        }
    }

    @Test
    void aSequenceOfEditsUndoesAsOne() {
        List<CodebookEdit> steps = List.copyOf(everyOperation(3).values());
        EditSequence all = new EditSequence(steps, "everything");
        Codebooks after = all.apply(cb);
        assertEquals(cb, all.inverse(cb).apply(after));
    }

    @Test
    void primitivesApplyToTheSameResultAndAreOnlySetOrPermute() {
        for (Map.Entry<String, CodebookEdit> op : everyOperation(8).entrySet()) {
            Codebooks viaPrimitives = cb;
            for (CodebookEdit p : op.getValue().primitives()) {
                assertTrue(p instanceof SetCodes || p instanceof PermuteCodes, op.getKey());
                viaPrimitives = p.apply(viaPrimitives);
            }
            assertEquals(op.getValue().apply(cb), viaPrimitives, op.getKey());
        }
        CodebookEdit nested = new EditSequence(List.of(
                CodebookEdits.swap(cb, 0, 1, 2),
                new EditSequence(List.of(CodebookEdits.setCode(cb, 0, 1, new float[4]),
                        CodebookEdits.move(cb, 1, 0, 3)), "inner")), "outer");
        List<CodebookEdit> flat = nested.primitives();
        assertEquals(3, flat.size());
        assertInstanceOf(PermuteCodes.class, flat.get(0));
        assertInstanceOf(SetCodes.class, flat.get(1));
        assertInstanceOf(PermuteCodes.class, flat.get(2));
    }

    @Test
    void theSameSeedGivesTheSameEditAndAnotherSeedADifferentOne() {
        Map<String, CodebookEdit> a = everyOperation(17);
        Map<String, CodebookEdit> b = everyOperation(17);
        Map<String, CodebookEdit> c = everyOperation(18);
        for (String name : a.keySet()) {
            assertEquals(a.get(name), b.get(name), name);
        }
        for (String seeded : List.of("reinitRandom", "split random", "merge random", "replaceDead")) {
            assertNotEquals(a.get(seeded).apply(cb), c.get(seeded).apply(cb), seeded);
        }
    }
}
