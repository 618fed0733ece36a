package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.Codebooks;
import vqlens.core.io.CodebookFiles;
import vqlens.core.testing.TestPython;
import vqlens.core.testing.TorchFixtures;

/**
 * {@code vqlens patch MODEL --codebook EDITED --out OUT}: the worked example of {@code formats.md} with the real tools
 * (inspect, convert to .npy, an edit with numpy, patch, {@code torch.load}), the JSON summary, OUT = MODEL, and every
 * refusal as one line with its exit code.
 */
class PatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TorchFixtures TORCH = new TorchFixtures();

    @TempDir
    Path dir;

    private Path editedNpy(String fixture, float base) {
        Codebooks cb = CodebookFiles.load(TORCH.file(fixture));
        float[] v = cb.toArray();
        for (int d = 0; d < cb.config().headDim(); d++) {
            v[cb.config().headDim() + d] = base + d;
        }
        Path file = dir.resolve(fixture + ".edited.npy");
        CodebookFiles.save(file, Codebooks.of(cb.config(), v, true));
        return file;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void theWorkedExampleEditsAVectorQuantizePytorchModelThatTorchLoads() throws Exception {
        Path model = TORCH.file("vqpt_new.pt");
        Cli.Result inspect = Cli.run("inspect", model);
        assertEquals(0, inspect.exitCode(), inspect::toString);
        assertTrue(inspect.out().contains("vq._codebook.embed"), inspect.out());
        assertTrue(inspect.out().matches("(?s).*\\nwrite-back +'vqlens patch' can write an edited codebook into a copy of this file\\n.*"),
                inspect.out());
        Path npy = dir.resolve("codebook.npy");
        Cli.Result convert = Cli.run("convert", model, npy);
        assertEquals(0, convert.exitCode(), convert::toString);
        TestPython.run("import sys, numpy as np\nc = np.load(sys.argv[1]); c[0, 3] = 1.5; c[2, 7] *= -1; np.save(sys.argv[1], c)", npy.toString());
        Path out = dir.resolve("patched.pt");
        Cli.Result patch = Cli.run("patch", model, "--codebook", npy, "--out", out);
        assertEquals(0, patch.exitCode(), patch::toString);
        assertTrue(patch.out().contains("8 values in 2 codes changed"), patch.out());
        assertTrue(patch.out().contains("set 'vq._codebook.initted' to true"), patch.out());
        assertTrue(patch.out().contains("rewrote 'vq._codebook.embed_avg' for the 2 edited codes"), patch.out());
        assertEquals("", patch.err());
        String check = """
                import sys, torch
                a = torch.load(sys.argv[1], weights_only=True); b = torch.load(sys.argv[2], weights_only=True)
                e, cs = b['vq._codebook.embed'], b['vq._codebook.cluster_size']
                assert torch.equal(e[0, 3], torch.full((4,), 1.5)) and torch.equal(e[2, 7], -a['vq._codebook.embed'][2, 7])
                mask = torch.zeros(3, 16, dtype=torch.bool); mask[0, 3] = mask[2, 7] = True
                assert torch.equal(e[~mask], a['vq._codebook.embed'][~mask])
                avg = b['vq._codebook.embed_avg']
                assert torch.equal(avg[mask], e[mask] * cs[mask].unsqueeze(-1)) and torch.equal(avg[~mask], a['vq._codebook.embed_avg'][~mask])
                assert bool(b['vq._codebook.initted']) and torch.equal(cs, a['vq._codebook.cluster_size'])
                print('ok')
                """;
        assertEquals("ok", TestPython.run(check, model.toString(), out.toString()));
    }

    @Test
    void jsonSummarySaysWhatChangedAndOutMayBeModel() throws IOException {
        Path model = dir.resolve("model.pt");
        Files.copy(TORCH.file("reference.pt"), model);
        Path edited = editedNpy("reference.pt", 0.5f);
        Cli.Result r = Cli.run("patch", model, "--codebook", edited, "--out", model, "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode json = JSON.readTree(r.out());
        assertEquals("torch", json.get("format").asText());
        assertEquals("codebooks", json.get("key").asText());
        assertEquals("F32", json.get("dtype").asText());
        assertEquals(8, json.get("changed_values").asInt());
        assertEquals(1, json.get("changed_codes").asInt());
        assertEquals(0, json.get("rounded_values").asInt());
        assertEquals(1, json.get("notes").size(), json::toString);
        assertTrue(json.get("notes").get(0).asText().startsWith("set 'inited' to true"), json::toString);
        JsonNode writeBack = JSON.readTree(Cli.run("inspect", model, "--json").out()).get("write_back");
        assertTrue(writeBack.get("possible").asBoolean(), writeBack::toString);
        assertTrue(writeBack.get("refusal").isNull(), writeBack::toString);
        assertTrue(JSON.readTree(Cli.run("inspect", edited, "--json").out()).get("write_back").isNull(), "an .npy is saved whole");
        assertArrayEquals(CodebookFiles.load(edited).toArray(), CodebookFiles.load(model).toArray(), 0f);
        assertEquals(List.of(edited, model).stream().sorted().toList(), files(), "replaced in place, no temp file left");
    }

    @Test
    void roundingIsSaidInTheTextSummary() {
        Path edited = editedNpy("f16.pt", 0.1f);
        Cli.Result r = Cli.run("patch", TORCH.file("f16.pt"), "--codebook", edited, "--out", dir.resolve("out.pt"));
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("rounded: 4 of them to the nearest F16"), r.out());
    }

    @Test
    void refusalsAreOneLineWithTheirExitCodesAndWriteNothing() throws IOException {
        Path out = dir.resolve("out.pt");
        Path wrongShape = editedNpy("model.pt", 1f);
        Cli.Result shape = Cli.run("patch", TORCH.file("reference.pt"), "--codebook", wrongShape, "--out", out);
        assertEquals(CliErrors.BAD_INPUT, shape.exitCode(), shape::toString);
        assertEquals(1, shape.errLines().size(), shape::toString);
        assertTrue(shape.err().startsWith("vqlens: " + TORCH.file("reference.pt") + ": the edited codebook is [2, 8, 4]"), shape::toString);

        Cli.Result evil = Cli.run("patch", TORCH.file("evil.pt"), "--codebook", wrongShape, "--out", out);
        assertEquals(CliErrors.BAD_INPUT, evil.exitCode(), evil::toString);
        assertEquals(1, evil.errLines().size(), evil::toString);

        Cli.Result name = Cli.run("patch", TORCH.file("model.pt"), "--codebook", wrongShape, "--out", dir.resolve("out.npz"));
        assertEquals(CliErrors.BAD_INPUT, name.exitCode(), name::toString);
        assertTrue(name.err().contains("must keep its kind of name"), name::toString);

        Cli.Result ambiguous = Cli.run("patch", TORCH.file("residual.pt"), "--codebook", wrongShape, "--out", out);
        assertEquals(CliErrors.USAGE, ambiguous.exitCode(), ambiguous::toString);
        assertTrue(ambiguous.err().contains("choose one with --key"), ambiguous::toString);

        Cli.Result missing = Cli.run("patch", TORCH.file("model.pt"), "--codebook", wrongShape);
        assertEquals(CliErrors.USAGE, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("--out"), missing::toString);

        assertFalse(Files.exists(out));
        assertEquals(List.of(wrongShape), files(), "nothing written, no temp file left");
    }
}
