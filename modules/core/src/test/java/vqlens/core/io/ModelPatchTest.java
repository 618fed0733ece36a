package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.TestNpy.assertBitsEqual;
import static vqlens.core.testing.TestNpy.assertFileProblem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.testing.PatchFixtures;
import vqlens.core.testing.TorchFixtures;

/**
 * {@link CodebookFiles#patch} on model files made by the real PyTorch ({@link TorchFixtures}, {@link PatchFixtures}: one
 * Python process each), read back by the real libraries ({@link PatchFixtures#check}: {@code torch.load(weights_only=True)},
 * {@code zipfile.testzip()}, the safetensors header and bytes with numpy): the codebook holds the edit (F16 and BF16
 * rounded exactly as PyTorch rounds), every other tensor is bit-identical, the flag and vector-quantize-pytorch's
 * {@code embed_avg} follow; what cannot be written in place is refused in one line and nothing is written.
 */
class ModelPatchTest {
    @RegisterExtension
    static final TorchFixtures TORCH = new TorchFixtures();
    @RegisterExtension
    static final PatchFixtures PATCH = new PatchFixtures();

    @TempDir
    Path dir;

    /** The codebook of {@code model} with head 0 code 1 and the last head's last code set to {@code base + 0.37·d}. */
    private static Codebooks edited(Path model, String key, float base) {
        Codebooks cb = CodebookFiles.load(model, key);
        QuantizerConfig c = cb.config();
        float[] v = cb.toArray();
        int dim = c.headDim();
        int[] codes = {1, c.heads() * c.codes() - 1};
        for (int code : codes) {
            for (int d = 0; d < dim; d++) {
                v[code * dim + d] = base + 0.37f * d + code;
            }
        }
        return Codebooks.of(c, v, cb.inited());
    }

    private record Patched(PatchFixtures.Case check, PatchSummary summary, Codebooks edit) {
    }

    private Patched patch(Path model, String key, float base) {
        Codebooks edit = edited(model, key, base);
        String name = model.getFileName().toString();
        Path editedFile = dir.resolve(name + ".edited.npy");
        CodebookFiles.save(editedFile, edit);
        Path out = dir.resolve("patched-" + name);
        PatchSummary summary = CodebookFiles.patch(model, key, edit, out);
        return new Patched(new PatchFixtures.Case(model, out, summary.key(), editedFile), summary, edit);
    }

    private static List<JsonNode> check(List<Patched> patched) throws IOException, InterruptedException {
        return PatchFixtures.check(patched.stream().map(Patched::check).toList());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void everyTorchLayoutTakesTheEditAndKeepsEverythingElseBitForBit() throws Exception {
        String[] names = {"reference.pt", "buffer.pt", "legacy.pt", "v2records.pt", "view.pt", "crafted_sparse.pt",
                "model.pt", "f64.pt", "nested.pt"};
        List<Patched> patched = new ArrayList<>();
        for (String name : names) {
            patched.add(patch(TORCH.file(name), null, 0.25f));
        }
        List<JsonNode> results = check(patched);
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            JsonNode r = results.get(i);
            PatchSummary s = patched.get(i).summary();
            String key = s.key();
            boolean flagWasFalse = List.of("reference.pt", "buffer.pt", "legacy.pt", "v2records.pt").contains(name);
            List<String> expected = flagWasFalse ? List.of(key, "inited") : List.of(key);
            assertEquals(expected, strings(r.get("differ")), () -> name + ": only the codebook (and a false flag) change: " + r);
            assertTrue(r.get("codebook_ok").asBoolean(), () -> name + ": " + r);
            assertTrue(r.get("same_keys").asBoolean(), () -> name + ": " + r);
            assertEquals(0, r.get("rounded").asInt(), () -> name + ": float32 and float64 hold the edit exactly: " + r);
            if (!name.equals("legacy.pt")) {
                assertTrue(r.get("testzip").isNull(), () -> name + ": testzip() finds no bad CRC: " + r);
                assertTrue(r.get("same_names").asBoolean(), () -> name + ": same records, same order: " + r);
                assertEquals(flagWasFalse ? 2 : 1, r.get("entries_changed").size(), () -> name + ": " + r);
            }
            if (flagWasFalse) {
                assertEquals(1.0, r.get("flags").get("inited").asDouble(), () -> name + ": " + r);
                assertTrue(s.notes().stream().anyMatch(n -> n.contains("set 'inited' to true")), () -> name + ": " + s.notes());
            }
            assertEquals(2, s.changedCodes(), name);
            assertEquals(2L * patched.get(i).edit().config().headDim(), s.changedValues(), name);
            assertEquals(0, s.roundedValues(), name);
            assertBitsEqual(patched.get(i).edit().toArray(), CodebookFiles.load(s.out(), key).toArray());
        }
    }

