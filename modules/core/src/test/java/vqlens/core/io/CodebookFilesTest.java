package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.GoldenFiles.golden;
import static vqlens.core.testing.TestNpy.assertBitsEqual;
import static vqlens.core.testing.TestNpy.assertFileProblem;
import static vqlens.core.testing.TestNpy.dict;
import static vqlens.core.testing.TestNpy.npy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.testing.TestNpy;

class CodebookFilesTest {
    @TempDir
    Path dir;

    static Codebooks sample(int heads, int codes, int dim, long seed, boolean inited) {
        QuantizerConfig config = new QuantizerConfig(heads, heads * dim, codes);
        return Codebooks.of(config, TestNpy.randomFloats(seed, config.codebookValues()), inited);
    }

    @Test
    void goldenNpzEqualsGoldenNpyBitForBit() {
        Codebooks fromNpz = CodebookFiles.load(golden("codebook_export.npz"));
        Codebooks fromNpy = CodebookFiles.load(golden("case1_codebooks.npy"));
        assertEquals(new QuantizerConfig(4, 384, 256), fromNpz.config());
        assertTrue(fromNpz.inited());
        assertBitsEqual(fromNpy.toArray(), fromNpz.toArray());
        assertEquals(fromNpy, fromNpz);
    }

    @Test
    void goldenNpySavedAgainIsByteIdentical() throws IOException {
        Path golden = golden("case1_codebooks.npy");
        Path copy = dir.resolve("copy.npy");
        CodebookFiles.save(copy, CodebookFiles.load(golden));
        assertArrayEquals(Files.readAllBytes(golden), Files.readAllBytes(copy), "same header and data as numpy.save");
    }

    @Test
    void goldenCase2HasTheDocumentedShape() {
        Codebooks c = CodebookFiles.load(golden("case2_codebooks.npy"));
        assertEquals(new QuantizerConfig(2, 8, 5), c.config());
    }

    @Test
    void roundTripsBitExactThroughNpzAndNpy() {
        Codebooks original = sample(3, 17, 5, 11, false);
        Path npz = dir.resolve("a.npz");
        Path npy = dir.resolve("b.NPY");
        CodebookFiles.save(npz, original);
        Codebooks viaNpz = CodebookFiles.load(npz);
        assertEquals(original, viaNpz);
        assertFalse(viaNpz.inited());
        assertBitsEqual(original.toArray(), viaNpz.toArray());

        CodebookFiles.save(npy, viaNpz);
        Codebooks viaNpy = CodebookFiles.load(npy);
        assertTrue(viaNpy.inited(), ".npy has no flag: loads as inited");
        assertBitsEqual(original.toArray(), viaNpy.toArray());

        Path npz2 = dir.resolve("c.npz");
        CodebookFiles.save(npz2, viaNpy.withInited(false));
        assertArrayEquals(TestNpy.bytes(npz), TestNpy.bytes(npz2), "same codebooks give the same bytes");
    }

    @Test
    void saveReplacesAnExistingFile() {
        Path file = dir.resolve("c.npz");
        CodebookFiles.save(file, sample(1, 4, 2, 1, true));
        Codebooks second = sample(2, 3, 2, 2, true);
        CodebookFiles.save(file, second);
        assertEquals(second, CodebookFiles.load(file));
        assertEquals(1, dir.toFile().list().length, "no temp file left behind");
    }

    @Test
    void loadsTwoDimensionalArrayAsOneHead() {
        float[] values = TestNpy.randomFloats(3, 6 * 4);
        Path file = TestNpy.write(dir.resolve("kd.npy"), npy(dict("<f4", false, "(6, 4)"), TestNpy.float32(ByteOrder.LITTLE_ENDIAN, values)));
        Codebooks c = CodebookFiles.load(file);
        assertEquals(new QuantizerConfig(1, 4, 6), c.config());
        assertBitsEqual(values, c.toArray());
    }

