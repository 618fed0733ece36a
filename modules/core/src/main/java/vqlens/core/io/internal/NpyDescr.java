package vqlens.core.io.internal;

import java.nio.ByteOrder;
import java.util.Locale;

import vqlens.core.io.NpyDtype;

/**
 * An NPY {@code descr} string such as {@code '<f4'}: element type and byte order. Understands what
 * numpy writes for the {@link NpyDtype}s ({@code <f4 >f8 |u1 |b1 <i8 ...}) plus the {@code =} (native)
 * and {@code |} (not applicable) prefixes. Where a caller asks for it, also fixed-width unicode text
 * ({@code <U12}: UTF-32 code units, as numpy stores a {@code str}); then {@code dtype} is {@code null}
 * and {@code textChars} the width.
 */
public record NpyDescr(NpyDtype dtype, ByteOrder order, int textChars) {

    public static final String SUPPORTED = "bool, int8, uint8, int16, uint16, int32, uint32, int64, float32, float64";
    /** Widest text array read ({@code <U…} width in characters): 16 Mi characters, 64 MiB. */
    public static final int MAX_TEXT_CHARS = 1 << 24;

    public NpyDescr(NpyDtype dtype, ByteOrder order) {
        this(dtype, order, 0);
    }

    public boolean isText() {
        return textChars > 0;
    }

    /** Bytes per element. */
    public int itemSize() {
        return isText() ? textChars * 4 : dtype.itemSize();
    }

    /** numpy's name of the type, e.g. {@code float32}. */
    public static String numpyName(NpyDtype dtype) {
        return dtype.name().toLowerCase(Locale.ROOT);
    }

    /** The descr numpy writes for {@code dtype} in little-endian order, e.g. {@code <f4} or {@code |b1}. */
    public static String littleEndian(NpyDtype dtype) {
        char kind = dtype == NpyDtype.BOOL ? 'b' : dtype.isFloat() ? 'f' : dtype.name().startsWith("U") ? 'u' : 'i';
        return (dtype.itemSize() == 1 ? "|" : "<") + kind + dtype.itemSize();
    }

    /** Parses a numeric or bool descr string; an unsupported one fails with a problem about {@code origin}. */
    public static NpyDescr parse(String descr, Origin origin) {
        return parse(descr, origin, false);
    }

    /** Like {@link #parse(String, Origin)}; with {@code allowText} also {@code <U…} unicode text. */
    public static NpyDescr parse(String descr, Origin origin, boolean allowText) {
        String s = descr;
        ByteOrder order = ByteOrder.nativeOrder();
        if (!s.isEmpty() && "<>=|".indexOf(s.charAt(0)) >= 0) {
            char prefix = s.charAt(0);
            if (prefix == '<') {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (prefix == '>') {
                order = ByteOrder.BIG_ENDIAN;
            }
            s = s.substring(1);
        }
        NpyDtype dtype = switch (s) {
            case "b1", "?" -> NpyDtype.BOOL;
            case "i1", "b" -> NpyDtype.INT8;
            case "u1", "B" -> NpyDtype.UINT8;
            case "i2", "h" -> NpyDtype.INT16;
            case "u2", "H" -> NpyDtype.UINT16;
            case "i4", "i" -> NpyDtype.INT32;
            case "u4", "I" -> NpyDtype.UINT32;
            case "i8", "q" -> NpyDtype.INT64;
            case "f4", "f" -> NpyDtype.FLOAT32;
            case "f8", "d" -> NpyDtype.FLOAT64;
            default -> null;
        };
        if (dtype == null && allowText && s.length() > 1 && s.charAt(0) == 'U') {
            return new NpyDescr(null, order, textWidth(s.substring(1), descr, origin));
        }
        if (dtype == null) {
            String shown = PyLiteralParser.shorten(descr);
            if (s.startsWith("O")) {
                throw origin.fail("object dtype '" + shown + "' needs pickle, which VQ Lens never loads");
            }
            throw origin.fail("unsupported dtype '" + shown + "' (supported: " + SUPPORTED + ")");
        }
        return new NpyDescr(dtype, order);
    }

    private static int textWidth(String digits, String descr, Origin origin) {
        String shown = PyLiteralParser.shorten(descr);
        if (digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw origin.fail("unsupported dtype '" + shown + "' (expected unicode text like '<U12')");
        }
        int width = Integer.parseInt(digits);
        if (width == 0 || width > MAX_TEXT_CHARS) {
            throw origin.fail("unicode text dtype '" + shown + "' must be 1 to " + MAX_TEXT_CHARS + " characters wide");
        }
        return width;
    }

    @Override
    public String toString() {
        if (isText()) {
            return "unicode text of " + textChars + " characters" + (order == ByteOrder.BIG_ENDIAN ? " (big-endian)" : "");
        }
        String name = numpyName(dtype);
        return dtype.itemSize() == 1 || order == ByteOrder.LITTLE_ENDIAN ? name : name + " (big-endian)";
    }
}
