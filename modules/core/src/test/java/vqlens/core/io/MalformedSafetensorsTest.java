package vqlens.core.io;

import static vqlens.core.testing.TestNpy.assertFileProblem;
import static vqlens.core.testing.TestSafetensors.entry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vqlens.core.testing.TestNpy;
import vqlens.core.testing.TestSafetensors;

/**
 * Every malformed or hostile {@code .safetensors} file is refused with one line naming the file and the
 * problem; the cases follow the format's own validation rules (the reference implementation's errors:
 * HeaderTooSmall, HeaderTooLarge, InvalidHeaderLength, InvalidHeader, InvalidHeaderStart,
 * InvalidHeaderDeserialization, InvalidOffset, ValidationOverflow, MisalignedSlice, TensorInvalidInfo,
 * MetadataIncompleteBuffer) plus what codebooks need.
 */
class MalformedSafetensorsTest {
    private static final long[] SHAPE = {1, 2, 2};
    private static final float[] VALUES = {1, 2, 3, 4};

    @TempDir
    Path dir;

    private static TestSafetensors valid() {
        return new TestSafetensors().f32("codebooks", SHAPE, VALUES).bool("inited", true);
    }

    private static TestSafetensors raw(String header, int dataBytes) {
        return new TestSafetensors().rawHeader(header).trailing(new byte[dataBytes]);
    }

    private static Arguments bytes(String name, byte[] bytes, String problem) {
        return Arguments.of(name, (Supplier<byte[]>) () -> bytes, problem);
    }

    private static Arguments file(String name, Supplier<TestSafetensors> file, String problem) {
        return Arguments.of(name, (Supplier<byte[]>) () -> file.get().build(), problem);
    }

