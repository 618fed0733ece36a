package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.TestNpy.assertFileProblem;
import static vqlens.core.testing.TestNpy.dict;
import static vqlens.core.testing.TestNpy.npy;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vqlens.core.testing.TestNpy;

/** Damaged, hostile and foreign {@code .npz} archives are refused with one-line messages. */
class MalformedNpzTest {
    private static final byte[] CODEBOOKS = npy(dict("<f4", false, "(1, 4, 2)"),
            TestNpy.float32(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6, 7, 8));
    private static final byte[] INITED = npy(dict("|b1", false, "()"), new byte[] {1});

    @TempDir
    Path dir;

    private Path npz(String name, Consumer<TestZip> setup) {
        TestZip zip = new TestZip();
        setup.accept(zip);
        return TestNpy.write(dir.resolve(name + ".npz"), zip.build());
    }

    private static void assertRefused(Path file, String problem) {
        assertFileProblem(file, problem, () -> CodebookFiles.load(file));
    }

    @Test
    void aWellFormedArchiveLoads() {
        Path ok = npz("ok", z -> {
            z.stored("codebooks.npy", CODEBOOKS);
            z.deflated("inited.npy", INITED).zip64 = true;
        });
        assertTrue(CodebookFiles.load(ok).inited());
    }

    @Test
    void notAnArchive() {
        assertRefused(TestNpy.write(dir.resolve("text.npz"), "hello, this is not a zip archive".getBytes()),
                "not an NPZ (ZIP) archive: no end-of-central-directory record");
        assertRefused(TestNpy.write(dir.resolve("tiny.npz"), new byte[] {'P', 'K'}), "not an NPZ (ZIP) archive: only 2 bytes");
        assertRefused(TestNpy.write(dir.resolve("empty.npz"), new byte[0]), "not an NPZ (ZIP) archive");
        assertRefused(TestNpy.write(dir.resolve("renamed.npz"), CODEBOOKS), "is an NPY file, not an NPZ (ZIP) archive");
    }

    @Test
    void missingCodebooksListsWhatIsThere() {
        assertRefused(npz("other", z -> z.stored("weights.npy", CODEBOOKS)),
                "no 'codebooks' array (member codebooks.npy) in the archive; it holds: weights.npy");
        assertRefused(npz("nothing", z -> { }), "it holds: nothing");
    }

    @Test
    void encryptedAndUnknownMethodsAreRefused() {
        assertRefused(npz("encrypted", z -> z.stored("codebooks.npy", CODEBOOKS).flags = 1),
                "ZIP entry 'codebooks.npy' is encrypted");
        assertRefused(npz("bzip2", z -> z.stored("codebooks.npy", CODEBOOKS).method = 12),
                "ZIP entry 'codebooks.npy' uses compression method 12");
    }

    @Test
    void zipBombsAreRefusedBeforeInflating() {
        assertRefused(npz("bomb", z -> z.deflated("codebooks.npy", CODEBOOKS).size = 1_000_000_000),
                "beyond what deflate can produce (zip bomb?)");
        assertRefused(npz("bomb64", z -> z.deflated("codebooks.npy", CODEBOOKS).asZip64().size = 1L << 40),
                "declares 1099511627776 bytes, more than the");
        assertRefused(npz("bigflag", z -> {
            z.stored("codebooks.npy", CODEBOOKS);
            z.deflated("inited.npy", new byte[200_000]);
        }), "ZIP entry 'inited.npy' declares 200000 bytes, more than the");
    }

    @Test
    void sizesThatDisagreeWithTheDataAreRefused() {
        assertRefused(npz("past", z -> z.deflated("codebooks.npy", CODEBOOKS).size = CODEBOOKS.length - 10),
                "inflates past its declared size of " + (CODEBOOKS.length - 10));
        assertRefused(npz("short", z -> z.deflated("codebooks.npy", CODEBOOKS).size = CODEBOOKS.length + 10),
                "inflates to " + CODEBOOKS.length + " bytes but declares " + (CODEBOOKS.length + 10));
        assertRefused(npz("storedsizes", z -> z.stored("codebooks.npy", CODEBOOKS).size = 7),
                "is stored but declares 7 bytes");
        assertRefused(npz("zip64csize", z -> z.stored("codebooks.npy", CODEBOOKS).asZip64().compressedSize = 1L << 50),
                "declares 1125899906842624 compressed bytes but the archive holds only");
        assertRefused(npz("zip64size", z -> z.stored("codebooks.npy", CODEBOOKS).asZip64().size = -1),
                "declares an absurd size of 18446744073709551615 bytes");
    }

    @Test
    void corruptDataFailsTheCrcCheck() {
        assertRefused(npz("crc", z -> z.stored("codebooks.npy", CODEBOOKS).crc ^= 1), "fails its CRC-32 check");
        assertRefused(npz("crcdeflated", z -> z.deflated("codebooks.npy", CODEBOOKS).crc ^= 1), "fails its CRC-32 check");
        assertRefused(npz("garbage", z -> {
            TestZip.Member m = z.deflated("codebooks.npy", CODEBOOKS);
            Arrays.fill(m.data, (byte) 0xff);
        }), "ZIP entry 'codebooks.npy'");
    }

