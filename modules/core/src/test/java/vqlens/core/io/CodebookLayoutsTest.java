package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vqlens.core.testing.TestNpy.assertBitsEqual;
import static vqlens.core.testing.TestNpy.assertFileProblem;
import static vqlens.core.testing.TestNpy.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import vqlens.core.Codebooks;
import vqlens.core.testing.TestNpy;

/**
 * {@code .npy} codebooks in every layout numpy can write: [H,K,D] and [K,D], float32 and float64, little
 * and big endian, C and Fortran order, also inside an {@code .npz}; and what every format says about
 * empty files and directories.
 */
class CodebookLayoutsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> layouts() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (int rank : new int[] {2, 3}) {
            for (String type : new String[] {"f4", "f8"}) {
                for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                    for (boolean fortran : new boolean[] {false, true}) {
                        all.add(Arguments.of(rank, type, order, fortran));
                    }
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "rank {0}, {1}, {2}, fortran {3}")
    @MethodSource("layouts")
    void everyLayoutLoadsInCOrder(int rank, String type, ByteOrder order, boolean fortran) {
        long[] shape = rank == 3 ? new long[] {2, 3, 4} : new long[] {6, 4};
        int n = 24;
        float[] c = TestNpy.randomFloats(rank * 100 + type.hashCode() + (fortran ? 1 : 0), n);
        // Position of C-order element i in Fortran order (first axis fastest).
        ByteBuffer data = ByteBuffer.allocate(n * (type.equals("f4") ? 4 : 8)).order(order);
        float[] stored = new float[n];
        for (int i = 0; i < n; i++) {
            stored[fortran ? fortranIndex(i, shape) : i] = c[i];
        }
        for (float v : stored) {
            if (type.equals("f4")) {
                data.putFloat(v);
            } else {
                data.putDouble(v);
            }
        }
        String descr = (order == ByteOrder.BIG_ENDIAN ? ">" : "<") + type;
        String shapeText = rank == 3 ? "(2, 3, 4)" : "(6, 4)";
        byte[] file = npy(TestNpy.dict(descr, fortran, shapeText), data.array());
        Codebooks fromNpy = CodebookFiles.load(TestNpy.write(dir.resolve("a.npy"), file));
        assertEquals(rank == 3 ? 2 : 1, fromNpy.config().heads());
        assertEquals(4, fromNpy.config().headDim());
        assertBitsEqual(c, fromNpy.toArray()); // float64 holds every float32 exactly
        TestZip zip = new TestZip();
        zip.deflated("codebooks.npy", file);
        CodebookFileInfo info = CodebookFiles.describe(TestNpy.write(dir.resolve("a.npz"), zip.build()), null);
        assertBitsEqual(c, info.codebooks().toArray());
        assertEquals(rank == 3 ? List.of(2L, 3L, 4L) : List.of(6L, 4L), info.shape());
        assertEquals((type.equals("f4") ? "float32" : "float64") + (order == ByteOrder.BIG_ENDIAN ? " (big-endian)" : ""), info.dtype());
    }

    private static int fortranIndex(int c, long[] shape) {
        int[] index = new int[shape.length];
        for (int j = shape.length - 1, rest = c; j >= 0; j--) {
            index[j] = rest % (int) shape[j];
            rest /= (int) shape[j];
        }
        int f = 0;
        for (int j = shape.length - 1; j >= 0; j--) {
            f = f * (int) shape[j] + index[j];
        }
        return f;
    }

    @ParameterizedTest
    @EnumSource(CodebookFormat.class)
    void emptyFilesAndDirectoriesAreRefused(CodebookFormat format) throws Exception {
        Path empty = TestNpy.write(dir.resolve("empty." + format.extension()), new byte[0]);
        CodebookFileException e = assertFileProblem(empty, "", () -> CodebookFiles.load(empty));
        assertEquals(true, e.getMessage().contains("empty") || e.getMessage().contains("only 0 bytes"), e.getMessage());
        Path folder = Files.createDirectory(dir.resolve("folder." + format.extension()));
        assertFileProblem(folder, "is a directory, not a file", () -> CodebookFiles.load(folder));
        assertFileProblem(folder, "is a directory, not a file", () -> CodebookFiles.candidates(folder));
        assertFileProblem(folder, "is a directory, cannot write a file there",
                () -> CodebookFiles.save(folder, CodebookFilesTest.sample(1, 2, 2, 1, true)));
        Path truncated = dir.resolve("truncated." + format.extension());
        CodebookFiles.save(truncated, CodebookFilesTest.sample(2, 3, 2, 1, true));
        byte[] whole = TestNpy.bytes(truncated);
        // CSV has no length field: cut its last row (a cut inside the last value would still be a number).
        int cut = format == CodebookFormat.CSV ? new String(whole, StandardCharsets.US_ASCII).lastIndexOf('\n', whole.length - 2) + 1
                : whole.length - 7;
        TestNpy.write(truncated, Arrays.copyOf(whole, cut));
        assertFileProblem(truncated, format == CodebookFormat.CSV ? "some codes are missing" : "", () -> CodebookFiles.load(truncated));
    }
}
