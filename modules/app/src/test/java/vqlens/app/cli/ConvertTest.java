package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.GoldenFiles.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.CodebookFiles;
import vqlens.core.testing.TestNpy;

/** {@code vqlens convert IN OUT [--key K]}: every format pair, what each keeps, and what is refused. */
class ConvertTest {
    private static final List<String> FORMATS = List.of("npz", "safetensors", "npy", "csv");

    @TempDir
    Path dir;

    @Test
    void everyFormatPairIsBitExact() throws IOException {
        int[] expected = bits(TestNpy.read(golden("case1_codebooks.npy")).floats());
        for (String from : FORMATS) {
            Path source = dir.resolve("source." + from);
            assertConverts(golden("codebook_export.npz"), source);
            for (String to : FORMATS) {
                Path target = dir.resolve(from + "-to-" + to + "." + to);
                assertConverts(source, target);
                Codebooks back = CodebookFiles.load(target);
                assertEquals(new QuantizerConfig(4, 384, 256), back.config(), from + " -> " + to);
                assertTrue(back.inited(), from + " -> " + to);
                assertArrayEquals(expected, bits(back.toArray()), from + " -> " + to + " is bit for bit");
            }
        }
        // checked by independent readers too: the .npy with the tests' own reader, the .safetensors byte for byte
        TestNpy npy = TestNpy.read(dir.resolve("csv-to-npy.npy"));
        assertArrayEquals(new long[] {4, 256, 96}, npy.shape());
        assertArrayEquals(expected, bits(npy.floats()));
        assertArrayEquals(Files.readAllBytes(dir.resolve("npz-to-safetensors.safetensors")),
                Files.readAllBytes(dir.resolve("csv-to-safetensors.safetensors")));
        CodebookFileInfo safetensors = CodebookFiles.describe(dir.resolve("npy-to-safetensors.safetensors"), null);
        assertEquals(List.of("codebooks", "inited"), safetensors.keys(), "what PyTorch's state_dict holds");
        assertEquals("F32", safetensors.dtype());
        assertEquals("tensor 'inited'", safetensors.initedFrom());
    }

    @Test
    void usageAndMetaGoIntoNpzAndTheNoteNamesWhatAFormatDrops() throws IOException {
        Path in = dir.resolve("trained.npz");
        CodebookDocument document = trainedDocument(false);
        CodebookFiles.save(in, document);

        Path npz = dir.resolve("copy.npz");
        assertConverts(in, npz);
        assertEquals(document, CodebookFiles.loadDocument(npz), "usage, meta and inited=false all survive into .npz");

        Path safetensors = dir.resolve("copy.safetensors");
        Cli.Result r = Cli.run("convert", in, safetensors);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("vqlens: note: ") && r.err().contains("usage") && r.err().contains("meta")
                && !r.err().contains("inited"), r::toString);
        assertEquals(document.codebooks(), CodebookFiles.load(safetensors), "safetensors keeps values and inited=false");

