package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.TestNpy.assertBitsEqual;
import static vqlens.core.testing.TestNpy.assertFileProblem;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.testing.TestNpy;

/** CSV codebooks: the layout, what spreadsheets write, exact float32 round trips, and every refusal naming line and column. */
class CsvCodebookTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) {
        return TestNpy.write(dir.resolve(name + ".csv"), text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void exportHasTheDocumentedLayout() throws Exception {
        QuantizerConfig config = new QuantizerConfig(2, 4, 2);
        Codebooks codebooks = Codebooks.of(config, new float[] {0.1f, -2, 3.5e-8f, Float.NaN, 1, 0, -0f, Float.NEGATIVE_INFINITY}, false);
        Path file = dir.resolve("layout.csv");
        CodebookFiles.save(file, codebooks);
        assertEquals("""
                head,code,v0,v1
                0,0,0.1,-2.0
                0,1,3.5E-8,NaN
                1,0,1.0,0.0
                1,1,-0.0,-Infinity
                """, Files.readString(file));
        CodebookFileInfo info = CodebookFiles.describe(file, null);
        assertEquals(CodebookFormat.CSV, info.format());
        assertEquals(List.of(2L, 2L, 2L), info.shape());
        assertEquals("decimal text", info.dtype());
        assertTrue(info.inited(), "CSV has no flag: initialised");
        assertBitsEqual(codebooks.toArray(), info.codebooks().toArray());
    }

    @Test
    void roundTripsEveryKindOfFloat32BitExactly() {
        float[] special = {Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-40f,
            0.1f, 1f / 3, (float) Math.PI, 16777217f, -0f, 0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Math.nextUp(1f), Math.nextDown(1f), 9.999999e-39f, 3.4028233e38f, 1.17549435E-38f};
        float[] values = TestNpy.randomFloats(99, 3 * 40 * 7);
        System.arraycopy(special, 0, values, 1, special.length);
        java.util.Random random = new java.util.Random(5);
        for (int i = 40; i < values.length; i += 3) {
            values[i] = Float.intBitsToFloat(random.nextInt()); // any bit pattern, NaNs made canonical below
            if (Float.isNaN(values[i])) {
                values[i] = Float.NaN;
            }
        }
        Codebooks original = Codebooks.of(new QuantizerConfig(3, 21, 40), values, true);
        Path file = dir.resolve("bits.csv");
        CodebookFiles.save(file, original);
        Codebooks back = CodebookFiles.load(file);
        assertEquals(original.config(), back.config());
        assertBitsEqual(values, back.toArray());
    }

    @Test
    void readsWhatSpreadsheetsWrite() {
        // Rows in any order, CRLF, a byte order mark, quotes, spaces, numpy's nan/inf spellings, trailing empty lines.
        Path file = TestNpy.write(dir.resolve("sheet.csv"), ("\uFEFF\"Head\", Code ,V0,v1\r\n"
                + "1,0,\"5\",6e0\r\n"
                + "0 , 1, -inf , nan\r\n"
                + "0,0, 1.5 ,+2.\r\n"
                + "1,1,.25,-7E-1\r\n\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        Codebooks c = CodebookFiles.load(file);
        assertEquals(new QuantizerConfig(2, 4, 2), c.config());
        assertBitsEqual(new float[] {1.5f, 2, Float.NEGATIVE_INFINITY, Float.NaN, 5, 6, 0.25f, -0.7f}, c.toArray());
        Path noNewline = csv("nonewline", "head,code,v0\n0,0,1");
        assertBitsEqual(new float[] {1}, CodebookFiles.load(noNewline).toArray());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "empty          | ``                                            | empty file (0 bytes), not a CSV codebook",
        "no-header      | `0,0,1\\n`                                     | line 1, column 1: the header row must be head,code,v0,v1,…; found '0' instead of 'head'",
        "wrong-column   | `head,code,v0,v2\\n0,0,1,2\\n`                  | line 1, column 4: the header row must be head,code,v0,v1,…; found 'v2' instead of 'v1'",
        "no-values      | `head,code\\n0,0\\n`                            | line 1, column 2: the header row has no value columns",
        "only-header    | `head,code,v0\\n`                              | no codes: the file has a header but no rows",
        "short-row      | `head,code,v0,v1\\n0,0,1,2\\n0,1,3\\n`           | line 3, column 3: the row ends after 3 columns, the header has 4",
        "long-row       | `head,code,v0\\n0,0,1,2\\n`                     | line 2, column 4: more values than the header's 1 value columns",
        "not-a-number   | `head,code,v0,v1\\n0,0,1,abc\\n`                | line 2, column 4: (v1) 'abc' is not a number",
        "empty-value    | `head,code,v0\\n0,0,\\n`                        | line 2, column 3: (v0) '' is not a number",
        "hex-float      | `head,code,v0\\n0,0,0x1p3\\n`                   | line 2, column 3: (v0) '0x1p3' is not a number",
        "java-suffix    | `head,code,v0\\n0,0,1f\\n`                      | (v0) '1f' is not a number",
        "comma-decimal  | `head,code,v0\\n0,0,\"1,5\"\\n`                 | line 2, column 3: (v0) '1,5' is not a number",
        "out-of-range   | `head,code,v0\\n0,0,1e39\\n`                    | line 2, column 3: (v0) '1e39' is out of the float32 range",
        "negative-head  | `head,code,v0\\n-1,0,1\\n`                      | line 2, column 1: head must be a non-negative integer (at most 9 digits), found '-1'",
        "float-code     | `head,code,v0\\n0,1.0,1\\n`                     | line 2, column 2: code must be a non-negative integer",
        "huge-code      | `head,code,v0\\n0,9999999999,1\\n`              | code must be a non-negative integer (at most 9 digits), found '9999999999'",
        "duplicate      | `head,code,v0\\n0,0,1\\n0,1,2\\n0,0,3\\n`         | heads 0-0 with codes 0-1 need 2 rows (one per code), found 3: some codes appear twice",
        "missing        | `head,code,v0\\n0,0,1\\n0,2,2\\n`                | heads 0-0 with codes 0-2 need 3 rows (one per code), found 2: some codes are missing",
        "dup-and-miss   | `head,code,v0\\n0,0,1\\n0,0,2\\n1,1,3\\n1,0,4\\n`  | line 3: head 0, code 0 appears twice",
        "missing-head   | `head,code,v0\\n1,0,1\\n`                       | heads 0-1 with codes 0-0 need 2 rows (one per code), found 1: some codes are missing",
        "too-many-codes | `head,code,v0\\n0,16777216,1\\n`                | codes per head must be at most 16777216, got 16777217",
        "gap-line       | `head,code,v0\\n0,0,1\\n\\n0,1,2\\n`              | line 4, column 1: a row after an empty line",
        "open-quote     | `head,code,v0\\n0,0,\"1\\n`                     | line 2, column 3: a quoted field does not end on its line",
        "stray-quote    | `head,code,v0\\n0,0,1\"\\n`                     | line 2, column 3: a quote inside an unquoted field",
        "after-quote    | `head,code,v0\\n0,0,\"1\"2\\n`                  | line 2, column 3: unexpected text after a quoted field"})
    void refused(String name, String text, String problem) {
        Path file = csv(name, text.replace("\\n", "\n"));
        assertFileProblem(file, problem, () -> CodebookFiles.load(file));
    }

    @Test
    void binaryFilesAreRefusedAtTheHeader() {
        Path file = TestNpy.write(dir.resolve("binary.csv"), new byte[] {'P', 'K', 3, 4, 0, 10, 1});
        assertFileProblem(file, "line 1, column 1: the header row must be head,code,v0,v1,…; found 'PK???' instead of 'head'",
                () -> CodebookFiles.load(file));
    }

    @Test
    void longFieldsAndHugeFilesAreRefusedWithoutReadingThemIntoMemory() throws Exception {
        Path longField = csv("long", "head,code,v0\n0,0," + "1".repeat(300) + "\n");
        assertFileProblem(longField, "line 2, column 3: field longer than 256 characters", () -> CodebookFiles.load(longField));
        Path huge = dir.resolve("huge.csv");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.write("head,code,v0\n".getBytes(StandardCharsets.US_ASCII));
            f.setLength((1L << 30) + 1); // sparse
        }
        assertFileProblem(huge, "a CSV codebook of 1073741825 bytes is larger than the limit of 1073741824 bytes",
                () -> CodebookFiles.load(huge));
    }

    @Test
    void aKeyDoesNotApply() {
        Path file = csv("key", "head,code,v0\n0,0,1\n");
        assertFileProblem(file, "a CSV file holds one unnamed codebook", () -> CodebookFiles.load(file, "codebooks"));
        assertEquals(List.of(), CodebookFiles.candidates(file));
    }
}