    static Stream<Arguments> malformed() {
        byte[] whole = valid().build();
        return Stream.of(
                bytes("empty", new byte[0], "empty file (0 bytes), not a safetensors file"),
                bytes("too-small", new byte[] {8, 0, 0}, "truncated: a safetensors file starts with an 8-byte header length, the file has only 3 bytes"),
                bytes("truncated-header", Arrays.copyOf(whole, 40), "truncated: header length 128 runs past the end of the file (40 bytes)"),
                bytes("truncated-data", Arrays.copyOf(whole, whole.length - 3),
                        "truncated: tensor 'inited' ends at byte 17 of the data section, which holds only 14 bytes"),
                file("length-past-end", () -> valid().declaredLength(5000L), "truncated: header length 5000 runs past the end of the file"),
                file("length-over-limit", () -> valid().declaredLength(1L << 40), "header length 1099511627776 exceeds the safetensors limit of 100000000 bytes"),
                file("length-unsigned", () -> valid().declaredLength(-1L), "header length 18446744073709551615 exceeds the safetensors limit"),
                bytes("zip-not-safetensors", zip(), "not a safetensors file: it is a ZIP archive"),
                bytes("pickle", new byte[] {(byte) 0x80, 2, '}', 'q', 0, 0, 0, 0, 0, 0}, "it is a Python pickle"),
                bytes("npy", TestNpy.npy(TestNpy.dict("<f4", false, "(1, 2)"), new byte[8]), "it is an NPY array"),
                file("not-json", () -> raw("hello", 0), "malformed header: does not start with '{'"),
                file("zero-length", () -> raw("", 0), "malformed header: empty (header length 0)"),
                file("invalid-json", () -> raw("{\"codebooks\":{\"dtype\":\"F32\",", 0), "malformed header: Unexpected end-of-input"),
                file("trailing-garbage", () -> raw("{} {}", 0), "malformed header: unexpected text after the JSON object"),
                file("not-an-object", () -> raw("{\"codebooks\":[1,2]}", 0), "tensor 'codebooks' must be an object with dtype, shape and data_offsets"),
                file("duplicate-tensor", () -> raw("{" + entry("inited", "BOOL", "[]", 0, 1) + "," + entry("inited", "BOOL", "[]", 0, 1) + "}", 1),
                        "malformed header: Duplicate field 'inited'"),
                file("duplicate-field", () -> raw("{\"codebooks\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[1,1],\"data_offsets\":[0,4]}}", 4),
                        "malformed header: Duplicate field 'dtype'"),
                file("metadata-not-strings", () -> raw("{\"__metadata__\":{\"inited\":true}}", 0),
                        "'__metadata__' values must be strings, 'inited' is not"),
                file("metadata-array", () -> raw("{\"__metadata__\":[]}", 0), "'__metadata__' must be an object of strings"),
                file("missing-dtype", () -> raw("{\"codebooks\":{\"shape\":[1,1],\"data_offsets\":[0,4]}}", 4), "tensor 'codebooks' has no 'dtype'"),
                file("missing-offsets", () -> raw("{\"codebooks\":{\"dtype\":\"F32\",\"shape\":[1,1]}}", 4), "tensor 'codebooks' has no 'data_offsets'"),
                file("unknown-dtype", () -> raw("{" + entry("codebooks", "F128", "[1,1]", 0, 16) + "}", 16),
                        "tensor 'codebooks' has an unknown dtype 'F128'"),
                file("lowercase-dtype", () -> raw("{" + entry("codebooks", "f32", "[1,1]", 0, 4) + "}", 4), "unknown dtype 'f32'"),
                file("negative-dim", () -> raw("{" + entry("codebooks", "F32", "[-1,1]", 0, 4) + "}", 4),
                        "tensor 'codebooks': 'shape' holds a negative number (-1)"),
                file("float-dim", () -> raw("{" + entry("codebooks", "F32", "[1.0,1]", 0, 4) + "}", 4),
                        "tensor 'codebooks': 'shape' must be an array of non-negative integers"),
                file("huge-dim", () -> raw("{" + entry("codebooks", "F32", "[99999999999999999999,1]", 0, 4) + "}", 4),
                        "'shape' holds an absurdly large number"),
                file("overflowing-shape", () -> raw("{" + entry("codebooks", "F32", "[4294967296,4294967296,2]", 0, 4) + "}", 4),
                        "tensor 'codebooks': shape [4294967296, 4294967296, 2] is absurdly large (its element count overflows)"),
                file("overflowing-bytes", () -> raw("{" + entry("codebooks", "F64", "[4611686018427387904]", 0, 4) + "}", 4),
                        "is absurdly large (its byte size overflows)"),
                file("too-many-dims", () -> raw("{" + entry("codebooks", "F32", "[" + "1,".repeat(70) + "1]", 0, 4) + "}", 4),
                        "'shape' has more than 64 entries"),
                file("three-offsets", () -> raw("{\"codebooks\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", 8),
                        "'data_offsets' has more than 2 entries"),
                file("misaligned-f4", () -> raw("{" + entry("codebooks", "F4", "[3]", 0, 1) + "}", 1),
                        "tensor 'codebooks': 3 F4 elements do not fill whole bytes"),
                file("size-disagrees", () -> raw("{" + entry("codebooks", "F32", "[1,2,2]", 0, 12) + "}", 12),
                        "tensor 'codebooks': dtype F32 and shape [1, 2, 2] need 16 bytes but data_offsets [0, 12] span 12"),
                file("end-before-begin", () -> raw("{" + entry("codebooks", "F32", "[1,2,2]", 16, 0) + "}", 16),
                        "tensor 'codebooks': data_offsets [16, 0] end before they begin"),
                file("outside", () -> raw("{" + entry("codebooks", "F32", "[1,2,2]", 0, 16) + "}", 8),
                        "truncated: tensor 'codebooks' ends at byte 16 of the data section, which holds only 8 bytes"),
                file("overlapping", () -> raw("{" + entry("codebooks", "F32", "[1,2,2]", 0, 16) + "," + entry("inited", "BOOL", "[]", 15, 16) + "}", 16),
                        "tensor 'inited' (data_offsets [15, 16]) overlaps tensor 'codebooks' (data_offsets [0, 16])"),
                file("gap", () -> raw("{" + entry("codebooks", "F32", "[1,2,2]", 0, 16) + "," + entry("inited", "BOOL", "[]", 20, 21) + "}", 21),
                        "bytes 16 to 20 of the data section are not covered by any tensor (the next one is 'inited')"),
                file("not-from-zero", () -> raw("{" + entry("codebooks", "F32", "[1,2,2]", 4, 20) + "}", 20),
                        "bytes 0 to 4 of the data section are not covered by any tensor"),
                file("not-covering", () -> valid().trailing(new byte[] {1, 2, 3}), "3 unexpected bytes after the last tensor (the tensors cover 17 of the 20 data bytes)"),
                file("no-tensors", () -> raw("{}", 0), "no codebook tensor"),
                file("only-other-tensors", () -> new TestSafetensors().f32("weight", new long[] {2, 2}, VALUES),
                        "no codebook tensor (a F32, F16, BF16, F64 tensor [heads, codes, dim] or [codes, dim] named 'codebooks' or '<prefix>.codebooks', or a single 3-D float tensor); it holds: 'weight' (F32 [2, 2])"),
                file("int-codebooks", () -> new TestSafetensors().add("codebooks", "I32", SHAPE, new byte[16]), "no codebook tensor"),
                file("rank-4", () -> new TestSafetensors().f32("codebooks", new long[] {1, 1, 2, 2}, VALUES), "no codebook tensor"),
                file("zero-codes", () -> new TestSafetensors().add("codebooks", "F32", new long[] {2, 0, 3}, new byte[0]),
                        "tensor 'codebooks': codebook shape [2, 0, 3] has an empty dimension"),
                file("zero-dim", () -> new TestSafetensors().add("codebooks", "F32", new long[] {4, 0}, new byte[0]), "has an empty dimension"),
                file("inited-shape", () -> new TestSafetensors().f32("codebooks", SHAPE, VALUES).add("inited", "BOOL", new long[] {2}, new byte[2]),
                        "tensor 'inited' (BOOL [2]) must be a single BOOL or integer value"),
                file("inited-float", () -> new TestSafetensors().f32("codebooks", SHAPE, VALUES).f32("inited", new long[0], 1),
                        "tensor 'inited' (F32 []) must be a single BOOL or integer value"),
                file("inited-metadata", () -> new TestSafetensors().metadata("{\"inited\":\"yes\"}").f32("codebooks", SHAPE, VALUES),
                        "__metadata__ \"inited\" must be \"true\" or \"false\", found 'yes'"),
                file("control-chars-in-name", () -> new TestSafetensors().f32("bad\nname\u0007", new long[] {4}, VALUES),
                        "it holds: 'bad?name?' (F32 [4])"));
    }

