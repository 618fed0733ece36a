package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.TestNpy.assertBitsEqual;
import static vqlens.core.testing.TestNpy.assertFileProblem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vqlens.core.QuantizerConfig;
import vqlens.core.testing.FaissFixtures;

/**
 * FAISS files made by the real {@code faiss.write_index} / {@code write_ProductQuantizer} ({@link FaissFixtures}, one
 * Python process) open through {@link CodebookFiles}: the centroids are exactly {@code faiss.vector_to_array(pq.centroids)}
 * as {@code [M, ksub, dsub]}; what else the index holds is in the notes; indexes without a product quantizer are named
 * and refused, and hostile files refused in one line.
 */
class FaissIndexTest {
    @RegisterExtension
    static final FaissFixtures FAISS = new FaissFixtures();

    private static CodebookFileInfo open(String name) {
        return CodebookFiles.describe(FAISS.file(name), null);
    }

    private static String notes(CodebookFileInfo info) {
        return String.join(" | ", info.notes());
    }

    @ParameterizedTest
    @CsvSource({
        "pq.index,pq.centroids,256,IndexPQ,IndexPQ",
        "ivfpq.index,pq.centroids,256,IndexIVFPQ,IndexIVFPQ",
        "ivfpq_sparse.index,pq.centroids,256,IndexIVFPQ,IndexIVFPQ",
        "ivfpq_ip.index,pq.centroids,256,IndexIVFPQ,IndexIVFPQ",
        "ivfpq_empty.index,pq.centroids,256,IndexIVFPQ,IndexIVFPQ",
        "opq.index,index.pq.centroids,16,IndexPreTransform,IndexPQ",
        "opq_ivf.index,index.pq.centroids,16,IndexPreTransform,IndexIVFPQ",
        "pca.index,index.pq.centroids,16,IndexPreTransform,IndexPQ",
        "idmap.index,index.pq.centroids,16,IndexIDMap,IndexPQ",
        "fastscan.index,pq.centroids,16,IndexPQFastScan,IndexPQFastScan",
        "ivf_fastscan.index,pq.centroids,16,IndexIVFPQFastScan,IndexIVFPQFastScan",
        "ivfpqr.index,pq.centroids,256,IndexIVFPQR,IndexIVFPQR"})
    void theCentroidsAreWhatFaissHolds(String name, String key, int ksub, String type, String holder) throws IOException {
        CodebookFileInfo info = open(name);
        assertEquals(key, info.key());
        assertEquals(List.of(key), info.candidates(), "the product quantizer is the one candidate");
        int dsub = name.startsWith("pca") ? 2 : 4;
        assertEquals(QuantizerConfig.ofCodebookShape(4, ksub, dsub), info.codebooks().config());
        assertBitsEqual(FAISS.expected(name), info.codebooks().toArray());
        assertEquals(SourceFormat.FAISS_INDEX, info.source());
        assertEquals(CodebookFormat.NPZ, info.format(), "saved as VQ Lens's own, never as a whole index");
        assertEquals("F32", info.dtype());
        assertTrue(info.inited());
        assertEquals("is_trained of the " + holder, info.initedFrom());
        assertTrue(notes(info).startsWith("a FAISS " + type), notes(info));
        CodebookSource source = info.document().source().orElseThrow();
        assertEquals(key, source.key());
        assertEquals("little", source.byteOrder());
    }

    @Test
    void anIvfpqSaysItsCoarseQuantizerListsAndResiduals() throws IOException {
        CodebookFileInfo info = open("ivfpq.index");
        String notes = notes(info);
        assertTrue(notes.contains("product quantizer M 4 × ksub 256 × dsub 4 (8 bits per code, d 16)"), notes);
        assertTrue(notes.contains("8 inverted lists over the coarse quantizer IndexFlatL2: 8 vectors of dim 16 (quantizer.xb), L2"), notes);
        assertTrue(notes.contains("300 vectors encoded as residuals, L2"), notes);
        assertTrue(notes.contains("encodes residuals (each vector minus its nearest coarse centroid, quantizer.xb): encoding raw data"
                + " with the product quantizer alone is not meaningful"), notes);
        assertEquals(List.of("quantizer.xb", "pq.centroids"), info.keys());
        // the coarse centroids are a tensor of their own, read by key as one head of 8 codes
        CodebookFileInfo coarse = CodebookFiles.describe(FAISS.file("ivfpq.index"), "quantizer.xb");
        assertEquals(QuantizerConfig.ofCodebookShape(1, 8, 16), coarse.codebooks().config());
        assertBitsEqual(FAISS.expected("ivfpq.index.xb"), coarse.codebooks().toArray());
        assertTrue(coarse.keyWarning().isPresent(), "coarse centroids are no codebook candidate");
    }

    @Test
    void innerProductWithoutResidualsHasNoResidualNote() {
        String notes = notes(open("ivfpq_ip.index"));
        assertTrue(notes.contains("IndexFlatIP"), notes);
        assertTrue(notes.contains("inner product"), notes);
        assertFalse(notes.contains("residuals"), notes);
    }

