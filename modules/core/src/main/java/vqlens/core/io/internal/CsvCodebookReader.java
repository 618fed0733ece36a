package vqlens.core.io.internal;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import vqlens.core.Printable;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.CodebookFormat;

/**
 * Reads a CSV codebook: the header row {@code head,code,v0,v1,…,v<D-1>}, then one row per code with its
 * 0-based head and code and its {@code D} values, in any order. Two passes: the first checks the
 * structure (every row as long as the header, integer head and code, number syntax) and counts the
 * rows, so the shape is known and checked before the values are allocated; the second parses the values
 * and finds duplicate rows. Empty lines may only end the file.
 */
public final class CsvCodebookReader {
    /** Larger CSV files are refused unread: convert such codebooks with numpy or use {@code .npz}. */
    public static final long MAX_FILE_BYTES = 1L << 30;
    private static final int MAX_INDEX_DIGITS = 9;

    private CsvCodebookReader() {
    }

    public static CodebookFileInfo read(Origin origin, ByteRegion region, String key) {
        if (key != null) {
            throw origin.fail("a CSV file holds one unnamed codebook; a key ('" + Printable.of(key)
                    + "') applies to .npz and .safetensors files");
        }
        if (region.size() == 0) {
            throw origin.fail("empty file (0 bytes), not a CSV codebook");
        }
        if (region.size() > MAX_FILE_BYTES) {
            throw origin.fail("a CSV codebook of " + region.size() + " bytes is larger than the limit of " + MAX_FILE_BYTES
                    + " bytes; use .npz for codebooks this big");
        }
        // Pass 1: header, structure and counts; nothing proportional to the file is allocated.
        CsvTokens tokens = new CsvTokens(origin, region);
        int dim = readHeader(tokens);
        long rows = 0;
        long maxHead = -1;
        long maxCode = -1;
        while (true) {
            int end = tokens.next();
            if (isEmptyLine(tokens, end)) {
                expectOnlyEmptyLines(tokens, end);
                break;
            }
            rows++;
            maxHead = Math.max(maxHead, index(tokens, "head"));
            expectMore(tokens, end, dim);
            end = tokens.next();
            maxCode = Math.max(maxCode, index(tokens, "code"));
            for (int d = 0; d < dim; d++) {
                expectMore(tokens, end, dim);
                end = tokens.next();
                checkNumber(tokens, d);
            }
            if (end == CsvTokens.COMMA) {
                tokens.next();
                throw tokens.fail("more values than the header's " + dim + " value columns");
            }
            if (end == CsvTokens.END_OF_FILE) {
                break;
            }
        }
        if (rows == 0) {
            throw origin.fail("no codes: the file has a header but no rows");
        }
        QuantizerConfig config;
        try {
            config = QuantizerConfig.ofCodebookShape(maxHead + 1, maxCode + 1, dim);
        } catch (VqException e) {
            throw origin.fail("rows up to head " + maxHead + " and code " + maxCode + " with " + dim + " values: " + e.getMessage());
        }
        long expected = (long) config.heads() * config.codes();
        if (rows != expected) {
            throw origin.fail("heads 0-" + maxHead + " with codes 0-" + maxCode + " need " + expected + " rows (one per code), found "
                    + rows + (rows < expected ? ": some codes are missing" : ": some codes appear twice"));
        }

        // Pass 2: the values, into their places; rows == heads x codes, so a duplicate is also a missing code.
        HeapCheck.floats(origin, config.codebookValues(), "the codebooks (" + config + ")");
        float[] values = new float[config.codebookValues()];
        BitSet seen = new BitSet((int) expected);
        tokens = new CsvTokens(origin, region);
        readHeader(tokens);
        for (long r = 0; r < rows; r++) {
            tokens.next();
            int head = (int) index(tokens, "head");
            tokens.next();
            int code = (int) index(tokens, "code");
            long where = tokens.line();
            if (head >= config.heads() || code >= config.codes()) {
                throw origin.fail("the file changed while being read");
            }
            int slot = head * config.codes() + code;
            if (seen.get(slot)) {
                throw origin.fail("line " + where + ": head " + head + ", code " + code + " appears twice");
            }
            seen.set(slot);
            int at = slot * dim;
            for (int d = 0; d < dim; d++) {
                tokens.next();
                values[at + d] = parse(tokens, d);
            }
        }
        Codebooks codebooks = Codebooks.wrap(config, values, true);
        return new CodebookFileInfo(origin.file(), CodebookFormat.CSV, List.of(), List.of(), null,
                List.of((long) config.heads(), (long) config.codes(), (long) dim), "decimal text",
                "absent (counts as initialised)", CodebookDocument.of(codebooks));
    }

