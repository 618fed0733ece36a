package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import vqlens.core.Codebooks;
import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.CodebookLoading;
import vqlens.core.io.internal.ModelFiles;
import vqlens.core.io.internal.ModelPatch;
import vqlens.core.io.internal.Origin;

/**
 * What every loader fuzz test does with an input: load it as its format (through the same code
 * {@link CodebookFiles} uses, over the bytes in memory), and list its candidates and load each of them
 * by key. The only exception allowed out is a one-line {@link CodebookFileException} about the file;
 * anything else (a runtime exception, an error, a multi-line message) fails the test, which is a
 * finding for Jazzer.
 */
final class FuzzTargets {
    private FuzzTargets() {
    }

    static void load(byte[] data, CodebookFormat format) {
        Origin origin = Origin.of(Path.of("fuzz." + format.extension()));
        ByteRegion region = ByteRegion.ofArray(data);
        try {
            CodebookFileInfo info = CodebookLoading.read(origin, region, format, null);
            assertTrue(info.codebooks().config().codebookValues() > 0);
        } catch (CodebookFileException expected) {
            checkMessage(origin, expected);
        }
        List<String> candidates;
        try {
            candidates = CodebookLoading.candidates(origin, region, format);
        } catch (CodebookFileException expected) {
            checkMessage(origin, expected);
            return;
        }
        for (String key : candidates.subList(0, Math.min(3, candidates.size()))) {
            try {
                assertTrue(CodebookLoading.read(origin, region, format, key).key().equals(key));
            } catch (CodebookFileException expected) {
                checkMessage(origin, expected);
            }
        }
    }

    /** The same for a model file (recognised by content), through the loader {@link CodebookFiles} uses for one. */
    static void loadModel(byte[] data) {
        loadModel(data, "fuzz.pt");
    }

    /** The same under the file name {@code name}, whose extension a model file's reader may go by (a FAISS {@code .pq}). */
    static void loadModel(byte[] data, String name) {
        Origin origin = Origin.of(Path.of(name));
        ByteRegion region = ByteRegion.ofArray(data);
        try {
            CodebookFileInfo info = CodebookLoading.readModel(origin, region, null);
            assertTrue(info.codebooks().config().codebookValues() > 0);
            patchBack(origin, region, info);
        } catch (CodebookFileException expected) {
            checkMessage(origin, expected);
        }
        List<String> candidates;
        try {
            candidates = CodebookLoading.modelCandidates(origin, region);
        } catch (CodebookFileException expected) {
            checkMessage(origin, expected);
            return;
        }
        for (String key : candidates.subList(0, Math.min(3, candidates.size()))) {
            try {
                assertTrue(CodebookLoading.readModel(origin, region, key).key().equals(key));
            } catch (CodebookFileException expected) {
                checkMessage(origin, expected);
            }
        }
    }

    /**
     * Writes an edit (the first value changed) back into a copy of a checkpoint that loaded: refused in one line, or
     * the copy reads back the edit (exactly for F32 and F64; F16 and BF16 round it).
     */
    private static void patchBack(Origin origin, ByteRegion region, CodebookFileInfo info) {
        float[] values = info.codebooks().toArray();
        values[0] = Float.isFinite(values[0]) && Math.abs(values[0]) < 1e4f ? values[0] + 1 : 0.5f;
        Codebooks edited = Codebooks.of(info.codebooks().config(), values, true);
        Path out;
        try {
            String name = origin.file().getFileName().toString();
            out = Files.createTempFile("vqlens-fuzz", name.substring(name.lastIndexOf('.'))); // the same kind of file
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            try {
                ModelPatch.patch(origin, region, ModelFiles.contents(origin, region), info.key(), edited, out);
            } catch (CodebookFileException expected) {
                checkMessage(origin, expected);
                return;
            }
            CodebookFileInfo back = CodebookFiles.describe(out, info.key());
            if (info.dtype().equals("F32") || info.dtype().equals("F64")) {
                assertArrayEquals(values, back.codebooks().toArray(), 0f, "the patched copy reads back the edit");
            }
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }

    private static void checkMessage(Origin origin, CodebookFileException e) {
        String message = e.getMessage();
        assertTrue(message.startsWith(origin.file() + ": "), message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
    }
}
