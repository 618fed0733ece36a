package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.GoldenFiles.golden;
import static vqlens.core.testing.TestNpy.assertBitsEqual;
import static vqlens.core.testing.TestNpy.assertFileProblem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.testing.TestNpy;
import vqlens.core.testing.TestSafetensors;

/** Reading and writing {@code .safetensors} codebooks: keys, prefixes, dtypes, the inited flag, the exact export. */
class SafetensorsTest {
    private static final long[] SHAPE = {1, 2, 2};

    @TempDir
    Path dir;

    private Path write(String name, TestSafetensors file) {
        return TestNpy.write(dir.resolve(name + ".safetensors"), file.build());
    }

    @Test
    void goldenExportOpensToExactlyTheGoldenCodebooks() {
        Path golden = golden("codebook_export.safetensors");
        CodebookFileInfo info = CodebookFiles.describe(golden, null);
        Codebooks expected = CodebookFiles.load(golden("case1_codebooks.npy"));
        assertEquals(expected, info.codebooks());
        assertBitsEqual(expected.toArray(), info.codebooks().toArray());
        assertEquals(CodebookFormat.SAFETENSORS, info.format());
        assertEquals(List.of("codebooks"), info.keys());
        assertEquals(List.of("codebooks"), info.candidates());
        assertEquals("codebooks", info.key());
        assertEquals(List.of(4L, 256L, 96L), info.shape());
        assertEquals("F32", info.dtype());
        assertTrue(info.inited());
        assertEquals("__metadata__ \"inited\"", info.initedFrom());
        assertEquals(List.of("codebooks"), CodebookFiles.candidates(golden));
    }