    @Test
    void loadsBigEndianFloat64FortranOrder() {
        int h = 2;
        int k = 3;
        int d = 4;
        double[] c = new double[h * k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = i * 0.1 - 1.0 / 3;
        }
        double[] f = new double[c.length]; // element [a,b,e] at a + h*(b + k*e)
        for (int a = 0; a < h; a++) {
            for (int b = 0; b < k; b++) {
                for (int e = 0; e < d; e++) {
                    f[a + h * (b + k * e)] = c[(a * k + b) * d + e];
                }
            }
        }
        Path file = TestNpy.write(dir.resolve("f.npy"),
                npy(2, "{\"shape\": (2, 3, 4), \"fortran_order\": True, \"descr\": \">f8\",}", TestNpy.float64(ByteOrder.BIG_ENDIAN, f)));
        float[] expected = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            expected[i] = (float) c[i];
        }
        Codebooks loaded = CodebookFiles.load(file);
        assertEquals(new QuantizerConfig(2, 8, 3), loaded.config());
        assertBitsEqual(expected, loaded.toArray());
    }

    @Test
    void nanAndInfinityAreReturnedAsTheyAre() {
        float[] values = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 1, 2};
        Path file = TestNpy.write(dir.resolve("nan.npy"), npy(dict("<f4", false, "(1, 3, 2)"), TestNpy.float32(ByteOrder.LITTLE_ENDIAN, values)));
        assertBitsEqual(values, CodebookFiles.load(file).toArray());
    }

    @Test
    void npzInitedVariantsAndMissingFlag() {
        byte[] codebooks = npy(dict("<f4", false, "(1, 2, 2)"), TestNpy.float32(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4));
        TestZip noFlag = new TestZip();
        noFlag.stored("codebooks.npy", codebooks);
        assertTrue(CodebookFiles.load(TestNpy.write(dir.resolve("noflag.npz"), noFlag.build())).inited());

        TestZip intFlag = new TestZip();
        intFlag.deflated("codebooks.npy", codebooks);
        intFlag.stored("inited.npy", npy(dict("<i8", false, "(1,)"), new byte[8]));
        assertFalse(CodebookFiles.load(TestNpy.write(dir.resolve("intflag.npz"), intFlag.build())).inited());

        TestZip boolFlag = new TestZip();
        boolFlag.stored("inited.npy", npy(dict("|b1", false, "(1, 1)"), new byte[] {1}));
        boolFlag.deflated("codebooks.npy", codebooks);
        Codebooks c = CodebookFiles.load(TestNpy.write(dir.resolve("boolflag.npz"), boolFlag.build()));
        assertTrue(c.inited());
        assertBitsEqual(new float[] {1, 2, 3, 4}, c.toArray());
    }

    @Test
    void unknownExtensionListsTheSupportedOnes() {
        Path file = dir.resolve("codebooks.pt");
        assertFileProblem(file, "unsupported file type '.pt'; codebook files must be one of .npz, .safetensors, .npy, .csv",
                () -> CodebookFiles.save(file, sample(1, 2, 2, 1, true)));
        Path unknown = dir.resolve("codebooks.h5");
        assertFileProblem(unknown, "unsupported file type '.h5'; VQ Lens reads PyTorch checkpoints (" + CodebookFiles.MODEL_EXTENSIONS
                + "), FAISS files (" + CodebookFiles.FAISS_EXTENSIONS + ") and codebook files, which must be one of .npz, .safetensors, .npy, .csv", () -> CodebookFiles.load(unknown));
        assertFileProblem(file, CodebookFiles.SUPPORTED_EXTENSIONS, () -> CodebookFiles.save(file, sample(1, 2, 2, 1, true)));
        assertEquals(CodebookFormat.extensions(), CodebookFiles.SUPPORTED_EXTENSIONS, "the constant follows the formats");
        Path bare = dir.resolve("codebooks");
        assertFileProblem(bare, "no file extension", () -> CodebookFiles.load(bare));
    }

    @Test
    void aModelFileSaysWhatToWriteOrHowToGetOneThatOpens() {
        for (String name : List.of("model.pt", "model.PTH", "pytorch_model.bin", "last.ckpt")) {
            Path file = dir.resolve(name);
            assertFileProblem(file, "VQ Lens reads PyTorch checkpoints but does not write them: save as .safetensors",
                    () -> CodebookFiles.save(file, sample(1, 2, 2, 1, true)));
            assertFileProblem(file, "no such file", () -> CodebookFiles.load(file)); // read now, so no hint
        }
        for (String name : List.of("pq.index", "pq.faiss", "bare.pq")) {
            Path index = dir.resolve(name);
            assertFileProblem(index, "write an edit back into a copy of the FAISS file with 'vqlens patch', or save as .npy",
                    () -> CodebookFiles.save(index, sample(1, 2, 2, 1, true)));
            assertFileProblem(index, "no such file", () -> CodebookFiles.load(index)); // read now, so no hint
        }
        Path other = dir.resolve("codebooks.h5");
        CodebookFileException e = assertFileProblem(other, "unsupported file type '.h5'", () -> CodebookFiles.load(other));
        assertTrue(e.getMessage().endsWith(CodebookFiles.SUPPORTED_EXTENSIONS), "no hint for other types: " + e.getMessage());
    }

    @Test
    void ioProblemsAreOneLineFileExceptions() throws IOException {
        Path missing = dir.resolve("missing.npz");
        assertFileProblem(missing, "no such file", () -> CodebookFiles.load(missing));
        Path folder = Files.createDirectory(dir.resolve("folder.npy"));
        assertFileProblem(folder, "is a directory", () -> CodebookFiles.load(folder));
        assertFileProblem(folder, "is a directory", () -> CodebookFiles.save(folder, sample(1, 2, 2, 1, true)));
        Path nowhere = dir.resolve("no-such-dir").resolve("x.npz");
        assertFileProblem(nowhere, "does not exist", () -> CodebookFiles.save(nowhere, sample(1, 2, 2, 1, true)));
        assertFileProblem(missing, "no such file", () -> NpyRowReader.open(missing));
    }
}