    @Test
    void halfAndBfloat16AreRoundedToNearestEvenAsPyTorchRoundsAndSafetensorsHeadersStay() throws Exception {
        String[] torch = {"f16.pt", "bf16.pt"};
        String[] safetensors = {"st_f32.safetensors", "st_f16.safetensors", "st_bf16.safetensors", "st_f64.safetensors"};
        List<Patched> patched = new ArrayList<>();
        for (String name : torch) {
            patched.add(patch(TORCH.file(name), null, 0.1f));
        }
        for (String name : safetensors) {
            patched.add(patch(PATCH.file(name), null, 0.1f));
        }
        List<JsonNode> results = check(patched);
        for (int i = 0; i < patched.size(); i++) {
            JsonNode r = results.get(i);
            PatchSummary s = patched.get(i).summary();
            String name = s.model().getFileName().toString();
            assertTrue(r.get("codebook_ok").asBoolean(), () -> name + ": the stored values are PyTorch's rounding of the edit: " + r);
            boolean rounds = s.dtype().equals("F16") || s.dtype().equals("BF16");
            assertEquals(r.get("rounded").asLong(), s.roundedValues(), () -> name + ": the summary counts what was rounded: " + r);
            assertEquals(rounds, s.roundedValues() > 0, () -> name + ": 0.1 + … is not a 16-bit float: " + s);
            assertEquals(rounds, s.largestRounding() > 0, name);
            if (name.endsWith(".safetensors")) {
                assertTrue(r.get("header_same").asBoolean(), () -> name + ": header bytes unchanged: " + r);
                assertEquals(List.of("quantizer.codebooks", "quantizer.inited"), strings(r.get("differ")), () -> name + ": " + r);
                assertEquals(1.0, r.get("flags").get("quantizer.inited").asDouble(), () -> name + ": " + r);
            } else {
                assertEquals(List.of("quantizer.codebooks"), strings(r.get("differ")), () -> name + ": " + r);
                assertTrue(r.get("testzip").isNull(), () -> name + ": " + r);
            }
        }
    }

    @Test
    void vectorQuantizePytorchsEmbedAvgIsRewrittenAndItsFalseInittedSet() throws Exception {
        List<Patched> patched = List.of(patch(TORCH.file("vqpt_old.pt"), null, -0.5f), patch(TORCH.file("vqpt_new.pt"), null, -0.5f),
                patch(TORCH.file("residual.pt"), "rq.layers.1._codebook.embed", -0.5f));
        List<JsonNode> results = check(patched);
        List<List<String>> differ = List.of(List.of("vq._codebook.embed_avg", "vq._codebook.embed"),
                List.of("vq._codebook.initted", "vq._codebook.embed_avg", "vq._codebook.embed"),
                List.of("rq.layers.1._codebook.embed_avg", "rq.layers.1._codebook.embed"));
        for (int i = 0; i < patched.size(); i++) {
            JsonNode r = results.get(i);
            PatchSummary s = patched.get(i).summary();
            assertEquals(differ.get(i), strings(r.get("differ")), () -> s.key() + ": " + r);
            assertTrue(r.get("embed_avg_ok").asBoolean(), () -> s.key() + ": embed_avg = embed × cluster_size for the edited codes: " + r);
            assertEquals(2, r.get("edited_codes").asInt(), r::toString);
            assertTrue(r.get("codebook_ok").asBoolean(), r::toString);
            assertTrue(s.notes().stream().anyMatch(n -> n.contains("embed_avg") && n.contains("embed × cluster_size")), s.notes()::toString);
        }
        assertEquals(1.0, results.get(1).get("flags").get("vq._codebook.initted").asDouble(), "initted false → true");
        assertTrue(patched.get(1).summary().notes().stream().anyMatch(n -> n.contains("set 'vq._codebook.initted' to true")));
        assertEquals(1.0, results.get(0).get("flags").get("vq._codebook.initted").asDouble(), "already true: left as it was");
    }

