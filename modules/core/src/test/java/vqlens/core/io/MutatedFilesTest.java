package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vqlens.core.testing.TestNpy;
import vqlens.core.testing.TestSafetensors;

/**
 * A small seeded mutation run in every build (the thorough fuzzing is the Jazzer fuzz tests): damaged
 * copies of valid files of every format either load or fail with a {@link CodebookFileException}, never
 * with any other exception.
 */
class MutatedFilesTest {
    /** {@code -Dvqlens.io.mutationRounds=N} runs a longer campaign locally. */
    private static final int ROUNDS = Integer.getInteger("vqlens.io.mutationRounds", 1500);

    @TempDir
    Path dir;

    @Test
    void mutatedNpyNpzAndRowFilesFailCleanly() {
        Path npz = dir.resolve("valid.npz");
        CodebookFiles.save(npz, CodebookFilesTest.sample(2, 6, 3, 5, true));
        TestZip deflated = new TestZip();
        deflated.deflated("codebooks.npy", TestNpy.npy(TestNpy.dict("<f8", true, "(2, 6, 3)"), new byte[36 * 8]));
        deflated.deflated("inited.npy", TestNpy.npy(TestNpy.dict("|b1", false, "()"), new byte[] {1})).zip64 = true;
        byte[][] seeds = {
            TestNpy.bytes(npz),
            deflated.build(),
            TestNpy.npy(TestNpy.dict(">f4", false, "(4, 3)"), TestNpy.float32(ByteOrder.BIG_ENDIAN, TestNpy.randomFloats(1, 12))),
            TestNpy.npy(2, TestNpy.dict("<i2", true, "(5, 2)"), new byte[20]),
            new TestSafetensors().metadata("{\"inited\":\"true\"}").f32("vq.codebooks", new long[] {2, 2, 1}, 1, 2, 3, 4)
                    .bool("vq.inited", false).build(),
            "head,code,v0,v1\n0,1,1.5,NaN\n0,0,-2e-3,7\n".getBytes(StandardCharsets.US_ASCII),
        };
        String[] extensions = {".npz", ".npz", ".npy", ".npy", ".safetensors", ".csv"};
        Random random = new Random(20240601);
        int loaded = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int which = round % seeds.length;
            byte[] bytes = mutate(seeds[which], random);
            Path file = TestNpy.write(dir.resolve("m" + round + extensions[which]), bytes);
            try {
                CodebookFiles.load(file);
                loaded++;
            } catch (CodebookFileException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
            } catch (RuntimeException | Error e) {
                fail("round " + round + " (" + file.getFileName() + ", " + Arrays.toString(bytes) + "): " + e, e);
            }
            if (extensions[which].equals(".npy")) {
                readAllRows(file, round);
            }
        }
        assertTrue(loaded > 0 && loaded < ROUNDS, "mutations both kept some files valid and broke others: " + loaded);
    }

    private static void readAllRows(Path file, int round) {
        try (NpyRowReader reader = NpyRowReader.open(file)) {
            float[] f = new float[64];
            long[] l = new long[64];
            while ((reader.dtype().isFloat() ? reader.readFloats(f, 3) : reader.readIndices(l, 3)) > 0) {
                // just read
            }
        } catch (CodebookFileException expected) {
            // fine: refused with a one-line message
        } catch (RuntimeException | Error e) {
            fail("round " + round + " (row reader, " + file.getFileName() + "): " + e, e);
        }
    }

    /** Flips, overwrites, truncates or extends a copy. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> {
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case 3 -> b = Arrays.copyOf(b, b.length + 1 + random.nextInt(8));
            default -> {
                // a digit in the header text: shapes and lengths that disagree with the data
                int at = random.nextInt(Math.min(b.length, 200));
                b[at] = (byte) ('0' + random.nextInt(10));
            }
        }
        return b;
    }
}