    @Test
    void anOpqIndexSaysToRotateFirstAndHoldsTheMatrix() throws IOException {
        CodebookFileInfo info = open("opq.index");
        String notes = notes(info);
        assertTrue(notes.contains("transforms every vector before its product quantizer (an OPQ rotation or linear map 16×16"
                + " (chain.0.A)): encoding raw data with the centroids alone is not meaningful; apply the transform first"), notes);
        assertEquals(List.of("chain.0.A", "index.pq.centroids"), info.keys());
        CodebookFileInfo matrix = CodebookFiles.describe(FAISS.file("opq.index"), "chain.0.A");
        assertEquals(List.of(16L, 16L), matrix.shape());
        assertBitsEqual(FAISS.expected("opq.index.A"), matrix.codebooks().toArray());
        String ivf = notes(open("opq_ivf.index"));
        assertTrue(ivf.contains("apply the transform first") && ivf.contains("encodes residuals"), ivf);
        String pca = notes(open("pca.index"));
        assertTrue(pca.contains("a PCA 8×16 (chain.0.A)"), pca);
    }

    @Test
    void anIvfpqrsRefinementQuantizerIsReadByKey() throws IOException {
        CodebookFileInfo info = CodebookFiles.describe(FAISS.file("ivfpqr.index"), "refine_pq.centroids");
        assertBitsEqual(FAISS.expected("ivfpqr.refine"), info.codebooks().toArray());
        assertTrue(info.keyWarning().isPresent());
    }

    @Test
    void anUntrainedIndexIsNotInited() {
        CodebookFileInfo info = open("untrained.index");
        assertFalse(info.inited());
        assertEquals("is_trained of the IndexPQ", info.initedFrom());
    }

    @Test
    void aBareProductQuantizerOpens() throws IOException {
        CodebookFileInfo info = open("pq.pq");
        assertEquals(SourceFormat.FAISS_PQ, info.source());
        assertEquals("pq.centroids", info.key());
        assertBitsEqual(FAISS.expected("pq.pq"), info.codebooks().toArray());
        assertTrue(info.inited(), "no flag: counts as initialised");
        assertEquals(FAISS.expected("pq.index").length, info.codebooks().toArray().length);
        assertEquals(List.of("pq.centroids"), CodebookFiles.candidates(FAISS.file("pq.pq")));
    }

    @Test
    void anIndexUnderAnotherNameIsRecognisedByItsFourcc() throws IOException {
        for (String name : List.of("copy.faiss", "copy.bin")) {
            Path copy = Files.copy(FAISS.file("pq.index"), FAISS.dir().resolve(name));
            assertBitsEqual(FAISS.expected("pq.index"), CodebookFiles.load(copy).toArray());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hnsw.index|is a FAISS IndexHNSWFlat, which holds no product quantizer; VQ Lens reads the centroids of IndexPQ",
        "flat.index|is a FAISS IndexFlatL2, which holds no product quantizer (it stores the vectors themselves)",
        "sq.index|is a FAISS IndexScalarQuantizer, which holds no product quantizer",
        "ivfflat.index|is a FAISS IndexIVFFlat, which holds no product quantizer",
        "hnswpq.index|is a FAISS IndexHNSWPQ, whose product quantizer VQ Lens does not read",
        "truncated.index|corrupt or truncated FAISS file: the product quantizer's centroids at byte 61 declares 4096 elements",
        "lying_count.index|the product quantizer's centroids at byte 61 declares 1152921504606846976 elements of 4 bytes",
        "lying_codes.index|IndexPQ's codes at byte 16453 declares 4611686018427387904 elements of 1 bytes",
        "unknown.index|is not a FAISS index: it starts with 'Zzzz', not the fourcc of an index faiss.write_index writes",
        "nbits40.index|has 40 bits per code; VQ Lens reads 1 to 24",
        "bad_m.index|has d 16 and M 5 (d must be a positive multiple of M)",
        "huge_d.pq|the product quantizer's d at byte 0 is 1099511627776",
        "ivf_truncated.index|the inverted lists declare more codes than the",
        "lying_lists.index|the inverted lists declare more codes than the",
        "zip.pq|is a ZIP archive without <folder>/data.pkl",
        "empty.index|empty file"})
    void foreignAndHostileFilesAreRefusedInOneLine(String name, String problem) {
        Path file = FAISS.file(name);
        assertFileProblem(file, problem, () -> CodebookFiles.load(file));
        assertFileProblem(file, problem, () -> CodebookFiles.candidates(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pq.index", "ivfpq.index", "opq_ivf.index"})
    void everyTruncationIsRefusedInOneLine(String name) throws IOException {
        byte[] whole = Files.readAllBytes(FAISS.file(name));
        Path cut = FAISS.dir().resolve("cut-" + name);
        for (int length = 1; length < whole.length; length += Math.max(1, whole.length / 97)) {
            Files.write(cut, java.util.Arrays.copyOf(whole, length));
            CodebookFileException e = assertFileProblem(cut, "", () -> CodebookFiles.load(cut));
            assertTrue(e.getMessage().contains("FAISS"), e.getMessage());
        }
    }
}