    @Test
    void whatVectorQuantizePytorchsEmaWouldStillUndoIsWarnedAbout() throws IOException {
        PatchSummary dead = patch(PATCH.file("vqpt_dead.pt"), null, 1f).summary();
        assertEquals(List.of("2 edited codes have cluster_size 0: vector-quantize-pytorch's first training step that assigns them"
                + " nothing sets them to zero (embed_avg / cluster_size)"), dead.warnings());
        assertEquals(0, CodebookFiles.load(dead.out(), "vq._codebook.embed_avg").toArray()[3], "0 × the edit: embed_avg stays 0");
        PatchSummary noSize = patch(PATCH.file("vqpt_no_size.pt"), null, 1f).summary();
        assertEquals(1, noSize.warnings().size(), noSize.warnings()::toString);
        assertTrue(noSize.warnings().get(0).startsWith("tensor 'vq._codebook.embed_avg' (F32 [1, 6, 3]) was not rewritten (it or a"
                + " cluster_size beside it (absent) does not fit the codebook)"), noSize.warnings()::toString);
        assertTrue(noSize.notes().isEmpty(), noSize.notes()::toString);
    }

    @Test
    void oneTensorUnderTwoNamesChangesUnderBothAndADisjointSharerStays() throws Exception {
        List<Patched> patched = List.of(patch(PATCH.file("tied.pt"), "a.codebooks", 2f), patch(PATCH.file("disjoint.pt"), null, 2f));
        List<JsonNode> results = check(patched);
        assertEquals(List.of("a.codebooks", "b.codebooks"), strings(results.get(0).get("differ")), results.get(0)::toString);
        assertTrue(patched.get(0).summary().notes().stream().anyMatch(n -> n.contains("'b.codebooks' is the same tensor")));
        assertEquals(List.of("codebooks"), strings(results.get(1).get("differ")), "'rest' shares the storage, not its bytes");
        for (JsonNode r : results) {
            assertTrue(r.get("codebook_ok").asBoolean(), r::toString);
            assertTrue(r.get("testzip").isNull(), r::toString);
        }
    }

