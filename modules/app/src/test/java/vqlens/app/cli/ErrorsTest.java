package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.GoldenFiles.golden;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookFiles;
import vqlens.core.testing.TestNpy;
import vqlens.core.testing.TestSafetensors;

/** The error contract scripts rely on: exit 1 bad input, 2 usage, 3 internal; at most 3 short stderr lines. */
class ErrorsTest {
    @TempDir
    Path dir;

    @Test
    void typoInAnOptionIsAUsageErrorWithoutAUsageDump() {
        Cli.Result r = Cli.run("encode", "--codebok", "cb.npz", "--input", "z.npy", "--indices", "i.npy");
        assertEquals(2, r.exitCode(), r::toString);
        assertShortError(r);
        assertTrue(r.err().contains("--codebok"), r::toString);
        assertTrue(r.err().contains("Run 'vqlens encode --help' for usage."), r::toString);
    }

    @Test
    void unknownSubcommandIsNamedWithTheClosestOne() {
        Cli.Result r = Cli.run("encod", "--input", "z.npy");
        assertEquals(2, r.exitCode(), r::toString);
        assertShortError(r);
        assertEquals(List.of("vqlens: unknown subcommand 'encod'", "Did you mean: encode?", "Run 'vqlens --help' for usage."),
                r.errLines());
    }

    @Test
    void unknownSubcommandAndMissingOptionsAreUsageErrors() {
        for (Cli.Result r : List.of(Cli.run("encod"), Cli.run("decode", "--indices", "i.npy"),
                Cli.run("encode", "--codebook", "a", "--input", "b", "--indices", "c", "--chunk", "0"),
                Cli.run("encode", "--codebook", "a", "--input", "b", "--indices", "c", "--chunk", "many"),
                Cli.run("bench", "--heads", "5", "--dim", "8"),
                Cli.run())) {
            assertEquals(2, r.exitCode(), r::toString);
            assertShortError(r);
        }
    }

    @Test
    void twoOutputsNamingOneFileAreRefused() {
        Cli.Result r = Cli.run("encode", "--codebook", golden("case2_codebooks.npy"), "--input", golden("case2_z.npy"),
                "--indices", dir.resolve("x.npy"), "--quantized", dir.resolve("x.npy"));
        assertEquals(2, r.exitCode(), r::toString);
        assertShortError(r);
    }

    @Test
    void missingFilesAreBadInput() {
        Path missing = dir.resolve("nope.npy");
        for (Cli.Result r : List.of(
                Cli.run("encode", "--codebook", golden("case2_codebooks.npy"), "--input", missing, "--indices", dir.resolve("i.npy")),
                Cli.run("decode", "--codebook", dir.resolve("nope.npz"), "--indices", golden("case2_indices.npy"), "--output", dir.resolve("o.npy")),
                Cli.run("inspect", missing))) {
            assertEquals(1, r.exitCode(), r::toString);
            assertOneLine(r);
            assertTrue(r.err().contains("nope."), r::toString);
        }
    }

    @Test
    void wrongWidthNamesBothWidths() {
        Cli.Result r = encodeIsBadInput("codebook_export.npz", "case2_z.npy");
        assertTrue(r.err().contains(" 8 ") && r.err().contains("384"), r::toString);
    }

    @Test
    void integerInputIsRefused() {
        encodeIsBadInput("case2_codebooks.npy", "case2_indices.npy");
    }

    /** Encodes golden files that do not go together: exit 1 with one line. */
    private Cli.Result encodeIsBadInput(String goldenCodebook, String goldenInput) {
        Cli.Result r = Cli.run("encode", "--codebook", golden(goldenCodebook), "--input", golden(goldenInput),
                "--indices", dir.resolve("i.npy"));
        assertEquals(1, r.exitCode(), r::toString);
        assertOneLine(r);
        return r;
    }

