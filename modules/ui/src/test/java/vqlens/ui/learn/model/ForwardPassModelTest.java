package vqlens.ui.learn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.GoldenFiles.golden;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import vqlens.core.ForwardTrace;

/** Lesson 3's state: the stages are the reference module's forward, checked on the PyTorch golden case 1. */
class ForwardPassModelTest {
    /** The golden README's check for float32 distances of case 1. */
    private static final double DISTANCE_TOLERANCE = 1e-3;

    @Test
    void theBundledReferenceCodebookGivesTheGoldenIndicesAndDistances() {
        ForwardPassModel m = new ForwardPassModel();
        m.setSource(ForwardPassModel.Source.REFERENCE);
        INDArray z = Nd4j.createFromNpyFile(golden("case1_z.npy").toFile());
        long[] indices = Nd4j.createFromNpyFile(golden("case1_indices.npy").toFile()).data().asLong();
        float[] distances = Nd4j.createFromNpyFile(golden("case1_distances.npy").toFile()).data().asFloat();
        for (int b : new int[] {0, 3, 8, 20, 300}) {
            float[] row = z.getRow(b).dup().data().asFloat();
            StringBuilder typed = new StringBuilder();
            for (float v : row) {
                typed.append(Float.toString(v)).append(' ');
            }
            assertEquals("", m.typeRow(typed.toString()));
            ForwardTrace t = m.trace();
            for (int h = 0; h < 4; h++) {
                assertEquals(indices[b * 4 + h], t.index(h), "row " + b + " head " + h);
                for (int k = 0; k < 256; k += 5) {
                    assertEquals(distances[(b * 4 + h) * 256 + k], t.distance(h, k), DISTANCE_TOLERANCE);
                }
            }
        }
        assertEquals("[B, 384]", ForwardStage.INPUT.shape(m.config()));
        assertEquals("[B, 4, 256]", ForwardStage.DISTANCES.shape(m.config()));
    }

    @Test
    void theTeachingCodebooksShapeChainIsItsOwn() {
        ForwardPassModel m = new ForwardPassModel();
        assertEquals("[B, 2] → [B, 1, 2] → [B, 1, 16] → [B, 1] → [B, 2]", ForwardStage.chain(m.config()));
    }

    @Test
    void tasksTickWhenDoneAndNotBefore() {
        ForwardPassModel m = new ForwardPassModel();
        assertFalse(m.tasks().get(0).isDone());
        for (int i = 0; i < ForwardStage.values().length; i++) {
            m.nextStage();
        }
        assertTrue(m.tasks().get(0).isDone());
        m.setSource(ForwardPassModel.Source.TIES);
        assertFalse(m.tasks().get(1).isDone(), "a tie shows at argmin, not at the input");
        m.setStage(ForwardStage.ARGMIN);
        assertTrue(m.trace().tiedAtMinimum(0).length > 1);
        assertTrue(m.tasks().get(1).isDone());
        assertFalse(m.tasks().get(2).isDone());
    }

    @Test
    void aBadTypedRowIsRefusedWithItsReasonAndChangesNothing() {
        ForwardPassModel m = new ForwardPassModel();
        ForwardTrace before = m.trace();
        assertTrue(m.typeRow("1, 2, 3").contains("2 numbers"));
        assertTrue(m.typeRow("1, abc").contains("not a number"));
        assertTrue(m.typeRow("1, NaN").contains("finite"));
        assertTrue(before == m.trace(), "nothing changed");
        assertEquals("", m.typeRow("1.5, -0.25"));
        assertEquals("typed", m.rowOrigin());
    }

    @Test
    void codebooksOnHandWithAVqVaesLatentsTakeTheirRowsAndSaySo() {
        ForwardPassModel m = new ForwardPassModel();
        vqlens.core.Codebooks teaching = m.codebooks();
        float[] latents = {1.5f, -1.5f, 4.5f, 4.5f};
        assertEquals("", m.useOnHand("being trained (step 9), a VQ-VAE", teaching, latents, "the encoder's output z_e of sample"));
        assertEquals(ForwardPassModel.Source.ON_HAND, m.source());
        assertTrue(m.rowOrigin().startsWith("the encoder's output z_e of sample 0 of 2"), m.rowOrigin());
        assertEquals(1.5f, m.trace().row()[0]);
        m.nextRow();
        assertEquals(4.5f, m.trace().row()[0]);
        assertTrue(m.useOnHand("x", teaching.withInited(false)).contains("not initialised"));
    }
}