    private static byte[] zip() {
        TestZip zip = new TestZip();
        zip.stored("codebooks.npy", TestNpy.npy(TestNpy.dict("<f4", false, "(1, 2)"), new byte[8]));
        return zip.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refused(String name, Supplier<byte[]> bytes, String problem) {
        Path file = TestNpy.write(dir.resolve(name + ".safetensors"), bytes.get());
        assertFileProblem(file, problem, () -> CodebookFiles.load(file));
        assertFileProblem(file, problem, () -> CodebookFiles.describe(file, null));
        try {
            CodebookFiles.candidates(file); // reads the header only: some problems show only when loading
        } catch (CodebookFileException e) {
            assertFileProblem(file, "", () -> {
                throw e;
            });
        }
    }

    @Test
    void tooLargeCodebookIsRefusedBeforeAllocating() throws Exception {
        long codes = (1 << 24) + 1;
        String json = "{" + entry("codebooks", "F32", "[1," + codes + ",1]", 0, codes * 4) + "}";
        byte[] header = TestSafetensors.padded(json);
        Path file = dir.resolve("huge.safetensors");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.write(header);
            f.setLength(header.length + codes * 4); // sparse: no disk space, no memory
        }
        assertFileProblem(file, "tensor 'codebooks': codes per head must be at most 16777216, got 16777217",
                () -> CodebookFiles.load(file));
    }

    @Test
    void invalidUtf8InTheHeader() {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.US_ASCII);
        json[2] = (byte) 0xff;
        ByteBuffer b = ByteBuffer.allocate(8 + 8).order(ByteOrder.LITTLE_ENDIAN).putLong(8).put(json).put((byte) ' ');
        Path file = TestNpy.write(dir.resolve("utf8.safetensors"), b.array());
        assertFileProblem(file, "malformed header: not valid UTF-8", () -> CodebookFiles.load(file));
    }

    @Test
    void directoriesAndMissingFiles() throws Exception {
        Path folder = java.nio.file.Files.createDirectory(dir.resolve("folder.safetensors"));
        assertFileProblem(folder, "is a directory", () -> CodebookFiles.load(folder));
        assertFileProblem(folder, "is a directory", () -> CodebookFiles.candidates(folder));
        Path missing = dir.resolve("missing.safetensors");
        assertFileProblem(missing, "no such file", () -> CodebookFiles.load(missing));
    }
}