    @Test
    void nanRowIsRefusedByNumberAndOldOutputsSurvive() throws IOException {
        float[] z = TestNpy.read(golden("case1_z.npy")).floats();
        z[300 * 384 + 7] = Float.NaN;
        Path input = dir.resolve("z_nan.npy");
        TestNpy.writeFloats(input, new long[] {512, 384}, z);
        Path indices = dir.resolve("idx.npy");
        Path quantized = dir.resolve("zq.npy");
        TestNpy.writeLongs(indices, new long[] {1, 1}, new long[] {42});
        byte[] before = Files.readAllBytes(indices);

        Cli.Result r = Cli.run("encode", "--codebook", golden("codebook_export.npz"), "--input", input,
                "--indices", indices, "--quantized", quantized, "--chunk", 128);
        assertEquals(1, r.exitCode(), r::toString);
        assertOneLine(r);
        assertTrue(r.err().matches("(?s).*\\brow 300\\b.*"), r::toString);
        assertTrue(r.err().contains("z_nan.npy"), r::toString);
        assertArrayEquals(before, Files.readAllBytes(indices), "a failed encode keeps the old output");
        assertFalse(Files.exists(quantized), "a failed encode creates no output");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(indices, input).stream().sorted().toList(), files.sorted().toList(), "no temporary file is left");
        }
    }

    @Test
    void outOfRangeIndexNamesRowAndHead() throws IOException {
        long[] indices = TestNpy.read(golden("case2_indices.npy")).longs();
        indices[5 * 2 + 1] = 5; // K = 5 codes: valid indices are 0..4
        Path file = dir.resolve("bad_idx.npy");
        TestNpy.writeLongs(file, new long[] {7, 2}, indices);
        Cli.Result r = Cli.run("decode", "--codebook", golden("case2_codebooks.npy"), "--indices", file,
                "--output", dir.resolve("out.npy"), "--chunk", 4);
        assertEquals(1, r.exitCode(), r::toString);
        assertOneLine(r);
        assertTrue(r.err().matches("(?s).*\\brow 5\\b.*") && r.err().matches("(?s).*\\bhead 1\\b.*"), r::toString);
        assertFalse(Files.exists(dir.resolve("out.npy")));
    }

    @Test
    void uninitialisedCodebookIsRefused() {
        QuantizerConfig config = new QuantizerConfig(2, 8, 5);
        Path codebook = dir.resolve("uninit.npz");
        CodebookFiles.save(codebook, Codebooks.of(config, new float[config.codebookValues()], false));
        Cli.Result r = Cli.run("encode", "--codebook", codebook, "--input", golden("case2_z.npy"), "--indices", dir.resolve("i.npy"));
        assertEquals(1, r.exitCode(), r::toString);
        assertOneLine(r);
        assertTrue(r.err().contains("inited=false"), r::toString);
        assertFalse(Files.exists(dir.resolve("i.npy")));
    }

    @Test
    void codebookWithNanIsInspectedButNotUsedForEncoding() throws IOException {
        float[] values = TestNpy.read(golden("case2_codebooks.npy")).floats();
        values[(1 * 5 + 3) * 4 + 2] = Float.NaN; // head 1, code 3, dim 2
        Path codebook = dir.resolve("nan_codebook.npz");
        CodebookFiles.save(codebook, Codebooks.of(new QuantizerConfig(2, 8, 5), values, true));

        Cli.Result inspect = Cli.run("inspect", codebook);
        assertEquals(0, inspect.exitCode(), inspect::toString);
        assertTrue(inspect.out().contains("head 1, code 3, dim 2"), inspect::toString);

        Path indices = dir.resolve("idx.npy");
        TestNpy.writeLongs(indices, new long[] {1, 1}, new long[] {42});
        byte[] before = Files.readAllBytes(indices);
        Cli.Result r = Cli.run("encode", "--codebook", codebook, "--input", golden("case2_z.npy"), "--indices", indices,
                "--quantized", dir.resolve("zq.npy"));
        assertEquals(1, r.exitCode(), r::toString);
        assertOneLine(r);
        assertTrue(r.err().startsWith("vqlens: " + codebook + ": "), "names the codebook, not the input: " + r);
        assertTrue(r.err().contains("NaN") && r.err().contains("head 1, code 3"), r::toString);
        assertArrayEquals(before, Files.readAllBytes(indices), "a refused encode keeps the old output");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(indices, codebook).stream().sorted().toList(), files.sorted().toList());
        }
    }

    @Test
    void severalCandidateCodebooksWithoutKeyIsAUsageErrorNamingEveryOne() throws IOException {
        Path model = dir.resolve("model.safetensors");
        float[] values = TestNpy.read(golden("case2_codebooks.npy")).floats();
        new TestSafetensors()
                .f32("encoder.vq.codebooks", new long[] {2, 5, 4}, values)
                .f32("decoder.weight", new long[] {8, 8}, new float[64])
                .f32("decoder.vq.codebooks", new long[] {2, 5, 4}, values)
                .f32("codebooks", new long[] {5, 8}, new float[40])
                .write(model);
        for (Cli.Result r : List.of(
                Cli.run("inspect", model),
                Cli.run("inspect", model, "--json"),
                Cli.run("convert", model, dir.resolve("out.npz")),
                Cli.run("encode", "--codebook", model, "--input", golden("case2_z.npy"), "--indices", dir.resolve("i.npy")),
                Cli.run("decode", "--codebook", model, "--indices", golden("case2_indices.npy"), "--output", dir.resolve("o.npy")))) {
            assertEquals(2, r.exitCode(), r::toString);
            assertOneLine(r);
            assertEquals("vqlens: " + model + ": 3 candidate codebooks: encoder.vq.codebooks, decoder.vq.codebooks, codebooks;"
                    + " choose one with --key (e.g. --key encoder.vq.codebooks)", r.errLines().get(0));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(model), files.toList(), "nothing written");
        }
    }

    @Test
    void unexpectedExceptionIsOneLineWithExitCode3() {
        StringWriter err = new StringWriter();
        int code = CliErrors.report(new IllegalStateException("boom\nsecond line"), new PrintWriter(err, true));
        assertEquals(3, code);
        assertEquals(List.of("vqlens: internal error: java.lang.IllegalStateException: boom second line (details in the log)"),
                err.toString().lines().toList());
    }

    private static void assertShortError(Cli.Result r) {
        List<String> lines = r.errLines();
        assertTrue(lines.size() >= 1 && lines.size() <= 3, r::toString);
        assertTrue(lines.get(0).startsWith("vqlens: "), r::toString);
        assertFalse(r.err().contains("Usage:"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
        assertEquals("", r.out(), "errors go to stderr only");
    }

    private static void assertOneLine(Cli.Result r) {
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("vqlens: "), r::toString);
        assertEquals("", r.out(), r::toString);
    }
}
