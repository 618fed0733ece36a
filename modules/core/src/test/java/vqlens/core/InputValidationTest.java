package vqlens.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Wrong shapes, dtypes, non-finite rows and an uninitialised codebook get clear one-line errors. */
class InputValidationTest {
    private final ProductQuantizer pq = ProductQuantizer.of(Golden.codebooks("case1"));
    private final INDArray z = Golden.load("case1_z");

    @Test
    void wrongWidthNamesBothWidths() {
        VqException e = assertThrows(VqException.class, () -> pq.encode(Nd4j.zeros(DataType.FLOAT, 3, 380)));
        assertTrue(e.getMessage().contains("380") && e.getMessage().contains("384"), e.getMessage());
        assertThrows(VqException.class, () -> pq.forward(Nd4j.zeros(DataType.FLOAT, 2, 3, 384)));
        assertThrows(VqException.class, () -> pq.encode(Nd4j.zeros(DataType.INT, 2, 384)));
    }

    @Test
    void nonFiniteRowsAreRefusedNamingTheFirstBadRow() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            INDArray input = z.dup();
            input.putScalar(300, 17, bad);
            input.putScalar(411, 3, bad);
            VqException e = assertThrows(VqException.class, () -> pq.encode(input));
            assertTrue(e.getMessage().startsWith("row 300 "), e.getMessage());
            assertTrue(e.getMessage().contains("column 17"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        float[] rows = z.data().asFloat();
        rows[5 * 384 + 200] = Float.NaN;
        long[] out = new long[512 * 4];
        VqException e = assertThrows(VqException.class, () -> pq.encode(rows, 512, 1000, out));
        assertTrue(e.getMessage().startsWith("row 1005 "), "rows are numbered from firstRow: " + e.getMessage());
    }

    @Test
    void float64InputIsCastToFloat32First() {
        SplittableRandom random = new SplittableRandom(3);
        double[] values = new double[64 * 384];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian() * 1.0000001;
        }
        INDArray z64 = Nd4j.createFromArray(values).reshape(64, 384);
        INDArray z32 = z64.castTo(DataType.FLOAT);
        assertArrayEquals(pq.encode(z32).data().asLong(), pq.encode(z64).data().asLong());
    }

    @Test
    void viewsAndFortranOrderInputsGiveTheSameAnswer() {
        INDArray view = z.get(NDArrayIndex.interval(100, 300), NDArrayIndex.all());
        INDArray copy = view.dup('c');
        long[] expected = pq.encode(copy).data().asLong();
        assertArrayEquals(expected, pq.encode(view).dup('c').data().asLong());
        assertArrayEquals(expected, pq.encode(copy.dup('f')).dup('c').data().asLong());
    }

    @Test
    void uninitialisedCodebooksAreRefusedByEncodeAndDecode() {
        ProductQuantizer fresh = ProductQuantizer.of(Golden.codebooks("case2").withInited(false));
        assertTrue(assertThrows(VqException.class, () -> fresh.encode(Golden.load("case2_z")))
                .getMessage().contains("not initialised"));
        assertThrows(VqException.class, () -> fresh.decode(Golden.load("case2_indices")));
    }

    @Test
    void outOfRangeIndicesNameRowAndHead() {
        INDArray idx = Golden.load("case1_indices").dup();
        idx.putScalar(7, 2, 256);
        VqException e = assertThrows(VqException.class, () -> pq.decode(idx));
        assertEquals("row 7, head 2: index 256 is out of range [0, 256)", e.getMessage());
        idx.putScalar(7, 2, -1);
        assertThrows(VqException.class, () -> pq.decode(idx));
        assertThrows(VqException.class, () -> pq.decode(Nd4j.zeros(DataType.LONG, 4, 3)));
    }

    @Test
    void codebooksHoldingNanAreRefusedForSearchButStillDecode() {
        Codebooks good = Golden.codebooks("case2");
        float[] values = good.toArray();
        values[(1 * 5 + 3) * 4 + 2] = Float.NaN; // head 1, code 3
        ProductQuantizer broken = ProductQuantizer.of(Codebooks.of(good.config(), values, true));
        VqException e = assertThrows(VqException.class, () -> broken.encode(Golden.load("case2_z")));
        assertTrue(e.getMessage().contains("head 1, code 3"), e.getMessage());
        assertEquals(7, broken.decode(Golden.load("case2_indices")).size(0));
    }

    @Test
    void configValidatesItself() {
        assertEquals("heads (5) must divide the embedding dimension (384)",
                assertThrows(VqException.class, () -> new QuantizerConfig(5, 384, 256)).getMessage());
        assertThrows(VqException.class, () -> new QuantizerConfig(0, 384, 256));
        assertThrows(VqException.class, () -> new QuantizerConfig(4, 384, 0));
        assertThrows(VqException.class, () -> new QuantizerConfig(4, -8, 16));
        assertThrows(VqException.class, () -> new QuantizerConfig(1, 1 << 20, 1 << 20));
        assertEquals(96, QuantizerConfig.seedDefault().headDim());
    }
}
