package vqlens.core.io.internal;

import java.nio.ByteOrder;
import java.util.Locale;

import vqlens.core.io.NpyDtype;

/**
 * An NPY {@code descr} string such as {@code '<f4'}: element type and byte order. Understands what
 * numpy writes for the {@link NpyDtype}s ({@code <f4 >f8 |u1 |b1 <i8 ...}) plus the {@code =} (native)
 * and {@code |} (not applicable) prefixes.
 */
public record NpyDescr(NpyDtype dtype, ByteOrder order) {

    public static final String SUPPORTED = "bool, int8, uint8, int16, uint16, int32, uint32, int64, float32, float64";

    /** numpy's name of the type, e.g. {@code float32}. */
    public static String numpyName(NpyDtype dtype) {
        return dtype.name().toLowerCase(Locale.ROOT);
    }

    /** The descr numpy writes for {@code dtype} in little-endian order, e.g. {@code <f4} or {@code |b1}. */
    public static String littleEndian(NpyDtype dtype) {
        char kind = dtype == NpyDtype.BOOL ? 'b' : dtype.isFloat() ? 'f' : dtype.name().startsWith("U") ? 'u' : 'i';
        return (dtype.itemSize() == 1 ? "|" : "<") + kind + dtype.itemSize();
    }

    /** Parses a descr string; an unsupported one fails with a problem about {@code origin}. */
    public static NpyDescr parse(String descr, Origin origin) {
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
        if (dtype == null) {
            String shown = PyLiteralParser.shorten(descr);
            if (s.startsWith("O")) {
                throw origin.fail("object dtype '" + shown + "' needs pickle, which VQ Lens never loads");
            }
            throw origin.fail("unsupported dtype '" + shown + "' (supported: " + SUPPORTED + ")");
        }
        return new NpyDescr(dtype, order);
    }

    @Override
    public String toString() {
        String name = numpyName(dtype);
        return dtype.itemSize() == 1 || order == ByteOrder.LITTLE_ENDIAN ? name : name + " (big-endian)";
    }
}
