package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.TestNpy.assertBitsEqual;
import static vqlens.core.testing.TestNpy.assertFileProblem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.CodebookLoading;
import vqlens.core.io.internal.Origin;
import vqlens.core.io.internal.faiss.FaissPatch;
import vqlens.core.testing.FaissFixtures;
import vqlens.core.testing.TestPython;

/**
 * {@link FaissPatch} writes a copy of a FAISS file with edited centroids that the real {@code faiss.read_index} (and
 * {@code read_ProductQuantizer}) opens, giving back exactly the edited centroids and otherwise the same index:
 * {@code faiss.serialize_index} of the original with the new centroids copied in is the patched file, byte for byte.
 */
class FaissPatchTest {
    @RegisterExtension
    static final FaissFixtures FAISS = new FaissFixtures();

    /** Every kind read: the product quantizer in each container, and the refinement PQ of an IVFPQR by key. */
    private static final List<String[]> CASES = List.of(
            new String[] {"pq.index", null}, new String[] {"ivfpq.index", null}, new String[] {"ivfpq_sparse.index", null},
            new String[] {"opq.index", null}, new String[] {"opq_ivf.index", null}, new String[] {"idmap.index", null},
            new String[] {"fastscan.index", null}, new String[] {"ivf_fastscan.index", null}, new String[] {"pq.pq", null},
            new String[] {"ivfpqr.index", "refine_pq.centroids"});

    private static final String CHECK = """
            import sys, numpy as np, faiss
            def pq_of(ix, key):
                ix = faiss.downcast_index(ix)
                while isinstance(ix, (faiss.IndexPreTransform, faiss.IndexIDMap, faiss.IndexIDMap2)):
                    ix = faiss.downcast_index(ix.index)
                return ix.refine_pq if key == 'refine_pq.centroids' else ix.pq
            args = sys.argv[1:]
            for i in range(0, len(args), 4):
                orig, patched, edited, key = args[i:i + 4]
                want = np.fromfile(edited, dtype='<f4')
                if orig.endswith('.pq'):
                    pq = faiss.read_ProductQuantizer(patched)  # kept alive: .centroids of a freed temporary reads freed memory
                    got = faiss.vector_to_array(pq.centroids)
                    assert np.array_equal(got.view('<u4'), want.view('<u4')), orig
                    continue
                a = faiss.read_index(orig); b = faiss.read_index(patched)
                got = faiss.vector_to_array(pq_of(b, key).centroids)
                assert np.array_equal(got.view('<u4'), want.view('<u4')), orig + ': centroids differ'
                assert a.ntotal == b.ntotal and a.d == b.d, orig
                faiss.copy_array_to_vector(want, pq_of(a, key).centroids)
                assert faiss.serialize_index(a).tobytes() == open(patched, 'rb').read(), orig + ': not the same index otherwise'
                print('ok', orig)
            """;