        for (String format : List.of("npy", "csv")) {
            Path out = dir.resolve("copy." + format);
            Cli.Result note = Cli.run("convert", in, out);
            assertEquals(0, note.exitCode(), note::toString);
            assertEquals(1, note.errLines().size(), note::toString);
            assertTrue(note.err().contains("inited=false"), note::toString);
            Codebooks back = CodebookFiles.load(out);
            assertArrayEquals(bits(document.codebooks().toArray()), bits(back.toArray()), format);
        }
    }

    @Test
    void keyPicksTheCodebookOfAStateDictWithSeveral() throws IOException {
        Path model = InspectTest.twoCodebooks(dir.resolve("model.safetensors"));
        Path out = dir.resolve("out.npy");
        Cli.Result ambiguous = Cli.run("convert", model, out);
        assertEquals(2, ambiguous.exitCode(), ambiguous::toString);
        assertEquals(1, ambiguous.errLines().size(), ambiguous::toString);
        assertTrue(ambiguous.err().contains("quantizer.codebooks, vq.codebooks") && ambiguous.err().contains("--key"), ambiguous::toString);
        assertFalse(Files.exists(out));

        assertConverts(model, out, "--key", "quantizer.codebooks");
        TestNpy npy = TestNpy.read(out);
        assertArrayEquals(new long[] {2, 5, 4}, npy.shape());
        assertArrayEquals(bits(TestNpy.read(golden("case2_codebooks.npy")).floats()), bits(npy.floats()));

        Path vq = dir.resolve("vq.npz");
        assertConverts(model, vq, "--key", "vq.codebooks");
        Codebooks small = CodebookFiles.load(vq);
        assertEquals(new QuantizerConfig(1, 2, 3), small.config(), "a [K, D] tensor is one head");
        assertFalse(small.inited());
    }

    @Test
    void sameFileForInAndOutIsAUsageError() throws IOException {
        Path file = dir.resolve("cb.npz");
        Files.copy(golden("codebook_export.npz"), file);
        byte[] before = Files.readAllBytes(file);
        Path link = Files.createSymbolicLink(dir.resolve("link.npz"), file);
        for (Path out : List.of(file, dir.resolve("sub/../cb.npz"), link)) {
            Cli.Result r = Cli.run("convert", file, out);
            assertEquals(2, r.exitCode(), () -> out + ": " + r);
            assertTrue(r.errLines().size() <= 3 && r.err().startsWith("vqlens: ") && r.err().contains("same file"), r::toString);
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file, link), listing(dir));
    }

    @Test
    void unknownOutputFormatIsAUsageError() throws IOException {
        Cli.Result r = Cli.run("convert", golden("case2_codebooks.npy"), dir.resolve("out.pt"));
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("vqlens: ") && r.err().contains(".pt") && r.err().contains(".safetensors"), r::toString);
        assertEquals(List.of(), listing(dir));
        assertEquals(2, Cli.run("convert", golden("case2_codebooks.npy")).exitCode(), "OUT is required");
    }

    @Test
    void badInputExitsOneAndLeavesAnExistingOutputAsItWas() throws IOException {
        byte[] npz = Files.readAllBytes(golden("codebook_export.npz"));
        Path truncated = Files.write(dir.resolve("truncated.npz"), Arrays.copyOf(npz, npz.length / 2));
        Path empty = Files.write(dir.resolve("empty.safetensors"), new byte[0]);
        Path notAFile = Files.createDirectory(dir.resolve("folder.npy"));
        Path garbage = Files.write(dir.resolve("garbage.safetensors"), "{\"not\": \"safetensors\"}".getBytes());
        Path badCsv = Files.writeString(dir.resolve("bad.csv"), "head,code,v0\n0,0,1.5\n0,1,oops\n");
        Path outDir = Files.createDirectory(dir.resolve("out"));
        Path out = outDir.resolve("keep.npz");
        Files.copy(golden("codebook_export.npz"), out);
        for (Path in : List.of(truncated, empty, notAFile, garbage, badCsv, dir.resolve("missing.npz"))) {
            Cli.Result r = Cli.run("convert", in, out);
            assertEquals(1, r.exitCode(), () -> in + ": " + r);
            assertEquals(1, r.errLines().size(), r::toString);
            assertTrue(r.err().startsWith("vqlens: ") && r.err().contains(in.getFileName().toString()), r::toString);
            assertArrayEquals(npz, Files.readAllBytes(out), in + ": the old output is intact");
            assertEquals(List.of(out), listing(outDir), in + ": no temporary file is left");
        }
        Cli.Result keyOnNpy = Cli.run("convert", golden("case2_codebooks.npy"), out, "--key", "codebooks");
        assertEquals(1, keyOnNpy.exitCode(), keyOnNpy::toString);
        assertArrayEquals(npz, Files.readAllBytes(out));
    }

    @Test
    void convertReplacesAnExistingOutput() throws IOException {
        Path out = dir.resolve("cb.csv");
        Files.writeString(out, "old content\n");
        assertConverts(golden("case2_codebooks.npy"), out);
        assertTrue(Files.readString(out).startsWith("head,code,v0,v1,v2,v3\n"), Files.readString(out));
        assertArrayEquals(bits(TestNpy.read(golden("case2_codebooks.npy")).floats()), bits(CodebookFiles.load(out).toArray()));
        assertEquals(List.of(out), listing(dir));
    }

    /** 2 heads x 3 codes x 2 dims with usage counts and meta; {@code inited} as given. */
    static CodebookDocument trainedDocument(boolean inited) {
        QuantizerConfig config = new QuantizerConfig(2, 4, 3);
        float[] values = {0.5f, -1.25f, 3e-8f, 1, 0, -0f, 7, 1e-40f, 1e30f, -2.5f, 0.1f, Float.MIN_VALUE};
        return CodebookDocument.of(Codebooks.of(config, values, inited), new long[] {4, 0, 9, 1, 2, 3},
                "{\"app\":\"VQ Lens\",\"config\":{\"heads\":2},\"steps\":12}");
    }

    private static void assertConverts(Path in, Path out, String... extra) {
        Object[] args = Stream.concat(Stream.of("convert", in, out), Arrays.stream(extra)).toArray();
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.exitCode(), () -> in + " -> " + out + ": " + r);
        assertEquals("", r.out() + r.err(), "convert is quiet when nothing is lost");
    }

    static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
