package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.GoldenFiles.golden;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vqlens.core.testing.TestNpy;

/** encode/decode against the golden data of the torch reference (see golden/README.txt in core). */
class EncodeDecodeGoldenTest {
    /** z_q = z + (q - z) in float32 differs from the exact code value by up to 1 ulp (golden README). */
    private static final float ZQ_TOLERANCE = 1e-6f;
    /** Expansion-formula float32 rounding: golden distances are within 1.3e-4 of exact (golden README). */
    private static final float DISTANCE_TOLERANCE = 1e-3f;

    @TempDir
    Path dir;

    @Test
    void encodeGivesTheGoldenIndicesExactly() throws IOException {
        assertEncodesCase1ToTheGoldenIndices("codebook_export.npz");
    }

    @Test
    void encodeWithTheGoldenSafetensorsGivesTheGoldenIndices() throws IOException {
        assertEncodesCase1ToTheGoldenIndices("codebook_export.safetensors");
    }

    private void assertEncodesCase1ToTheGoldenIndices(String goldenCodebook) throws IOException {
        Path out = dir.resolve("idx.npy");
        Cli.Result r = Cli.run("encode", "--codebook", golden(goldenCodebook), "--input", golden("case1_z.npy"),
                "--indices", out);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.out() + r.err(), "encode prints nothing on success");
        TestNpy indices = TestNpy.read(out);
        assertArrayEquals(new long[] {512, 4}, indices.shape());
        assertArrayEquals(TestNpy.read(golden("case1_indices.npy")).longs(), indices.longs());
    }

    @Test
    void everyCodebookFormatEncodesAndDecodesAlike() throws IOException {
        long[] goldenIndices = TestNpy.read(golden("case1_indices.npy")).longs();
        float[] gathered = gather(TestNpy.read(golden("case1_codebooks.npy")).floats(), goldenIndices, 4, 256, 96);
        for (String format : new String[] {"npz", "safetensors", "npy", "csv"}) {
            Path codebook = dir.resolve("codebook." + format);
            assertEquals(0, Cli.run("convert", golden("codebook_export.safetensors"), codebook).exitCode(), format);
            Path idx = dir.resolve(format + "_idx.npy");
            Cli.Result e = Cli.run("encode", "--codebook", codebook, "--input", golden("case1_z.npy"), "--indices", idx);
            assertEquals(0, e.exitCode(), () -> format + ": " + e);
            assertArrayEquals(goldenIndices, TestNpy.read(idx).longs(), format);
            Path zq = dir.resolve(format + "_zq.npy");
            Cli.Result d = Cli.run("decode", "--codebook", codebook, "--indices", golden("case1_indices.npy"), "--output", zq);
            assertEquals(0, d.exitCode(), () -> format + ": " + d);
            assertArrayEquals(gathered, TestNpy.read(zq).floats(), format);
        }
    }

    @Test
    void keyPicksTheCodebookForEncodeAndDecode() throws IOException {
        Path model = InspectTest.twoCodebooks(dir.resolve("model.safetensors"));
        Path idx = dir.resolve("idx.npy");
        Cli.Result r = Cli.run("encode", "--codebook", model, "--key", "quantizer.codebooks", "--input", golden("case2_z.npy"),
                "--indices", idx);
        assertEquals(0, r.exitCode(), r::toString);
        assertArrayEquals(TestNpy.read(golden("case2_indices.npy")).longs(), TestNpy.read(idx).longs());
        Path zq = dir.resolve("zq.npy");
        Cli.Result d = Cli.run("decode", "--codebook", model, "--key", "quantizer.codebooks", "--indices", idx, "--output", zq);
        assertEquals(0, d.exitCode(), d::toString);
        assertArrayEquals(gather(TestNpy.read(golden("case2_codebooks.npy")).floats(), TestNpy.read(idx).longs(), 2, 5, 4),
                TestNpy.read(zq).floats());
        // the other one was never initialised
        Cli.Result vq = Cli.run("decode", "--codebook", model, "--key", "vq.codebooks", "--indices", idx, "--output", zq);
        assertEquals(1, vq.exitCode(), vq::toString);
        assertTrue(vq.err().contains("inited=false"), vq::toString);
    }

    @Test
    void encodeInOddChunksWritesQuantizedAndDistances() throws IOException {
        Outputs o = encodeWithAllOutputs("codebook_export.npz", "case1_z.npy", 100);

        assertArrayEquals(TestNpy.read(golden("case1_indices.npy")).longs(), TestNpy.read(o.indices()).longs());
        TestNpy quantized = TestNpy.read(o.quantized());
        assertArrayEquals(new long[] {512, 384}, quantized.shape());
        assertArrayEquals(TestNpy.read(golden("case1_z_q.npy")).floats(), quantized.floats(), ZQ_TOLERANCE);
        TestNpy distances = TestNpy.read(o.distances());
        assertArrayEquals(new long[] {512, 4, 256}, distances.shape());
        assertArrayEquals(TestNpy.read(golden("case1_distances.npy")).floats(), distances.floats(), DISTANCE_TOLERANCE);
    }

    @Test
    void float64InputGivesTheSameIndices() throws IOException {
        float[] z = TestNpy.read(golden("case1_z.npy")).floats();
        double[] wide = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            wide[i] = z[i];
        }
        Path input = dir.resolve("z64.npy");
        TestNpy.writeDoubles(input, new long[] {512, 384}, wide);
        Path out = dir.resolve("idx.npy");
        Cli.Result r = Cli.run("encode", "--codebook", golden("codebook_export.npz"), "--input", input, "--indices", out);
        assertEquals(0, r.exitCode(), r::toString);
        assertArrayEquals(TestNpy.read(golden("case1_indices.npy")).longs(), TestNpy.read(out).longs());
    }

    @Test
    void decodeOfGoldenIndicesIsTheCodebookRowsBitForBit() throws IOException {
        Path out = dir.resolve("zq.npy");
        Cli.Result r = Cli.run("decode", "--codebook", golden("codebook_export.npz"), "--indices", golden("case1_indices.npy"),
                "--output", out);
        assertEquals(0, r.exitCode(), r::toString);
        TestNpy decoded = TestNpy.read(out);
        assertArrayEquals(new long[] {512, 384}, decoded.shape());
        assertArrayEquals(gather(TestNpy.read(golden("case1_codebooks.npy")).floats(),
                TestNpy.read(golden("case1_indices.npy")).longs(), 4, 256, 96), decoded.floats()); // exact: a pure gather
    }

    @Test
    void roundTripThroughEncodeAndDecode() throws IOException {
        Path idx = dir.resolve("idx.npy");
        Path back = dir.resolve("back.npy");
        assertEquals(0, Cli.run("encode", "--codebook", golden("codebook_export.npz"), "--input", golden("case1_z.npy"),
                "--indices", idx, "--chunk", 64).exitCode());
        Cli.Result r = Cli.run("decode", "--codebook", golden("codebook_export.npz"), "--indices", idx, "--output", back);
        assertEquals(0, r.exitCode(), r::toString);
        assertArrayEquals(TestNpy.read(golden("case1_z_q.npy")).floats(), TestNpy.read(back).floats(), ZQ_TOLERANCE);
    }

    @Test
    void tinyCaseWithTiesIsExact() throws IOException {
        Outputs o = encodeWithAllOutputs("case2_codebooks.npy", "case2_z.npy", 3);
        // every value is a multiple of 1/4, so all of these are exact in float32 (golden README, case 2)
        assertArrayEquals(TestNpy.read(golden("case2_indices.npy")).longs(), TestNpy.read(o.indices()).longs());
        assertArrayEquals(TestNpy.read(golden("case2_z_q.npy")).floats(), TestNpy.read(o.quantized()).floats());
        assertArrayEquals(TestNpy.read(golden("case2_distances.npy")).floats(), TestNpy.read(o.distances()).floats());
    }

    private record Outputs(Path indices, Path quantized, Path distances) {
    }

    /** Encodes a golden input with a golden codebook into all three outputs, in chunks of {@code chunk} rows. */
    private Outputs encodeWithAllOutputs(String goldenCodebook, String goldenInput, int chunk) {
        Outputs o = new Outputs(dir.resolve("idx.npy"), dir.resolve("zq.npy"), dir.resolve("dist.npy"));
        Cli.Result r = Cli.run("encode", "--codebook", golden(goldenCodebook), "--input", golden(goldenInput),
                "--indices", o.indices(), "--quantized", o.quantized(), "--distances", o.distances(), "--chunk", chunk);
        assertEquals(0, r.exitCode(), r::toString);
        return o;
    }

    @Test
    void decodeAcceptsNarrowIndexTypes() throws IOException {
        long[] golden = TestNpy.read(golden("case2_indices.npy")).longs();
        float[] expected = gather(TestNpy.read(golden("case2_codebooks.npy")).floats(), golden, 2, 5, 4);
        for (String descr : new String[] {"|u1", "<i2", "<i4"}) {
            Path idx = dir.resolve("idx" + descr.substring(1) + ".npy");
            TestNpy.writeIndices(idx, descr, new long[] {7, 2}, golden);
            Path out = dir.resolve("out" + descr.substring(1) + ".npy");
            Cli.Result r = Cli.run("decode", "--codebook", golden("case2_codebooks.npy"), "--indices", idx, "--output", out);
            assertEquals(0, r.exitCode(), () -> descr + ": " + r);
            assertArrayEquals(expected, TestNpy.read(out).floats(), descr);
        }
    }

    @Test
    void existingOutputsAreReplaced() throws IOException {
        Path out = dir.resolve("idx.npy");
        TestNpy.writeLongs(out, new long[] {1, 1}, new long[] {99});
        Cli.Result r = Cli.run("encode", "--codebook", golden("case2_codebooks.npy"), "--input", golden("case2_z.npy"),
                "--indices", out);
        assertEquals(0, r.exitCode(), r::toString);
        assertArrayEquals(TestNpy.read(golden("case2_indices.npy")).longs(), TestNpy.read(out).longs());
        try (var files = java.nio.file.Files.list(dir)) {
            assertTrue(files.allMatch(out::equals), "no temporary file is left behind");
        }
    }

    /** The concatenated codes codebooks[h, indices[b, h]] for every row b. */
    static float[] gather(float[] codebooks, long[] indices, int heads, int codes, int headDim) {
        int rows = indices.length / heads;
        float[] out = new float[rows * heads * headDim];
        for (int b = 0; b < rows; b++) {
            for (int h = 0; h < heads; h++) {
                int k = (int) indices[b * heads + h];
                System.arraycopy(codebooks, (h * codes + k) * headDim, out, (b * heads + h) * headDim, headDim);
            }
        }
        return out;
    }
}