    /**
     * PyTorch 1.13 ignores the {@code byteorder} record (2.1 reads it), so the big-endian storage is checked by other
     * code than VQ Lens's: java.util.zip reads the entry (checking its CRC-32) and the floats are decoded big-endian.
     */
    @Test
    void aBigEndianStorageIsWrittenBigEndianWithItsCrc() throws IOException {
        Patched p = patch(TORCH.file("bigendian.pt"), null, 0.75f);
        byte[] bytes;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(p.summary().out().toFile())) {
            java.util.zip.ZipEntry entry = zip.getEntry("bigendian/data/0");
            try (java.io.InputStream in = zip.getInputStream(entry)) {
                bytes = in.readAllBytes(); // a CRC mismatch throws at the end of the stream
            }
        }
        float[] values = new float[bytes.length / 4];
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.BIG_ENDIAN).asFloatBuffer().get(values);
        assertBitsEqual(p.edit().toArray(), values);
    }

    @Test
    void anEditedDocumentGoesBackIntoTheFileAndTensorItWasReadFrom() throws IOException {
        CodebookDocument read = CodebookFiles.loadDocument(TORCH.file("nested.pt"), "ema/quantizer.codebooks");
        float[] v = read.codebooks().toArray();
        v[0] += 1;
        CodebookDocument edit = read.withCodebooks(Codebooks.of(read.codebooks().config(), v, true));
        Path out = dir.resolve("nested-edited.pt");
        PatchSummary s = CodebookFiles.patch(edit, out);
        assertEquals("ema/quantizer.codebooks", s.key(), "the tensor it was read from, not the automatic choice");
        assertEquals(1, s.changedValues());
        assertBitsEqual(v, CodebookFiles.load(out, "ema/quantizer.codebooks").toArray());
        assertBitsEqual(CodebookFiles.load(TORCH.file("nested.pt")).toArray(), CodebookFiles.load(out).toArray());
        CodebookDocument partial = CodebookFiles.loadDocument(PATCH.file("partial.pt"));
        assertFileProblem(PATCH.file("partial.pt"), "cannot write the edit back: tensor 'first'", () -> CodebookFiles.patch(partial, out));
    }

    @Test
    void anUnchangedCodebookGivesAByteIdenticalCopy() throws IOException {
        for (Path model : List.of(TORCH.file("reference.pt"), TORCH.file("legacy.pt"), PATCH.file("st_bf16.safetensors"))) {
            Path out = dir.resolve("same-" + model.getFileName());
            PatchSummary s = CodebookFiles.patch(model, null, CodebookFiles.load(model), out);
            assertEquals(-1, Files.mismatch(model, out), () -> model + ": nothing to change, nothing changed");
            assertEquals(0, s.changedValues());
            assertTrue(s.notes().isEmpty(), s.notes()::toString);
        }
    }

    @Test
    void outMayBeTheModelItselfReplacedAtomically() throws IOException {
        Path model = dir.resolve("model.pt");
        Files.copy(TORCH.file("reference.pt"), model);
        byte[] before = Files.readAllBytes(model);
        Codebooks edit = edited(model, null, 3f);
        assertFileProblem(model, "a patch keeps the shape",
                () -> CodebookFiles.patch(model, null, Codebooks.of(QuantizerConfig.ofCodebookShape(4, 16, 4), new float[256], true), model));
        assertArrayEquals(before, Files.readAllBytes(model), "a refused patch leaves the model as it was");
        CodebookFiles.patch(model, null, edit, model);
        assertBitsEqual(edit.toArray(), CodebookFiles.load(model).toArray());
        assertTrue(CodebookFiles.describe(model, null).inited(), "the false flag was set");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(model), files.toList(), "no temp file left beside it");
        }
    }

    @Test
    void whatCannotBeWrittenInPlaceIsRefusedInOneLineAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("out.pt");
        Codebooks partial = edited(PATCH.file("partial.pt"), null, 1f);
        assertFileProblem(PATCH.file("partial.pt"), "'first' (F32 [8, 4]) views part of the same storage",
                () -> CodebookFiles.patch(PATCH.file("partial.pt"), null, partial, out));
        assertFalse(CodebookFiles.describe(PATCH.file("partial.pt"), null).document().source().orElseThrow().patchable(),
                "inspect knows before a patch is tried");
        assertFileProblem(PATCH.file("expanded.pt"), "stride 0",
                () -> CodebookFiles.patch(PATCH.file("expanded.pt"), null, edited(PATCH.file("expanded.pt"), null, 1f), out));
        assertFileProblem(PATCH.file("deflated.pt"), "is compressed in the archive",
                () -> CodebookFiles.patch(PATCH.file("deflated.pt"), null, edited(PATCH.file("deflated.pt"), null, 1f), out));
        Codebooks reference = edited(TORCH.file("reference.pt"), null, 1f);
        assertFileProblem(TORCH.file("reference.pt"), "the edited codebook is [2, 8, 4] but tensor 'codebooks' (F32 [4, 16, 8]) is [4, 16, 8]",
                () -> CodebookFiles.patch(TORCH.file("reference.pt"), null, CodebookFiles.load(TORCH.file("model.pt")), out));
        float[] nan = reference.toArray();
        nan[5] = Float.NaN;
        assertFileProblem(TORCH.file("reference.pt"), "holds NaN at head 0, code 0, dim 5",
                () -> CodebookFiles.patch(TORCH.file("reference.pt"), null, Codebooks.of(reference.config(), nan, true), out));
        Codebooks half = CodebookFiles.load(PATCH.file("st_f16.safetensors"));
        float[] big = half.toArray();
        big[9] = 70000f;
        Path outSt = dir.resolve("out.safetensors");
        assertFileProblem(PATCH.file("st_f16.safetensors"), "value 70000.0 at [0, 2, 1] of tensor 'quantizer.codebooks' (F16 [2, 8, 4]) overflows F16",
                () -> CodebookFiles.patch(PATCH.file("st_f16.safetensors"), null, Codebooks.of(half.config(), big, true), outSt));
        assertFileProblem(TORCH.file("evil.pt"), "refused",
                () -> CodebookFiles.patch(TORCH.file("evil.pt"), null, reference, out));
        assertFileProblem(TORCH.file("crc_broken.pt"), "CRC-32",
                () -> CodebookFiles.patch(TORCH.file("crc_broken.pt"), null, reference, out));
        assertFileProblem(TORCH.file("truncated.pt"), "",
                () -> CodebookFiles.patch(TORCH.file("truncated.pt"), null, reference, out));
        assertFileProblem(out, "must keep its kind of name (.safetensors)",
                () -> CodebookFiles.patch(PATCH.file("st_f32.safetensors"), null, reference, out));
        Path npz = dir.resolve("cb.npz");
        CodebookFiles.save(npz, reference);
        assertFileProblem(npz, "holds the codebooks alone", () -> CodebookFiles.patch(npz, null, reference, dir.resolve("x.npz")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(npz), files.toList(), "nothing written, no temp file left");
        }
    }

    /**
     * A small seeded mutation run (the thorough one is the fuzz target, which patches what it loads): damaged copies of
     * checkpoints and safetensors files are patched, giving a file that reads back the edit, or refused in one line
     * naming the file, never any other exception.
     */
    @Test
    void damagedModelFilesArePatchedOrRefusedInOneLine() throws IOException {
        Path[] seeds = {TORCH.file("reference.pt"), TORCH.file("legacy.pt"), PATCH.file("st_f32.safetensors"), TORCH.file("vqpt_new.pt")};
        byte[][] bytes = new byte[seeds.length][];
        for (int i = 0; i < seeds.length; i++) {
            bytes[i] = Files.readAllBytes(seeds[i]);
        }
        java.util.Random random = new java.util.Random(20261207);
        int patched = 0;
        int refused = 0;
        int rounds = Integer.getInteger("vqlens.io.patchMutationRounds", 240); // more for a longer local campaign
        for (int round = 0; round < rounds; round++) {
            int which = round % seeds.length;
            byte[] m = bytes[which].clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            }
            String name = seeds[which].getFileName().toString();
            Path file = dir.resolve("m" + round + "-" + name);
            Path out = dir.resolve("o" + round + "-" + name);
            Files.write(file, m);
            try {
                CodebookFileInfo info = CodebookFiles.describe(file, null);
                float[] v = info.codebooks().toArray();
                v[0] = Float.isFinite(v[0]) && Math.abs(v[0]) < 1e4f ? v[0] + 1 : 0.5f;
                CodebookFiles.patch(file, null, Codebooks.of(info.codebooks().config(), v, true), out);
                assertBitsEqual(v, CodebookFiles.load(out).toArray()); // the seeds are F32
                patched++;
            } catch (CodebookFileException expected) {
                String message = expected.getMessage();
                assertTrue(message.startsWith(file.toString()) || message.startsWith(out.toString()), message);
                assertFalse(message.contains("\n"), message);
                refused++;
            }
            Files.deleteIfExists(file);
            Files.deleteIfExists(out);
        }
        assertTrue(patched > 0 && refused > 0, "patched " + patched + ", refused " + refused);
    }

    @Test
    void aFalseInitedInSafetensorsMetadataIsWarnedAboutNotRewritten() throws IOException {
        Path model = PATCH.file("st_meta.safetensors");
        Path out = dir.resolve("meta.safetensors");
        PatchSummary s = CodebookFiles.patch(model, null, edited(model, null, 1f), out);
        assertEquals(List.of(), s.notes());
        assertEquals(1, s.warnings().size(), s.warnings()::toString);
        assertTrue(s.warnings().get(0).contains("__metadata__ \"inited\" stays 'false'"), s.warnings()::toString);
        byte[] a = Files.readAllBytes(model);
        byte[] b = Files.readAllBytes(out);
        int header = 8 + (int) java.nio.ByteBuffer.wrap(a, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertArrayEquals(java.util.Arrays.copyOf(a, header), java.util.Arrays.copyOf(b, header), "the header is kept byte for byte");
    }
}
