package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.TestNpy.assertFileProblem;
import static vqlens.core.testing.TestNpy.dict;
import static vqlens.core.testing.TestNpy.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vqlens.core.Codebooks;
import vqlens.core.testing.TestNpy;

/** The native {@code .npz}: optional {@code usage} [H,K] counts and {@code meta} JSON text beside the codebooks. */
class NpzDocumentTest {
    private static final byte[] CODEBOOKS = npy(dict("<f4", false, "(2, 3, 1)"), TestNpy.float32(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6));
    private static final String META = "{\"config\":{\"heads\":2,\"codes\":3},\"app_version\":\"0.1.0\",\"note\":\"caf\u00e9 \ud83d\ude00\"}";

    @TempDir
    Path dir;

    private Path npz(String name, Consumer<TestZip> setup) {
        TestZip zip = new TestZip();
        zip.stored("codebooks.npy", CODEBOOKS);
        setup.accept(zip);
        return TestNpy.write(dir.resolve(name + ".npz"), zip.build());
    }

    /** A 0-d {@code <U…} or {@code >U…} array as numpy writes {@code np.array(text)}, with NUL padding to {@code width}. */
    static byte[] text(String text, int width, ByteOrder order) {
        int[] cps = text.codePoints().toArray();
        ByteBuffer b = ByteBuffer.allocate(width * 4).order(order);
        for (int cp : cps) {
            b.putInt(cp);
        }
        return npy(dict((order == ByteOrder.BIG_ENDIAN ? ">U" : "<U") + width, false, "()"), b.array());
    }

    @Test
    void usageAndMetaRoundTrip() {
        Codebooks codebooks = CodebookFilesTest.sample(2, 3, 4, 8, false);
        CodebookDocument document = CodebookDocument.of(codebooks, new long[] {5, 0, 7, Long.MAX_VALUE, 1, 2}, META);
        Path file = dir.resolve("doc.npz");
        CodebookFiles.save(file, document);
        CodebookDocument back = CodebookFiles.loadDocument(file);
        assertEquals(document, back);
        assertArrayEquals(new long[] {5, 0, 7, Long.MAX_VALUE, 1, 2}, back.usage().orElseThrow());
        assertEquals(META, back.meta().orElseThrow());
        CodebookFileInfo info = CodebookFiles.describe(file, null);
        assertEquals(List.of("codebooks", "inited", "usage", "meta"), info.keys());
        assertEquals("member inited.npy", info.initedFrom());

        Path plain = dir.resolve("plain.npz");
        CodebookFiles.save(plain, codebooks);
        CodebookDocument onlyCodebooks = CodebookFiles.loadDocument(plain);
        assertTrue(onlyCodebooks.usage().isEmpty() && onlyCodebooks.meta().isEmpty());
        Path npy = dir.resolve("drops.npy");
        CodebookFiles.save(npy, document);
        assertTrue(CodebookFiles.loadDocument(npy).usage().isEmpty(), "other formats carry only the codebooks");
    }

    @Test
    void editsAreAppendedToTheMetaSoItNoLongerPassesForTheTrainedCodebooks() {
        Codebooks codebooks = CodebookFilesTest.sample(2, 3, 4, 8, false);
        CodebookDocument trained = CodebookDocument.of(codebooks, null, "{\"training\":{\"steps\":9}}");
        CodebookDocument once = trained.withEdits(List.of("split head 0 code 1 into code 2"));
        assertEquals("{\"training\":{\"steps\":9},\"edits\":[\"split head 0 code 1 into code 2\"]}", once.meta().orElseThrow());
        CodebookDocument twice = once.withEdits(List.of("swap head 1 codes 0 and 2"));
        assertEquals("{\"training\":{\"steps\":9},\"edits\":[\"split head 0 code 1 into code 2\","
                + "\"swap head 1 codes 0 and 2\"]}", twice.meta().orElseThrow());
        assertEquals(trained, trained.withEdits(List.of()), "no edit: the same document");
        assertEquals("{\"edits\":[\"x\"]}", CodebookDocument.of(codebooks).withEdits(List.of("x")).meta().orElseThrow());
    }