    @Test
    void truncatedOrExtendedArchives() {
        TestZip zip = new TestZip();
        zip.stored("codebooks.npy", CODEBOOKS);
        byte[] whole = zip.build();
        assertRefused(TestNpy.write(dir.resolve("cut-end.npz"), Arrays.copyOf(whole, whole.length - 5)),
                "no end-of-central-directory record");
        byte[] cutMiddle = new byte[whole.length - 16];
        System.arraycopy(whole, 0, cutMiddle, 0, 100);
        System.arraycopy(whole, 116, cutMiddle, 100, whole.length - 116);
        assertRefused(TestNpy.write(dir.resolve("cut-middle.npz"), cutMiddle), "corrupt or truncated ZIP archive");
        zip.trailing = new byte[] {1, 2, 3};
        assertRefused(TestNpy.write(dir.resolve("trailing.npz"), zip.build()),
                "3 unexpected bytes after the end-of-central-directory record");
        assertRefused(npz("dup", z -> {
            z.stored("codebooks.npy", CODEBOOKS);
            z.stored("codebooks.npy", CODEBOOKS);
        }), "duplicate ZIP entry 'codebooks.npy'");
    }

    @Test
    void badMembersNameTheMember() {
        assertRefused(npz("badarray", z -> z.stored("codebooks.npy", Arrays.copyOf(CODEBOOKS, CODEBOOKS.length - 4))),
                "member codebooks.npy: truncated: header says 1 x 4 x 2 float32 (32 bytes of data) but the file holds 28 bytes of data");
        assertRefused(npz("flagshape", z -> {
            z.stored("codebooks.npy", CODEBOOKS);
            z.stored("inited.npy", npy(dict("|b1", false, "(2,)"), new byte[2]));
        }), "member inited.npy: 'inited' must be a single value (0-d or size-1 array), found shape (2,)");
        assertRefused(npz("flagfloat", z -> {
            z.stored("codebooks.npy", CODEBOOKS);
            z.stored("inited.npy", npy(dict("<f4", false, "()"), new byte[4]));
        }), "'inited' must be bool or integer, found float32");
        assertRefused(npz("flagpickle", z -> {
            z.stored("codebooks.npy", CODEBOOKS);
            z.stored("inited.npy", npy(dict("|O", false, "()"), new byte[8]));
        }), "member inited.npy: object dtype '|O' needs pickle");
    }

    @Test
    void largeDeflatedMembersAreInflatedOnDemandAndStillChecked() {
        // 2 x 512 x 300 float32 = 1.2 MB, more than the 1 MiB inflated at once
        float[] values = TestNpy.randomFloats(12, 2 * 512 * 300);
        byte[] big = npy(dict("<f4", false, "(2, 512, 300)"), TestNpy.float32(ByteOrder.LITTLE_ENDIAN, values));
        TestNpy.assertBitsEqual(values, CodebookFiles.load(npz("big", z -> z.deflated("codebooks.npy", big))).toArray());
        assertRefused(npz("bigcrc", z -> z.deflated("codebooks.npy", big).crc ^= 1), "ZIP entry 'codebooks.npy' fails its CRC-32 check");
        int crc = new TestZip.Member("x", big, false).crc;
        byte[] longer = Arrays.copyOf(big, big.length + 16);
        assertRefused(npz("bigpast", z -> {
            TestZip.Member m = z.deflated("codebooks.npy", longer);
            m.size = big.length;
            m.crc = crc;
        }), "ZIP entry 'codebooks.npy' inflates past its declared size of " + big.length);
        byte[] shorter = Arrays.copyOf(big, big.length - 16);
        assertRefused(npz("bigshort", z -> z.deflated("codebooks.npy", shorter).size = big.length),
                "ZIP entry 'codebooks.npy' inflates to " + shorter.length + " bytes but declares " + big.length);
        byte[] garbage = big.clone();
        Arrays.fill(garbage, 100, garbage.length, (byte) 0);
        assertRefused(npz("bigbadheader", z -> z.deflated("codebooks.npy", garbage)), "member codebooks.npy: malformed header");
    }

    @Test
    void aBombOfZerosIsRefusedAtItsHeaderWithoutInflatingIt() {
        byte[] zeros = new byte[64 << 20];
        TestZip.Member[] member = new TestZip.Member[1];
        Path file = npz("zeros", z -> member[0] = z.deflated("codebooks.npy", zeros));
        assertTrue(member[0].compressedSize < 128 << 10, "64 MiB of zeros deflate to " + member[0].compressedSize + " bytes");
        assertRefused(file, "member codebooks.npy: not an NPY file (bad magic 00 00 00 00 00 00");
    }
}