    private static float[] edited(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * 0.5f + (i % 7) * 0.125f;
        }
        return out;
    }

    private static List<String> patch(Path source, String key, float[] values, Path out) {
        Origin origin = Origin.of(source);
        return CodebookLoading.withFile(origin, region -> FaissPatch.write(origin, region, key, values, out));
    }

    @Test
    void faissReadsThePatchedCopiesBackWithTheEditedCentroidsAndNothingElseChanged() throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        for (String[] c : CASES) {
            Path source = FAISS.file(c[0]);
            CodebookFileInfo info = CodebookFiles.describe(source, c[1]);
            assertTrue(info.document().source().orElseThrow().patchable(), c[0]);
            float[] values = edited(info.codebooks().toArray());
            Path out = FAISS.dir().resolve("patched-" + c[0]);
            patch(source, c[1], values, out);
            Path want = FAISS.dir().resolve("patched-" + c[0] + ".f32");
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            Files.write(want, b.array());

            // our own reader gives the edit back, and every byte outside the centroids is the source's
            assertBitsEqual(values, CodebookFiles.describe(out, c[1]).codebooks().toArray());
            byte[] before = Files.readAllBytes(source);
            byte[] after = Files.readAllBytes(out);
            assertEquals(before.length, after.length, c[0]);
            long at = info.document().source().orElseThrow().storageOffset();
            assertEquals(0, at, "FAISS centroids are a whole storage");
            int differing = 0;
            for (int i = 0; i < before.length; i++) {
                differing += before[i] != after[i] ? 1 : 0;
            }
            assertTrue(differing > 0 && differing <= values.length * 4, c[0] + ": " + differing + " bytes differ");
            args.addAll(List.of(source.toString(), out.toString(), want.toString(), c[1] == null ? "-" : c[1]));
        }
        String output = TestPython.run(CHECK, args.toArray(String[]::new));
        assertEquals(CASES.size() - 1, output.lines().filter(l -> l.startsWith("ok ")).count(), output);
    }

    @Test
    void anIvfpqPatchSaysItsCodesWereMadeWithTheOldCentroids() {
        Path source = FAISS.file("ivfpq.index");
        float[] values = CodebookFiles.load(source).toArray();
        List<String> notes = patch(source, null, values, FAISS.dir().resolve("same-ivfpq.index"));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("the 300 vectors the index holds are stored as codes of these centroids: a copy with"
                + " edited centroids keeps those codes, made with the old ones"), notes.get(0));
        assertTrue(String.join(" ", CodebookFiles.describe(source, null).notes()).contains(notes.get(0)), "inspect says it too");
        assertTrue(patch(FAISS.file("pq.pq"), null, CodebookFiles.load(FAISS.file("pq.pq")).toArray(),
                FAISS.dir().resolve("same.pq")).isEmpty(), "a bare product quantizer has no codes");
    }

    @Test
    void codebookFilesPatchWritesFaissFilesThroughTheSameWriter() throws IOException {
        Path source = FAISS.file("ivfpq.index");
        vqlens.core.Codebooks books = CodebookFiles.load(source);
        float[] values = edited(books.toArray());
        Path out = FAISS.dir().resolve("via-patch-ivfpq.index");
        PatchSummary summary = CodebookFiles.patch(source, null, vqlens.core.Codebooks.of(books.config(), values, true), out);
        assertEquals(SourceFormat.FAISS_INDEX, summary.format());
        assertTrue(summary.changedValues() > 0 && summary.changedCodes() > 0, summary.toString());
        assertEquals(1, summary.warnings().size(), summary.warnings().toString());
        assertTrue(summary.warnings().get(0).contains("stored as codes of these centroids"), summary.warnings().get(0));
        assertBitsEqual(values, CodebookFiles.load(out).toArray());
        assertEquals(Files.size(source), Files.size(out));
        vqlens.core.Codebooks wrongShape = vqlens.core.Codebooks.of(new vqlens.core.QuantizerConfig(books.config().heads(),
                books.config().embeddingDim(), books.config().codes() / 2), new float[books.toArray().length / 2], true);
        assertFileProblem(source, "a patch keeps the shape", () -> CodebookFiles.patch(source, null, wrongShape,
                FAISS.dir().resolve("wrong.index")));
    }

    @Test
    void unchangedCentroidsGiveTheSameBytes() throws IOException {
        Path source = FAISS.file("opq_ivf.index");
        Path out = FAISS.dir().resolve("unchanged-opq_ivf.index");
        patch(source, null, CodebookFiles.load(source).toArray(), out);
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(out));
    }

    @Test
    void aWrongCountOrKeyIsRefusedAndWritesNothing() throws IOException {
        Path source = FAISS.file("pq.index");
        Path out = FAISS.dir().resolve("refused.index");
        float[] values = CodebookFiles.load(source).toArray();
        assertFileProblem(source, "the edited centroids have 4095 values, not the 4096 of 'pq.centroids' (F32 [4, 256, 4])",
                () -> patch(source, null, Arrays.copyOf(values, values.length - 1), out));
        Path ivf = FAISS.file("ivfpq.index");
        assertFileProblem(ivf, "no product quantizer 'quantizer.xb' to write centroids into; the file holds pq.centroids",
                () -> patch(ivf, "quantizer.xb", new float[128], out));
        assertFileProblem(FAISS.file("hnsw.index"), "holds no product quantizer",
                () -> patch(FAISS.file("hnsw.index"), null, values, out));
        assertFalse(Files.exists(out), "nothing written");
        try (var files = Files.list(FAISS.dir())) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp file left");
        }
    }

    @Test
    void theRegionIsReadNotTheFileName() {
        // the same bytes in memory, as the fuzz tests drive the readers
        Origin origin = Origin.of(FAISS.file("pq.index"));
        byte[] bytes = CodebookLoading.withFile(origin, region -> {
            ByteBuffer all = ByteRegion.read(origin, region, 0, (int) region.size(), "read");
            byte[] b = new byte[all.limit()];
            all.get(b);
            return b;
        });
        Path out = FAISS.dir().resolve("from-memory.index");
        float[] values = edited(CodebookFiles.load(FAISS.file("pq.index")).toArray());
        FaissPatch.write(origin, ByteRegion.ofArray(bytes), values, out);
        assertBitsEqual(values, CodebookFiles.load(out).toArray());
    }
}