    @Test
    void numpyStyleMembersAreRead() {
        Path file = npz("numpy", z -> {
            z.deflated("usage.npy", npy(dict("<i4", true, "(2, 3)"), ints(ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6)));
            z.stored("meta.npy", text(META, 200, ByteOrder.BIG_ENDIAN));
            z.stored("optimizer_state.npy", npy(dict("<f8", false, "(7,)"), new byte[56]));
        });
        CodebookDocument d = CodebookFiles.loadDocument(file);
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, d.usage().orElseThrow(), "Fortran order, int32, widened");
        assertEquals(META, d.meta().orElseThrow(), "big-endian UTF-32, NUL padding dropped, characters beyond the BMP kept");
        assertEquals(List.of("codebooks", "usage", "meta", "optimizer_state"), CodebookFiles.describe(file, null).keys());
    }

    @Test
    void oneHeadCodebooksTakeUsageAsCodesOnly() {
        byte[] kd = npy(dict("<f4", false, "(3, 2)"), new byte[24]);
        TestZip zip = new TestZip();
        zip.stored("codebooks.npy", kd);
        zip.stored("usage.npy", npy(dict("<i8", false, "(3,)"), new byte[24]));
        assertArrayEquals(new long[3], CodebookFiles.loadDocument(TestNpy.write(dir.resolve("kd.npz"), zip.build())).usage().orElseThrow());
    }

    @Test
    void badUsageAndMetaAreRefused() {
        assertRefused(npz("usage-shape", z -> z.stored("usage.npy", npy(dict("<i8", false, "(3, 2)"), new byte[48]))),
                "member usage.npy: 'usage' must have shape (2, 3) (heads, codes) to match the codebooks, found (3, 2)");
        assertRefused(npz("usage-float", z -> z.stored("usage.npy", npy(dict("<f4", false, "(2, 3)"), new byte[24]))),
                "'usage' must hold integer counts, found float32");
        assertRefused(npz("usage-negative", z -> z.stored("usage.npy", npy(dict("<i8", false, "(2, 3)"),
                longs(0, 0, 0, 0, -5, 0)))), "'usage' count -5 for head 1, code 1 is negative");
        assertRefused(npz("usage-huge", z -> z.deflated("usage.npy", new byte[100_000])),
                "ZIP entry 'usage.npy' declares 100000 bytes, more than the");
        assertRefused(npz("meta-json", z -> z.stored("meta.npy", text("{\"a\": 1,}", 9, ByteOrder.LITTLE_ENDIAN))),
                "member meta.npy: 'meta' must hold a JSON object: ");
        assertRefused(npz("meta-dup", z -> z.stored("meta.npy", text("{\"a\":1,\"a\":2}", 13, ByteOrder.LITTLE_ENDIAN))),
                "'meta' must hold a JSON object: Duplicate field 'a'");
        assertRefused(npz("meta-array", z -> z.stored("meta.npy", text("[1, 2]", 6, ByteOrder.LITTLE_ENDIAN))),
                "'meta' must hold a JSON object: not a JSON object");
        assertRefused(npz("meta-float", z -> z.stored("meta.npy", npy(dict("<f8", false, "()"), new byte[8]))),
                "member meta.npy: expected unicode text (a numpy str, dtype '<U…'), found scalar float64");
        assertRefused(npz("meta-shape", z -> z.stored("meta.npy", npy(dict("<U2", false, "(2,)"), new byte[16]))),
                "expected a single text value (0-d array), found shape (2,)");
        assertRefused(npz("meta-surrogate", z -> z.stored("meta.npy", npy(dict("<U1", false, "()"), ints(ByteOrder.LITTLE_ENDIAN, 0xD800)))),
                "text holds an invalid character code 55296 at position 0");
        assertRefused(npz("meta-width", z -> z.stored("meta.npy", npy(dict("<U0", false, "()"), new byte[0]))),
                "unicode text dtype '<U0' must be 1 to 16777216 characters wide");
        assertRefused(npz("meta-bytes", z -> z.stored("meta.npy", npy(dict("|S4", false, "()"), new byte[4]))),
                "unsupported dtype '|S4'");
        assertRefused(npz("meta-pickle", z -> z.stored("meta.npy", npy(dict("|O", false, "()"), new byte[8]))),
                "object dtype '|O' needs pickle");
    }

    @Test
    void documentsCheckWhatTheyHold() {
        Codebooks codebooks = CodebookFilesTest.sample(2, 3, 4, 8, true);
        assertThrows(IllegalArgumentException.class, () -> CodebookDocument.of(codebooks, new long[5], null));
        assertThrows(IllegalArgumentException.class, () -> CodebookDocument.of(codebooks, new long[] {0, 0, 0, 0, 0, -1}, null));
        assertThrows(IllegalArgumentException.class, () -> CodebookDocument.of(codebooks, null, "not json"));
        assertThrows(IllegalArgumentException.class, () -> CodebookDocument.of(codebooks).withMeta("[]"));
        CodebookDocument d = CodebookDocument.of(codebooks, new long[6], "{}");
        assertThrows(IllegalArgumentException.class, () -> d.withCodebooks(CodebookFilesTest.sample(1, 3, 4, 8, true)));
        long[] usage = d.usage().orElseThrow();
        usage[0] = 99;
        assertEquals(0, d.usage().orElseThrow()[0], "usage is copied out");
        assertFalse(d.withMeta(null).meta().isPresent());
    }

    private static void assertRefused(Path file, String problem) {
        assertFileProblem(file, problem, () -> CodebookFiles.loadDocument(file));
    }

    private static byte[] ints(ByteOrder order, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(order);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }
}
