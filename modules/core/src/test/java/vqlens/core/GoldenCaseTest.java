package vqlens.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The quantizer reproduces the PyTorch original on both golden cases. */
class GoldenCaseTest {

    @ParameterizedTest
    @ValueSource(strings = {"case1", "case2"})
    void forwardMatchesTheOriginal(String name) {
        ProductQuantizer pq = ProductQuantizer.of(Golden.codebooks(name));
        INDArray z = Golden.load(name + "_z");

        ForwardResult result = pq.forward(z);

        long[] expectedIndices = Golden.load(name + "_indices").data().asLong();
        assertArrayEquals(expectedIndices, result.indices().dup('c').data().asLong(), "indices, ties to the first minimum");
        assertEquals(DataType.LONG, result.indices().dataType());
        assertArrayEquals(Golden.load(name + "_indices").shape(), result.indices().shape());

        float[] expectedDistances = Golden.load(name + "_distances").data().asFloat();
        float[] expectedQuantized = Golden.load(name + "_z_q").data().asFloat();
        float[] distances = result.distances().data().asFloat();
        float[] quantized = result.quantized().data().asFloat();
        if (name.equals("case2")) {
            // every value is a multiple of 1/4: float32 arithmetic is exact in any order
            assertArrayEquals(expectedDistances, distances, 0f);
            assertArrayEquals(expectedQuantized, quantized, 0f);
        } else {
            assertArrayEquals(expectedDistances, distances, (float) Golden.CASE1_DISTANCE_TOLERANCE);
            assertArrayEquals(expectedQuantized, quantized, (float) Golden.CASE1_QUANTIZED_TOLERANCE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"case1", "case2"})
    void encodeAndTheArrayApiGiveTheGoldenIndices(String name) {
        ProductQuantizer pq = ProductQuantizer.of(Golden.codebooks(name));
        INDArray z = Golden.load(name + "_z");
        long[] expected = Golden.load(name + "_indices").data().asLong();

        assertArrayEquals(expected, pq.encode(z).dup('c').data().asLong());

        long[] viaArrays = new long[expected.length];
        pq.encode(z.data().asFloat(), (int) z.size(0), 0, viaArrays);
        assertArrayEquals(expected, viaArrays);
    }

    @ParameterizedTest
    @ValueSource(strings = {"case1", "case2"})
    void decodeOfTheGoldenIndicesIsAnExactGather(String name) {
        Codebooks codebooks = Golden.codebooks(name);
        ProductQuantizer pq = ProductQuantizer.of(codebooks);
        INDArray indices = Golden.load(name + "_indices");

        float[] decoded = pq.decode(indices).data().asFloat();

        QuantizerConfig c = codebooks.config();
        long[] idx = indices.data().asLong();
        for (int b = 0; b < indices.size(0); b++) {
            for (int h = 0; h < c.heads(); h++) {
                float[] code = codebooks.code(h, (int) idx[b * c.heads() + h]);
                for (int d = 0; d < c.headDim(); d++) {
                    assertEquals(Float.floatToRawIntBits(code[d]),
                            Float.floatToRawIntBits(decoded[b * c.embeddingDim() + h * c.headDim() + d]));
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void case1ExactCodeRowsMapToTheirKnownCodes() {
        // rows 0-7 of case 1 are exact code concatenations: row i, head h uses code (37*i + 11*h) % 256
        ProductQuantizer pq = ProductQuantizer.of(Golden.codebooks("case1"));
        long[] idx = pq.encode(Golden.load("case1_z")).dup('c').data().asLong();
        for (int i = 0; i < 8; i++) {
            for (int h = 0; h < 4; h++) {
                assertEquals((37L * i + 11L * h) % 256, idx[i * 4 + h], "row " + i + " head " + h);
            }
        }
        assertTrue(pq.isInited());
    }
}
