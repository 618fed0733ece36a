package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vqlens.core.io.CodebookFiles;
import vqlens.core.testing.TestNpy;
import vqlens.core.testing.TorchFixtures;

/**
 * The commands on PyTorch checkpoints made by the real {@code torch.save} ({@link TorchFixtures}, one Python process):
 * {@code inspect} lists every candidate with its shape and reason, {@code encode}, {@code decode} and {@code convert}
 * read them like any codebook file, and every hostile or foreign file is refused in one line with exit 1.
 */
class ModelFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TorchFixtures TORCH = new TorchFixtures();

    @TempDir
    Path dir;

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void inspectJsonGivesEachCandidatesShapeAndReason() throws IOException {
        Cli.Result r = Cli.run("inspect", TORCH.file("nested.pt"), "--json");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals("torch", json.get("format").asText());
        assertEquals("npz", json.get("saved_as").asText());
        assertEquals("model_state_dict/quantizer.codebooks", json.get("key").asText());
        assertEquals(List.of("model_state_dict/quantizer.codebooks", "ema/quantizer.codebooks"), strings(json.get("candidates")));
        JsonNode details = json.get("candidate_details");
        assertEquals(2, details.size());
        assertEquals("model_state_dict/quantizer.codebooks", details.get(0).get("key").asText());
        assertEquals(List.of("2", "8", "4"), strings(details.get(0).get("shape")));
        assertEquals("F32", details.get(0).get("dtype").asText());
        assertTrue(details.get(0).get("reason").asText().contains("reference module"), details::toString);
        assertTrue(details.get(0).get("automatic").asBoolean());
        assertFalse(details.get(1).get("automatic").asBoolean(), "the EMA copy only with --key");
    }

    @Test
    void inspectTextNamesTheCheckpointTheReasonAndTheEmaUsage() {
        Cli.Result r = Cli.run("inspect", TORCH.file("vqpt_old.pt"));
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("PyTorch checkpoint (torch.save, zip format)"), r.out());
        assertTrue(r.out().contains("vector-quantize-pytorch codebook"), r.out());
        assertTrue(r.out().contains("EMA average of assignments per step ('vq._codebook.cluster_size'; not counts)")
                || r.out().contains("EMA average of assignments per step (vq._codebook.cluster_size; not counts)"), r.out());
        assertTrue(r.out().contains("not meaningful"), "the project_in note: " + r.out());
    }

    @Test
    void keyTakesDotsForSlashesAndWarnsForATensorNoRuleNames() {
        Cli.Result dotted = Cli.run("inspect", TORCH.file("lightning.ckpt"), "--key", "state_dict.model.quantize.embedding.weight");
        assertEquals(0, dotted.exitCode(), dotted::toString);
        assertEquals("", dotted.err());
        Cli.Result token = Cli.run("inspect", TORCH.file("tokens_only.pt"), "--key", "embed.weight");
        assertEquals(0, token.exitCode(), token::toString);
        assertEquals(1, token.errLines().size(), token::toString);
        assertTrue(token.err().startsWith("vqlens: warning: ") && token.err().contains("'embed.weight' is not one of"), token::toString);
        Cli.Result levels = Cli.run("inspect", TORCH.file("residual.pt"));
        assertEquals(2, levels.exitCode(), "several candidates and no key: " + levels);
        assertTrue(levels.err().contains("rq.layers.0._codebook.embed") && levels.err().contains("rq.layers.1._codebook.embed"), levels::toString);
    }

    @Test
    void encodeDecodeAndConvertReadACheckpointAsItsCodebook() throws IOException {
        float[] expected = TORCH.expected("model.pt");
        Path plain = TestNpy.writeFloats(dir.resolve("plain.npy"), new long[] {2, 8, 4}, expected);
        Random random = new Random(7);
        float[] rows = new float[5 * 8];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian();
        }
        Path z = TestNpy.writeFloats(dir.resolve("z.npy"), new long[] {5, 8}, rows);
        for (Path codebook : List.of(TORCH.file("model.pt"), plain)) {
            Cli.Result e = Cli.run("encode", "--codebook", codebook, "--input", z, "--indices", dir.resolve(codebook.getFileName() + ".idx.npy"));
            assertEquals(0, e.exitCode(), e::toString);
            Cli.Result d = Cli.run("decode", "--codebook", codebook, "--indices", dir.resolve(codebook.getFileName() + ".idx.npy"),
                    "--output", dir.resolve(codebook.getFileName() + ".zq.npy"));
            assertEquals(0, d.exitCode(), d::toString);
        }
        assertArrayEquals(TestNpy.bytes(dir.resolve("plain.npy.idx.npy")), TestNpy.bytes(dir.resolve("model.pt.idx.npy")));
        assertArrayEquals(TestNpy.bytes(dir.resolve("plain.npy.zq.npy")), TestNpy.bytes(dir.resolve("model.pt.zq.npy")));

        Path out = dir.resolve("from-lightning.npz");
        Cli.Result c = Cli.run("convert", TORCH.file("lightning.ckpt"), out);
        assertEquals(0, c.exitCode(), c::toString);
        TestNpy.assertBitsEqual(TORCH.expected("lightning.ckpt"), CodebookFiles.load(out).toArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.pt", "truncated.pt", "short_storage.pt", "offset_past.pt", "raw.ckpt", "old_tar.pt"})
    void hostileAndForeignFilesAreOneLineExitOne(String name) {
        Cli.Result r = Cli.run("inspect", TORCH.file(name));
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("vqlens: ") && r.err().contains(name), r::toString);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r::toString);
    }
}
