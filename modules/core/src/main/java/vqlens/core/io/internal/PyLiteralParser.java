package vqlens.core.io.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the subset of Python literals an NPY header uses (what {@code ast.literal_eval} accepts for
 * it): dicts with string keys, tuples, lists, strings in single or double quotes, integers (also the
 * Python 2 {@code 3L} form), {@code True}, {@code False}, {@code None}; trailing commas allowed.
 * Values map to {@link Map}, {@link Tuple}, {@link List}, {@link String}, {@link BigInteger},
 * {@link Boolean} and {@link #NONE}. Nesting is bounded so hostile headers cannot overflow the stack.
 */
public final class PyLiteralParser {
    /** Python's {@code None}. */
    public static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A Python tuple (an NPY shape is a tuple, a structured dtype a list). */
    public record Tuple(List<Object> items) {
    }

    /** The problem, worded for a user; the caller adds which file it is. */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 16;
    private static final int MAX_INT_DIGITS = 40;

    private final String text;
    private int pos;

    private PyLiteralParser(String text) {
        this.text = text;
    }

    /** Parses one literal that must fill {@code text} up to trailing whitespace. */
    public static Object parse(String text) throws SyntaxError {
        PyLiteralParser parser = new PyLiteralParser(text);
        Object value = parser.value(0);
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected text after the end");
        }
        return value;
    }

    private Object value(int depth) throws SyntaxError {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict(depth);
            case '(':
                return sequence(depth, ')', true);
            case '[':
                return sequence(depth, ']', false);
            case '\'':
            case '"':
                return string();
            default:
                break;
        }
        if (c == 'u' || c == 'U') {
            if (pos + 1 < text.length() && (text.charAt(pos + 1) == '\'' || text.charAt(pos + 1) == '"')) {
                pos++;
                return string();
            }
        }
        if (c == '-' || c == '+' || isDigit(c)) {
            return integer();
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String word = text.substring(start, pos);
            switch (word) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return NONE;
                default:
                    pos = start;
                    throw error("unexpected name '" + shorten(word) + "'");
            }
        }
        throw error("unexpected character " + show(c));
    }

    private Map<String, Object> dict(int depth) throws SyntaxError {
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            Object key = value(depth + 1);
            if (!(key instanceof String name)) {
                throw error("dict keys must be strings");
            }
            skipSpace();
            expect(':', "after key '" + shorten(name) + "'");
            Object value = value(depth + 1);
            if (map.putIfAbsent(name, value) != null) {
                throw error("duplicate key '" + shorten(name) + "'");
            }
            if (!separatorOrEnd('}')) {
                throw error("expected ',' or '}' after the value of '" + shorten(name) + "'");
            }
        }
    }

    private Object sequence(int depth, char close, boolean tuple) throws SyntaxError {
        pos++; // '(' or '['
        List<Object> items = new ArrayList<>();
        boolean sawComma = false;
        while (true) {
            skipSpace();
            if (peek() == close) {
                pos++;
                break;
            }
            items.add(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                pos++;
                sawComma = true;
            } else if (peek() == close) {
                pos++;
                break;
            } else {
                throw error("expected ',' or '" + close + "'");
            }
        }
        if (tuple && items.size() == 1 && !sawComma) {
            return items.get(0); // "(3)" is a parenthesized 3, not a tuple
        }
        return tuple ? new Tuple(List.copyOf(items)) : items;
    }

    /** After a value: consumes ',' (true) or the closing bracket (true, bracket left for the caller). */
    private boolean separatorOrEnd(char close) {
        skipSpace();
        if (peek() == ',') {
            pos++;
            return true;
        }
        return peek() == close;
    }

    private String string() throws SyntaxError {
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\n') {
                break;
            }
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n':
                        sb.append('\n');
                        break;
                    case 't':
                        sb.append('\t');
                        break;
                    case 'x':
                        sb.append((char) hex(2));
                        break;
                    case 'u':
                        sb.append((char) hex(4));
                        break;
                    default:
                        sb.append(e); // \\, \', \" and anything else: the character itself
                }
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated string");
    }

    private int hex(int digits) throws SyntaxError {
        if (pos + digits > text.length()) {
            throw error("bad escape in string");
        }
        try {
            int v = Integer.parseInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            return v;
        } catch (NumberFormatException e) {
            throw error("bad escape in string");
        }
    }

    private BigInteger integer() throws SyntaxError {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
            skipSpace();
        }
        int digitsStart = pos;
        while (pos < text.length() && (isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String digits = text.substring(digitsStart, pos).replace("_", "");
        if (digits.isEmpty()) {
            throw error("expected a number");
        }
        if (digits.length() > MAX_INT_DIGITS) {
            throw error("number with more than " + MAX_INT_DIGITS + " digits");
        }
        if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
            pos++; // Python 2 long
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || Character.isLetter(text.charAt(pos)))) {
            throw error("expected an integer");
        }
        BigInteger v = new BigInteger(digits);
        return text.charAt(start) == '-' ? v.negate() : v;
    }

    private void expect(char c, String where) throws SyntaxError {
        if (peek() != c) {
            throw error("expected '" + c + "' " + where);
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private SyntaxError error(String problem) {
        return new SyntaxError(problem + " at offset " + pos);
    }

    private static String show(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    static String shorten(String s) {
        String printable = s.codePoints()
                .map(cp -> cp >= 0x20 && cp < 0x7f ? cp : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= 40 ? printable : printable.substring(0, 37) + "...";
    }
}
