package vqlens.core;

import java.util.List;

/**
 * Names that come from files (tensor keys, ZIP members, CSV cells, meta text) made safe for one line of a
 * message or a terminal: control, format and line-separator characters become {@code ?} (no escape
 * sequence from a hostile file reaches the terminal), and very long names are cut. Ordinary keys such as
 * {@code model.encoder.quantizer.codebooks} stay intact, so a user can copy them into {@code --key}.
 */
public final class Printable {
    /** Longest name shown whole, in code points. */
    public static final int MAX = 200;
    /** Longest message shown whole by {@link #line}, in code points. */
    public static final int MESSAGE_MAX = 4000;

    private Printable() {
    }

    public static String of(String s) {
        return of(s, MAX);
    }

    /** {@code s} made printable and cut to {@code max} code points ({@code …} marks a cut); {@code ""} for null. */
    public static String of(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder((int) Math.min(s.length(), max + 1L));
        int[] count = {0};
        s.codePoints().limit(max + 1L).forEach(cp -> {
            count[0]++;
            sb.appendCodePoint(Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029
                    || Character.getType(cp) == Character.FORMAT ? '?' : cp);
        });
        if (count[0] > max) {
            sb.setLength(sb.offsetByCodePoints(0, max - 1));
            sb.append('…');
        }
        return sb.toString();
    }

    /**
     * A whole one-line message made printable, cut only when absurdly long: the last guard for names a message
     * took from a file without {@link #of}.
     */
    public static String line(String message) {
        return of(message, MESSAGE_MAX);
    }

    /** {@link #of} in single quotes. */
    public static String quoted(String s) {
        return "'" + of(s) + "'";
    }

    /**
     * At most {@code shown} of {@code names}, printable, separated by {@code ", "}, then
     * {@code ", … (N more)"} if some were left out; {@code empty} if there are none.
     */
    public static String list(List<String> names, int shown, String empty) {
        if (names.isEmpty()) {
            return empty;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(shown, names.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(of(names.get(i)));
        }
        if (names.size() > shown) {
            sb.append(", … (").append(names.size() - shown).append(" more)");
        }
        return sb.toString();
    }
}
