package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.TestNpy.assertBitsEqual;
import static vqlens.core.testing.TestNpy.assertFileProblem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vqlens.core.QuantizerConfig;
import vqlens.core.testing.TorchFixtures;

/**
 * {@code torch.save} checkpoints made by the real PyTorch ({@link TorchFixtures}, one Python process) open through
 * {@link CodebookFiles}: both folder layouts, PyTorch 2.x's records and byte orders, F16/BF16/F64, views, the legacy
 * format; nested dicts and the names real libraries use; every hostile file refused in one line.
 */
class TorchCheckpointTest {
    @RegisterExtension
    static final TorchFixtures TORCH = new TorchFixtures();

    private static CodebookFileInfo open(String name, String key) {
        return CodebookFiles.describe(TORCH.file(name), key);
    }

    private static void assertValues(String fixture, CodebookFileInfo info) throws IOException {
        assertBitsEqual(TORCH.expected(fixture), info.codebooks().toArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference.pt", "buffer.pt", "legacy.pt", "v2records.pt"})
    void theReferenceModulesStateDictOpensInEveryLayout(String name) throws IOException {
        CodebookFileInfo info = open(name, null);
        assertEquals("codebooks", info.key());
        assertEquals(QuantizerConfig.ofCodebookShape(4, 16, 8), info.codebooks().config());
        assertValues(name, info);
        assertFalse(info.inited(), "inited is false in the file");
        assertEquals("tensor 'inited'", info.initedFrom());
        assertEquals(List.of("codebooks", "inited"), info.keys());
        assertEquals(name.equals("legacy.pt") ? SourceFormat.TORCH_LEGACY : SourceFormat.TORCH, info.source());
        assertEquals(CodebookFormat.NPZ, info.format(), "a model file's codebooks are saved as VQ Lens's own");
        assertEquals("F32", info.dtype());
        CodebookSource source = info.document().source().orElseThrow();
        assertEquals("codebooks", source.key());
        assertEquals(List.of(128L, 8L, 1L), source.strides());
        assertEquals("little", source.byteOrder());
        assertTrue(source.patchable(), () -> "written back by CodebookFiles.patch: " + source.whyNotPatchable());
    }

    @ParameterizedTest
    @CsvSource({"f16.pt,F16", "bf16.pt,BF16", "f64.pt,F64"})
    void otherFloatTypesBecomeFloat32Exactly(String name, String dtype) throws IOException {
        CodebookFileInfo info = open(name, null);
        assertEquals(dtype, info.dtype());
        assertEquals("quantizer.codebooks", info.key());
        assertValues(name, info);
    }

    @Test
    void aNonContiguousViewIsReadThroughItsOffsetAndStrides() throws IOException {
        CodebookFileInfo info = open("view.pt", null);
        assertEquals(List.of(2L, 8L, 6L), info.shape());
        assertValues("view.pt", info);
        CodebookSource source = info.document().source().orElseThrow();
        assertEquals(List.of(60L, 1L, 10L), source.strides());
        assertEquals(1, source.storageOffset());
    }

    @Test
    void aBigEndianCheckpointIsReadInItsByteOrder() throws IOException {
        CodebookFileInfo info = open("bigendian.pt", null);
        assertValues("bigendian.pt", info);
        assertEquals("big", info.document().source().orElseThrow().byteOrder());
    }

    @Test
    void aHandPickledViewIsReadAsTorchReadsIt() throws IOException {
        assertValues("crafted_ok.pt", open("crafted_ok.pt", null));
        assertValues("crafted_sparse.pt", open("crafted_sparse.pt", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.pt", "pytorch_model.bin"})
    void aModelsPrefixedQuantizerIsFound(String name) throws IOException {
        CodebookFileInfo info = open(name, null);
        assertEquals("quantizer.codebooks", info.key());
        assertTrue(info.inited());
        assertEquals("tensor 'quantizer.inited'", info.initedFrom());
        assertValues(name, info);
        assertEquals(List.of("quantizer.codebooks"), info.candidates(), "encoder and decoder weights are no candidates");
    }

    @Test
    void aParameterSavedAsSuchIsReadAsItsTensor() throws IOException {
        assertValues("parameter.pt", open("parameter.pt", null));
    }

    @Test
    void aWholeModelSavedWithTorchSaveIsRefusedNamingItsClass() {
        Path file = TORCH.file("whole_model.pt");
        assertFileProblem(file, "refused: the pickle constructs a __main__.Model object (a whole model saved with torch.save(model)?);"
                + " VQ Lens constructs and runs nothing from a file: save model.state_dict() instead", () -> CodebookFiles.load(file));
    }

    @Test
    void aNestedStateDictIsPreferredOverItsEmaCopy() throws IOException {
        CodebookFileInfo info = open("nested.pt", null);
        assertEquals("model_state_dict/quantizer.codebooks", info.key());
        assertValues("nested.pt", info);
        assertEquals("tensor 'model_state_dict/quantizer.inited'", info.initedFrom());
        assertEquals(List.of("model_state_dict/quantizer.codebooks", "ema/quantizer.codebooks"), info.candidates());
        CodebookCandidate ema = info.candidateDetails().get(1);
        assertFalse(ema.automatic(), "an EMA copy is not chosen while the state_dict has one");
        assertTrue(ema.reason().contains("EMA copy"), ema.reason());
        assertBitsEqual(TORCH.expected("nested_ema"), open("nested.pt", "ema/quantizer.codebooks").codebooks().toArray());
        assertBitsEqual(TORCH.expected("nested_ema"), open("nested.pt", "ema.quantizer.codebooks").codebooks().toArray());
    }

    @Test
    void aLightningCheckpointOpensWithItsOptimizerStatesLeftAlone() throws IOException {
        CodebookFileInfo info = open("lightning.ckpt", null);
        String key = "state_dict/model.quantize.embedding.weight";
        assertEquals(key, info.key());
        assertEquals(QuantizerConfig.ofCodebookShape(1, 32, 6), info.codebooks().config());
        assertValues("lightning.ckpt", info);
        assertEquals(List.of(key), info.candidates(), "exp_avg and exp_avg_sq have the codebook's shape but are no candidates");
        assertTrue(info.keys().contains("optimizer_states/0/state/1/exp_avg"), info.keys().toString());
        assertTrue(info.keys().contains("callbacks/pytorch_lightning.callbacks.model_checkpoint.ModelCheckpoint/best_model_score"),
                info.keys().toString());
        assertTrue(info.notes().stream().anyMatch(n -> n.contains("pytorch_lightning.callbacks.model_checkpoint.ModelCheckpoint")
                && n.contains("nothing was imported")), info.notes().toString());
        assertEquals("nn.Embedding quantizer (embedding.weight [codes, dim], one head)", info.candidateDetails().get(0).reason());
        assertEquals(key, open("lightning.ckpt", "state_dict.model.quantize.embedding.weight").key(), "'.' for '/' when unambiguous");
        CodebookFileInfo optimizer = open("lightning.ckpt", "optimizer_states/0/state/1/exp_avg");
        assertTrue(optimizer.keyWarning().isPresent(), "an optimizer state is read only on request, with a warning");
    }

    @Test
    void vectorQuantizePytorchOlderLayoutGivesItsFlagAndEmaUsage() throws IOException {
        CodebookFileInfo info = open("vqpt_old.pt", null);
        assertEquals("vq._codebook.embed", info.key());
        assertValues("vqpt_old.pt", info);
        assertTrue(info.inited());
        assertEquals("tensor 'vq._codebook.initted'", info.initedFrom());
        EmaUsage ema = info.ema().orElseThrow();
        assertEquals("vq._codebook.cluster_size", ema.key());
        assertBitsEqual(TORCH.expected("vqpt_old_usage"), ema.values());
        assertTrue(info.document().usage().isEmpty(), "an EMA average is not the integer usage counts of an .npz");
        assertTrue(info.notes().stream().anyMatch(n -> n.contains("project_in") && n.contains("not meaningful")), info.notes().toString());
        assertEquals(List.of("vq._codebook.embed"), info.candidates(), "embed_avg is never a candidate");
    }

    @Test
    void vectorQuantizePytorchNewerLayoutHasOneHeadPerCodebookAndABoolFlag() throws IOException {
        CodebookFileInfo info = open("vqpt_new.pt", null);
        assertEquals(QuantizerConfig.ofCodebookShape(3, 16, 4), info.codebooks().config());
        assertValues("vqpt_new.pt", info);
        assertFalse(info.inited());
        assertEquals(3, info.ema().orElseThrow().heads());
    }

    @Test
    void eachResidualLevelIsACandidate() throws IOException {
        AmbiguousCodebookException e = assertThrows(AmbiguousCodebookException.class, () -> open("residual.pt", null));
        assertEquals(List.of("rq.layers.0._codebook.embed", "rq.layers.1._codebook.embed"), e.candidates());
        assertEquals(List.of("rq.layers.0._codebook.embed", "rq.layers.1._codebook.embed"), CodebookFiles.candidates(TORCH.file("residual.pt")));
        CodebookFileInfo level1 = open("residual.pt", "rq.layers.1._codebook.embed");
        assertValues("residual.pt", level1);
        assertEquals("tensor 'rq.layers.1._codebook.initted'", level1.initedFrom());
        assertTrue(level1.candidateDetails().get(1).reason().contains("ResidualVQ level 1"), level1.candidateDetails().toString());
        assertTrue(level1.keyWarning().isEmpty());
    }

    @Test
    void eachGroupAndLevelOfAGroupedResidualVqIsACandidate() throws IOException {
        List<String> keys = CodebookFiles.candidates(TORCH.file("grouped.pt"));
        assertEquals(List.of("grvq.rvqs.0.layers.0._codebook.embed", "grvq.rvqs.0.layers.1._codebook.embed",
                "grvq.rvqs.1.layers.0._codebook.embed", "grvq.rvqs.1.layers.1._codebook.embed"), keys);
        CodebookFileInfo info = open("grouped.pt", "grvq.rvqs.1.layers.0._codebook.embed");
        assertValues("grouped.pt", info);
        assertTrue(info.candidateDetails().get(2).reason().contains("GroupedResidualVQ group 1, level 0"),
                info.candidateDetails().toString());
        assertEquals("tensor 'grvq.rvqs.1.layers.0._codebook.initted'", info.initedFrom());
    }

    @Test
    void aTransformersTokenEmbeddingIsNoCodebookUnlessNamed() throws IOException {
        CodebookFileInfo info = open("transformer.pt", null);
        assertEquals("quantize.embedding.weight", info.key());
        assertValues("transformer.pt", info);
        assertEquals(List.of("quantize.embedding.weight"), info.candidates());

        Path tokens = TORCH.file("tokens_only.pt");
        assertFileProblem(tokens, "no codebook tensor", () -> CodebookFiles.load(tokens));
        CodebookFileInfo named = open("tokens_only.pt", "embed.weight");
        assertValues("tokens_only.pt", named);
        String warning = named.keyWarning().orElseThrow();
        assertTrue(warning.contains("'embed.weight' is not one of the tensors that look like codebooks"), warning);
        assertFalse(warning.contains("\n"));
    }

    @Test
    void discoveryVisitsASharedDictOnceAndStopsAtItsDepthCap() throws IOException {
        CodebookFileInfo shared = open("shared.pt", null);
        assertEquals(List.of("a/codebooks"), shared.keys(), "the dict both keys name is visited once, under the first");
        assertValues("shared.pt", shared);
        Path deep = TORCH.file("deep.pt");
        assertFileProblem(deep, "refused: the checkpoint nests containers more than 32 levels deep", () -> CodebookFiles.load(deep));
    }

    @Test
    void keysThatNameNothingOrNoCodebookAreRefusedInOneLine() {
        Path file = TORCH.file("lightning.ckpt");
        assertFileProblem(file, "no tensor 'state_dict/missing'", () -> CodebookFiles.load(file, "state_dict/missing"));
        assertFileProblem(file, "cannot be codebooks", () -> CodebookFiles.load(file, "optimizer_states/0/state/1/step"));
    }

    @Test
    void loadAndDescribeAgree() {
        assertEquals(open("model.pt", null).codebooks(), CodebookFiles.load(TORCH.file("model.pt")));
        assertNotNull(CodebookFiles.loadDocument(TORCH.file("model.pt")).source().orElse(null));
        assertNull(CodebookFiles.loadDocument(TORCH.file("model.pt")).meta().orElse(null));
    }

    @Test
    void theModelExtensionsConstantFollowsTheReader() {
        assertEquals(String.join(", ", vqlens.core.io.internal.ModelFiles.EXTENSIONS.stream().map(e -> "." + e).toList()),
                CodebookFiles.MODEL_EXTENSIONS);
    }

    @Test
    void aCorruptStorageIsFoundWhenItIsReadAndOnlyThen() {
        Path file = TORCH.file("crc_broken.pt");
        assertFileProblem(file, "ZIP entry 'reference/data/0' fails its CRC-32 check (corrupt)", () -> CodebookFiles.load(file));
        assertEquals(List.of("codebooks"), CodebookFiles.candidates(file), "listing candidates reads no storage");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "evil.pt|refused: the pickle calls posix.system, which is not on VQ Lens's list of allowed functions; nothing was run",
        "truncated.pt|not a PyTorch checkpoint (torch.save zip format)",
        "legacy_truncated.pt|truncated checkpoint: storage",
        "short_storage.pt|storage shorter than its tensor",
        "offset_past.pt|offset or view past its storage",
        "raw.ckpt|holds raw bytes with no header VQ Lens knows",
        "old_tar.pt|is a tar archive: the torch.save format of PyTorch before 1.0",
        "numpy.pt|is a NumPy .npy array, not a PyTorch checkpoint; name it .npy",
        "arrays.pt|is a NumPy archive (.npz), not a PyTorch checkpoint; name it .npz",
        "safetensors.bin|is a safetensors file, not a PyTorch checkpoint; name it .safetensors",
        "llama.bin|is a GGML/GGUF model (llama.cpp)",
        "keras.bin|is an HDF5 file",
        "plain_pickle.pt|is a Python pickle but not a torch.save checkpoint",
        "tensorflow.ckpt|is a TensorFlow checkpoint index",
        "empty.pt|empty file"})
    void hostileAndForeignFilesAreRefusedInOneLineSayingWhatTheyAre(String name, String problem) {
        Path file = TORCH.file(name);
        assertFileProblem(file, problem, () -> CodebookFiles.load(file));
        assertFileProblem(file, problem, () -> CodebookFiles.candidates(file));
    }
}
