package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vqlens.core.testing.TestNpy.assertFileProblem;
import static vqlens.core.testing.TestNpy.dict;
import static vqlens.core.testing.TestNpy.npy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vqlens.core.testing.TestNpy;

/** Every malformed {@code .npy} is refused with a one-line {@link CodebookFileException} naming file and problem. */
class MalformedNpyTest {
    @TempDir
    Path dir;

    private static final byte[] SIX_FLOATS = new byte[24];

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("zip-not-npy", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0}, "not an NPY file (bad magic 50 4B 03 04"),
                Arguments.of("empty", new byte[0], "empty file"),
                Arguments.of("magic-only", Arrays.copyOf(npy(dict("<f4", false, "(2, 3)"), SIX_FLOATS), 6), "truncated"),
                Arguments.of("version-4", withByte(npy(dict("<f4", false, "(2, 3)"), SIX_FLOATS), 6, 4), "unsupported NPY version 4.0"),
                Arguments.of("header-past-end", withShort(npy(dict("<f4", false, "(2, 3)"), SIX_FLOATS), 8, 1000),
                        "header length 1000 runs past the end of the file"),
                Arguments.of("header-huge", withInt(npy(2, dict("<f4", false, "(2, 3)"), SIX_FLOATS), 8, 0x7fff_fff0),
                        "header length 2147483632 exceeds the limit of 65536 bytes"),
                Arguments.of("object", npy(dict("|O", false, "(2, 3)"), new byte[48]), "object dtype '|O' needs pickle"),
                Arguments.of("complex", npy(dict("<c8", false, "(2, 3)"), new byte[48]), "unsupported dtype '<c8'"),
                Arguments.of("unicode", npy(dict("<U4", false, "(2, 3)"), new byte[96]), "unsupported dtype '<U4'"),
                Arguments.of("half", npy(dict("<f2", false, "(2, 3)"), new byte[12]), "unsupported dtype '<f2'"),
                Arguments.of("structured", npy("{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (2, 3), }", new byte[48]),
                        "structured dtype"),
                Arguments.of("negative", npy(dict("<f4", false, "(-1, 3)"), SIX_FLOATS), "shape (-1, 3) has a negative dimension"),
                Arguments.of("overflow-count", npy(dict("<f4", false, "(4294967296, 4294967296)"), SIX_FLOATS), "absurdly large"),
                Arguments.of("overflow-bytes", npy(dict("<f8", false, "(1152921504606846976, 2)"), SIX_FLOATS), "absurdly large"),
                Arguments.of("overflow-dim", npy(dict("<f4", false, "(100000000000000000000, 3)"), SIX_FLOATS), "absurdly large"),
                Arguments.of("too-many-digits", npy(dict("<f4", false, "(1" + "0".repeat(60) + ", 3)"), SIX_FLOATS), "more than 40 digits"),
                Arguments.of("truncated", npy(dict("<f4", false, "(2, 3)"), new byte[20]),
                        "truncated: header says 2 x 3 float32 (24 bytes of data) but the file holds 20 bytes of data"),
                Arguments.of("absurd-but-small", npy(dict("<f4", false, "(1000000000000, 3)"), SIX_FLOATS),
                        "truncated: header says 1000000000000 x 3 float32"),
                Arguments.of("trailing", npy(dict("<f4", false, "(2, 3)"), new byte[27]), "3 unexpected bytes after the data"),
                Arguments.of("not-a-dict", npy("[1, 2]", SIX_FLOATS), "not a Python dict"),
                Arguments.of("missing-key", npy("{'descr': '<f4', 'shape': (2, 3)}", SIX_FLOATS), "keys must be 'descr', 'fortran_order', 'shape'"),
                Arguments.of("extra-key", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1}", SIX_FLOATS), "found 'descr', 'fortran_order', 'shape', 'x'"),
                Arguments.of("missing-comma", npy("{'descr': '<f4' 'fortran_order': False, 'shape': (2, 3)}", SIX_FLOATS), "malformed header: expected ',' or '}'"),
                Arguments.of("fortran-int", npy("{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 3)}", SIX_FLOATS), "'fortran_order' must be True or False, found 0"),
                Arguments.of("shape-list", npy("{'descr': '<f4', 'fortran_order': False, 'shape': [2, 3]}", SIX_FLOATS), "'shape' must be a tuple of integers"),
                Arguments.of("shape-float", npy(dict("<f4", false, "(2.0, 3)"), SIX_FLOATS), "expected an integer"),
                Arguments.of("shape-string", npy(dict("<f4", false, "('2', 3)"), SIX_FLOATS), "'shape' must be a tuple of integers, found '2'"),
                Arguments.of("nested", npy(dict("<f4", false, "(".repeat(40) + ")".repeat(40)), SIX_FLOATS), "nested more than"),
                Arguments.of("unterminated", npy("{'descr': '<f4, 'fortran_order': False, 'shape': (2, 3)}", SIX_FLOATS), "malformed header"),
                Arguments.of("duplicate-key", npy("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}", SIX_FLOATS), "duplicate key 'descr'"),
                Arguments.of("descr-number", npy("{'descr': 4, 'fortran_order': False, 'shape': (2, 3)}", SIX_FLOATS), "'descr' must be a string"),
                Arguments.of("text-after", npy(dict("<f4", false, "(2, 3)") + " x", SIX_FLOATS), "unexpected text after the end"),
                Arguments.of("bad-utf8", withByte(npy(2, dict("<f4", false, "(2, 3)") + "\u00e9", SIX_FLOATS), 6, 3), "not valid UTF-8"),
                Arguments.of("too-many-dims", npy(dict("<f4", false, "(" + "1, ".repeat(70) + ")"), new byte[4]), "70 dimensions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusedByLoadAndByTheRowReader(String name, byte[] bytes, String problem) {
        Path file = TestNpy.write(dir.resolve(name + ".npy"), bytes);
        assertFileProblem(file, problem, () -> CodebookFiles.load(file));
        assertFileProblem(file, problem, () -> NpyRowReader.open(file));
    }

    @Test
    void codebooksMustBeFloatArraysOfRankTwoOrThree() {
        Path vector = TestNpy.write(dir.resolve("vector.npy"), npy(dict("<f4", false, "(6,)"), SIX_FLOATS));
        assertFileProblem(vector, "codebooks must be a 3-D array [heads, codes, dim] or a 2-D array [codes, dim], found shape (6,)",
                () -> CodebookFiles.load(vector));
        Path scalar = TestNpy.write(dir.resolve("scalar.npy"), npy(dict("<f4", false, "()"), new byte[4]));
        assertFileProblem(scalar, "found shape ()", () -> CodebookFiles.load(scalar));
        Path four = TestNpy.write(dir.resolve("four.npy"), npy(dict("<f4", false, "(1, 2, 3, 1)"), SIX_FLOATS));
        assertFileProblem(four, "found shape (1, 2, 3, 1)", () -> CodebookFiles.load(four));
        Path ints = TestNpy.write(dir.resolve("ints.npy"), npy(dict("<i4", false, "(1, 2, 3)"), SIX_FLOATS));
        assertFileProblem(ints, "codebooks must be float32 or float64, found int32", () -> CodebookFiles.load(ints));
        Path empty = TestNpy.write(dir.resolve("zero.npy"), npy(dict("<f4", false, "(2, 0, 3)"), new byte[0]));
        assertFileProblem(empty, "empty dimension", () -> CodebookFiles.load(empty));
    }

    @Test
    void tooLargeCodebookIsRefusedBeforeAllocating() throws IOException {
        // 2^25 codes of 1 value: a valid 128 MiB file (sparse, costs no disk) but over the codes limit.
        byte[] header = npy(dict("<f4", false, "(33554432, 1)"), new byte[0]);
        Path file = TestNpy.write(dir.resolve("huge.npy"), header);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(header.length + 4L * (1 << 25));
        }
        assertFileProblem(file, "codes per head must be at most", () -> CodebookFiles.load(file));
        try (NpyRowReader reader = NpyRowReader.open(file)) {
            assertEquals(1 << 25, reader.rows(), "fine for streaming");
        }
    }

    private static byte[] withByte(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        return bytes;
    }

    private static byte[] withShort(byte[] bytes, int at, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) value);
        return bytes;
    }

    private static byte[] withInt(byte[] bytes, int at, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return bytes;
    }
}