    /** Checks {@code head,code,v0,…} and returns the number of value columns. */
    private static int readHeader(CsvTokens tokens) {
        int columns = 0;
        int end;
        do {
            end = tokens.next();
            String expected = columns == 0 ? "head" : columns == 1 ? "code" : "v" + (columns - 2);
            if (!tokens.field().equalsIgnoreCase(expected)) {
                throw tokens.fail("the header row must be head,code,v0,v1,…; found " + Printable.quoted(tokens.field())
                        + " instead of '" + expected + "'");
            }
            if (++columns - 2 > QuantizerConfig.MAX_CODEBOOK_VALUES) {
                throw tokens.fail("more value columns than any codebook can have");
            }
        } while (end == CsvTokens.COMMA);
        if (columns < 3) {
            throw tokens.fail("the header row has no value columns (head,code,v0,v1,…)");
        }
        return columns - 2;
    }

    private static boolean isEmptyLine(CsvTokens tokens, int end) {
        return end != CsvTokens.COMMA && tokens.field().isEmpty();
    }

    private static void expectOnlyEmptyLines(CsvTokens tokens, int end) {
        while (end != CsvTokens.END_OF_FILE) {
            end = tokens.next();
            if (!isEmptyLine(tokens, end)) {
                throw tokens.fail("a row after an empty line (empty lines may only end the file)");
            }
        }
    }

    private static void expectMore(CsvTokens tokens, int end, int dim) {
        if (end != CsvTokens.COMMA) {
            throw tokens.fail("the row ends after " + tokens.column() + " columns, the header has " + (dim + 2));
        }
    }

    /** A head or code: a small non-negative integer. */
    private static long index(CsvTokens tokens, String what) {
        String s = tokens.field();
        if (s.isEmpty() || s.length() > MAX_INDEX_DIGITS || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw tokens.fail(what + " must be a non-negative integer (at most " + MAX_INDEX_DIGITS + " digits), found "
                    + Printable.quoted(s));
        }
        return Long.parseLong(s);
    }

    /** Decimal syntax only ({@code -1.5e-3}, {@code .5}, {@code 7.}) or nan/inf/infinity; no hex, no Java suffixes. */
    private static void checkNumber(CsvTokens tokens, int d) {
        String s = tokens.field();
        if (special(s) == null && !decimal(s)) {
            throw tokens.fail("(v" + d + ") " + Printable.quoted(s) + " is not a number");
        }
    }

    private static float parse(CsvTokens tokens, int d) {
        checkNumber(tokens, d); // again: the file may have changed since the first pass
        String s = tokens.field();
        Float special = special(s);
        if (special != null) {
            return special;
        }
        float v = Float.parseFloat(s);
        if (Float.isInfinite(v)) {
            throw tokens.fail("(v" + d + ") " + Printable.quoted(s) + " is out of the float32 range");
        }
        return v;
    }

    private static Float special(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        return switch (t) {
            case "nan" -> Float.NaN;
            case "inf", "infinity" -> negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
            default -> null;
        };
    }

    private static boolean decimal(String s) {
        int n = s.length();
        int start = afterSign(s, 0);
        int i = afterDigits(s, start);
        int digits = i - start;
        if (i < n && s.charAt(i) == '.') {
            int fraction = afterDigits(s, i + 1);
            digits += fraction - (i + 1);
            i = fraction;
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int exponent = afterSign(s, i + 1);
            i = afterDigits(s, exponent);
            if (i == exponent) {
                return false;
            }
        }
        return i == n;
    }

    private static int afterSign(String s, int i) {
        return i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-') ? i + 1 : i;
    }

    private static int afterDigits(String s, int i) {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
