package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.io.CodebookFiles;
import vqlens.core.testing.FaissFixtures;
import vqlens.core.testing.TestNpy;

/**
 * The commands on FAISS files made by the real faiss ({@link FaissFixtures}): {@code inspect} says what the index is and
 * what else it holds, {@code encode} with an IndexPQ's centroids gives FAISS's own codes, {@code convert} writes the
 * centroids as a codebook file, and an index without a product quantizer is refused in one line, exit 1.
 */
class FaissFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final FaissFixtures FAISS = new FaissFixtures();

    @TempDir
    Path dir;

    @Test
    void inspectNamesTheIndexItsTransformAndResiduals() throws IOException {
        Cli.Result r = Cli.run("inspect", FAISS.file("opq_ivf.index"), "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode json = JSON.readTree(r.out());
        assertEquals("faiss", json.get("format").asText());
        assertEquals("npz", json.get("saved_as").asText());
        assertEquals("index.pq.centroids", json.get("key").asText());
        String notes = json.get("notes").toString();
        assertTrue(notes.contains("a FAISS IndexPreTransform"), notes);
        assertTrue(notes.contains("apply the transform first"), notes);
        assertTrue(notes.contains("encodes residuals"), notes);
        Cli.Result text = Cli.run("inspect", FAISS.file("pq.pq"));
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().contains("FAISS product quantizer (faiss.write_ProductQuantizer)"), text.out());
    }

    @Test
    void encodeWithAnIndexPqGivesFaissCodes() {
        Path indices = dir.resolve("idx.npy");
        Cli.Result e = Cli.run("encode", "--codebook", FAISS.file("pq.index"), "--input", FAISS.file("pq.z.npy"), "--indices", indices);
        assertEquals(0, e.exitCode(), e::toString);
        assertArrayEquals(TestNpy.read(FAISS.file("pq.codes.npy")).longs(), TestNpy.read(indices).longs());
    }

    @Test
    void convertWritesTheCentroidsAndAnHnswIndexIsRefused() throws IOException {
        Path out = dir.resolve("centroids.npy");
        Cli.Result c = Cli.run("convert", FAISS.file("ivfpq.index"), out);
        assertEquals(0, c.exitCode(), c::toString);
        TestNpy.assertBitsEqual(FAISS.expected("ivfpq.index"), CodebookFiles.load(out).toArray());
        Cli.Result refused = Cli.run("inspect", FAISS.file("hnsw.index"));
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("is a FAISS IndexHNSWFlat, which holds no product quantizer"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
    }
}