    @Test
    void exportIsWhatSafetensorsTorchSaveFileWritesForTheSeedModule() {
        Codebooks codebooks = CodebookFiles.load(golden("case1_codebooks.npy"));
        Path out = dir.resolve("export.safetensors");
        CodebookFiles.save(out, codebooks);
        byte[] bytes = TestNpy.bytes(out);
        // Sorted by dtype alignment (F32 before BOOL), compact JSON, no __metadata__, spaces to a multiple of 8.
        String json = "{\"codebooks\":{\"dtype\":\"F32\",\"shape\":[4,256,96],\"data_offsets\":[0,393216]},"
                + "\"inited\":{\"dtype\":\"BOOL\",\"shape\":[],\"data_offsets\":[393216,393217]}}";
        int padded = (json.length() + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(padded, b.getLong(0));
        assertEquals(json + " ".repeat(padded - json.length()), new String(bytes, 8, padded, StandardCharsets.US_ASCII));
        assertEquals(8 + padded + 393216 + 1, bytes.length);
        byte[] golden = TestNpy.bytes(golden("codebook_export.safetensors"));
        int goldenData = 8 + (int) ByteBuffer.wrap(golden).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertArrayEquals(Arrays.copyOfRange(golden, goldenData, golden.length), Arrays.copyOfRange(bytes, 8 + padded, 8 + padded + 393216),
                "the same tensor bytes as the PyTorch export");
        assertEquals(1, bytes[bytes.length - 1], "inited = True as one byte");

        CodebookFileInfo back = CodebookFiles.describe(out, null);
        assertEquals(codebooks, back.codebooks());
        assertEquals("tensor 'inited'", back.initedFrom());
        assertFalse(CodebookFiles.load(saved(codebooks.withInited(false))).inited());
    }

    private Path saved(Codebooks codebooks) {
        Path out = dir.resolve("flag.safetensors");
        CodebookFiles.save(out, codebooks);
        return out;
    }

    @Test
    void prefixedKeysFromBiggerModels() {
        Path file = write("model", new TestSafetensors()
                .f32("encoder.weight", new long[] {3}, 1, 2, 3)
                .f32("quantizer.codebooks", SHAPE, 1, 2, 3, 4)
                .bool("quantizer.inited", false));
        CodebookFileInfo info = CodebookFiles.describe(file, null);
        assertEquals("quantizer.codebooks", info.key());
        assertEquals(List.of("encoder.weight", "quantizer.codebooks", "quantizer.inited"), info.keys());
        assertFalse(info.inited(), "the flag beside the chosen tensor");
        assertEquals("tensor 'quantizer.inited'", info.initedFrom());
        assertBitsEqual(new float[] {1, 2, 3, 4}, info.codebooks().toArray());
    }

    @Test
    void severalCandidatesNeedAKey() {
        Path file = write("two", new TestSafetensors()
                .f32("vq.codebooks", SHAPE, 1, 2, 3, 4)
                .bool("vq.inited", true)
                .f32("quantizer.codebooks", new long[] {2, 2}, 5, 6, 7, 8)
                .bool("quantizer.inited", false));
        AmbiguousCodebookException e = assertThrows(AmbiguousCodebookException.class, () -> CodebookFiles.load(file));
        assertEquals(List.of("vq.codebooks", "quantizer.codebooks"), e.candidates());
        assertEquals(file, e.file());
        assertEquals(file + ": 2 candidate codebook tensors; choose one with a key: vq.codebooks, quantizer.codebooks", e.getMessage());
        assertEquals(List.of("vq.codebooks", "quantizer.codebooks"), CodebookFiles.candidates(file));

        Codebooks vq = CodebookFiles.load(file, "vq.codebooks");
        assertTrue(vq.inited());
        assertBitsEqual(new float[] {1, 2, 3, 4}, vq.toArray());
        Codebooks q = CodebookFiles.load(file, "quantizer.codebooks");
        assertFalse(q.inited());
        assertEquals(new QuantizerConfig(1, 2, 2), q.config(), "[codes, dim] is one head");
        assertBitsEqual(new float[] {5, 6, 7, 8}, q.toArray());
        assertThrows(AmbiguousCodebookException.class, () -> CodebookFiles.describe(file, null));
    }

    @Test
    void aSingleThreeDimensionalFloatTensorIsACandidateWhateverItsName() {
        Path file = write("embed", new TestSafetensors()
                .add("steps", "I64", new long[] {}, new byte[8])
                .f32("vq.embed", SHAPE, 1, 2, 3, 4)
                .add("vq.inited", "U8", new long[] {1}, new byte[] {0}));
        CodebookFileInfo info = CodebookFiles.describe(file, null);
        assertEquals("vq.embed", info.key());
        assertFalse(info.inited(), "vq.inited sits beside vq.embed");
        Path two = write("two3d", new TestSafetensors().f32("a", SHAPE, 1, 2, 3, 4).f32("b", SHAPE, 1, 2, 3, 4));
        assertFileProblem(two, "no codebook tensor", () -> CodebookFiles.load(two));
        assertEquals(1, CodebookFiles.load(two, "b").config().heads(), "any float tensor of rank 2 or 3 by key");
    }

    @Test
    void halfBfloatAndDoubleBecomeFloat32() {
        short[] half = {0x3E00, (short) 0xC000, 0x3400, 0x7BFF, 0x0001, (short) 0x8000, 0x7C00, (short) 0xFC00};
        float[] halfValues = {1.5f, -2f, 0.25f, 65504f, 0x1p-24f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        short[] bf16 = {0x3FC0, (short) 0xC000, 0x7F80, 0x0001, (short) 0x8000, 0x4049, 0x7FC0, 0x3F80};
        float[] bf16Values = new float[bf16.length];
        for (int i = 0; i < bf16.length; i++) {
            bf16Values[i] = Float.intBitsToFloat((bf16[i] & 0xffff) << 16);
        }
        double[] f64 = {0.1, -1e300, 1e-320, Math.PI, -0.0, Double.NaN, 1, 2};
        float[] f64Values = new float[f64.length];
        for (int i = 0; i < f64.length; i++) {
            f64Values[i] = (float) f64[i];
        }
        long[] shape = {2, 2, 2};
        Path file = write("types", new TestSafetensors()
                .add("a.codebooks", "F16", shape, shorts(half))
                .add("b.codebooks", "BF16", shape, shorts(bf16))
                .add("c.codebooks", "F64", shape, TestNpy.float64(ByteOrder.LITTLE_ENDIAN, f64)));
        assertBitsEqual(halfValues, CodebookFiles.load(file, "a.codebooks").toArray());
        assertBitsEqual(bf16Values, CodebookFiles.load(file, "b.codebooks").toArray());
        assertBitsEqual(f64Values, CodebookFiles.load(file, "c.codebooks").toArray());
        assertEquals("BF16", CodebookFiles.describe(file, "b.codebooks").dtype());
        assertTrue(Float.isNaN(CodebookFiles.load(file, "c.codebooks").value(1, 0, 1)));
    }

    @Test
    void initedFromTensorMetadataOrAbsent() {
        assertFalse(CodebookFiles.load(write("meta-false", new TestSafetensors().metadata("{\"inited\":\"false\",\"format\":\"pt\"}")
                .f32("codebooks", SHAPE, 1, 2, 3, 4))).inited());
        assertTrue(CodebookFiles.load(write("meta-True", new TestSafetensors().metadata("{\"inited\":\"True\"}")
                .f32("codebooks", SHAPE, 1, 2, 3, 4))).inited());
        CodebookFileInfo absent = CodebookFiles.describe(write("absent", new TestSafetensors().f32("codebooks", SHAPE, 1, 2, 3, 4)), null);
        assertTrue(absent.inited(), "no flag: initialised");
        assertEquals("absent (counts as initialised)", absent.initedFrom());
        Path both = write("both", new TestSafetensors().metadata("{\"inited\":\"true\"}")
                .f32("codebooks", SHAPE, 1, 2, 3, 4).add("inited", "I32", new long[] {1}, new byte[4]));
        assertFalse(CodebookFiles.load(both).inited(), "the tensor wins over the metadata");
        Path nullMeta = write("nullmeta", new TestSafetensors().metadata("null").f32("codebooks", SHAPE, 1, 2, 3, 4));
        assertTrue(CodebookFiles.load(nullMeta).inited());
    }

    @Test
    void keysThatCannotBeCodebooks() {
        Path file = write("keys", new TestSafetensors()
                .f32("codebooks", SHAPE, 1, 2, 3, 4)
                .add("steps", "I64", new long[] {2}, new byte[16])
                .f32("bias", new long[] {2}, 1, 2));
        assertFileProblem(file, "no tensor 'nope' in the file; candidates: codebooks", () -> CodebookFiles.load(file, "nope"));
        assertFileProblem(file, "tensor 'steps' (I64 [2]) cannot be codebooks: they must be F32, F16, BF16, F64",
                () -> CodebookFiles.load(file, "steps"));
        assertFileProblem(file, "tensor 'bias' (F32 [2]) cannot be codebooks: they must be [heads, codes, dim] or [codes, dim]",
                () -> CodebookFiles.load(file, "bias"));
        Path npy = TestNpy.write(dir.resolve("a.npy"), TestNpy.npy(TestNpy.dict("<f4", false, "(1, 2)"), new byte[8]));
        assertFileProblem(npy, "an .npy file holds one unnamed array", () -> CodebookFiles.load(npy, "codebooks"));
        assertEquals(List.of(), CodebookFiles.candidates(npy));
    }

    private static byte[] shorts(short... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : values) {
            b.putShort(v);
        }
        return b.array();
    }
}
