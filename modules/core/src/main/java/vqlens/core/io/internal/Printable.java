package vqlens.core.io.internal;

/**
 * Names from files (tensor keys, ZIP members, CSV cells) made safe for a one-line message: control and
 * line-breaking characters become {@code ?}, and very long names are cut. Ordinary keys such as
 * {@code model.encoder.quantizer.codebooks} stay intact, so a user can copy them into {@code --key}.
 */
public final class Printable {
    private static final int MAX = 200;

    private Printable() {
    }

    public static String of(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX + 3));
        s.codePoints().limit(MAX + 1L).forEach(cp -> sb.appendCodePoint(
                Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || Character.getType(cp) == Character.FORMAT ? '?' : cp));
        if (sb.codePointCount(0, sb.length()) > MAX) {
            sb.setLength(sb.offsetByCodePoints(0, MAX - 3));
            sb.append("...");
        }
        return sb.toString();
    }

    /** {@link #of} in single quotes. */
    public static String quoted(String s) {
        return "'" + of(s) + "'";
    }
}
