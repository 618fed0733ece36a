package vqlens.core.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Splits CSV bytes into fields, streaming through a small buffer: comma-separated, lines ending in
 * {@code \n}, {@code \r\n} or {@code \r}, fields optionally in double quotes ({@code ""} inside quotes is
 * one quote), spaces and tabs around a field ignored, a leading UTF-8 byte order mark skipped. A field
 * longer than {@link #MAX_FIELD} characters is refused, so memory does not depend on the input. Fields
 * are decoded as ISO-8859-1: codebook CSVs are ASCII, and anything else is refused by the caller anyway.
 */
final class CsvTokens {
    /** Longer than any number or column name in a codebook CSV. */
    static final int MAX_FIELD = 256;
    /** What {@link #next} returns after the last field of a line or of the file. */
    static final int END_OF_LINE = '\n';
    static final int END_OF_FILE = -1;
    static final int COMMA = ',';

    private final Origin origin;
    private final ByteRegion region;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private final StringBuilder field = new StringBuilder(MAX_FIELD);
    private long position;
    private long line = 1;
    private int column = 1;
    private long fieldLine = 1;
    private int fieldColumn = 1;

    CsvTokens(Origin origin, ByteRegion region) {
        this.origin = origin;
        this.region = region;
        buffer.limit(0);
        if (region.size() >= 3) {
            ByteBuffer start = ByteRegion.read(origin, region, 0, 3, "read the file");
            if ((start.get(0) & 0xff) == 0xef && (start.get(1) & 0xff) == 0xbb && (start.get(2) & 0xff) == 0xbf) {
                position = 3; // spreadsheets write a UTF-8 byte order mark
            }
        }
    }

    /** The text of the field {@link #next} read (trimmed, unquoted). */
    String field() {
        return field.toString();
    }

    /** 1-based line and column (field index) of the field {@link #next} read. */
    long line() {
        return fieldLine;
    }

    int column() {
        return fieldColumn;
    }

    /** {@code "line 5, column 3"} of the last field. */
    String where() {
        return "line " + fieldLine + ", column " + fieldColumn;
    }

    /**
     * Reads the next field; returns what ended it: {@link #COMMA}, {@link #END_OF_LINE} or {@link #END_OF_FILE}.
     * After {@code END_OF_FILE} every call returns it again with an empty field.
     */
    int next() {
        field.setLength(0);
        fieldLine = line;
        fieldColumn = column;
        int b = read();
        while (b == ' ' || b == '\t') {
            b = read();
        }
        if (b == '"') {
            while (true) {
                b = read();
                if (b == '"') {
                    b = read();
                    if (b != '"') {
                        break;
                    }
                } else if (b < 0 || b == '\n' || b == '\r') {
                    throw fail("a quoted field does not end on its line");
                }
                append(b);
            }
            while (b == ' ' || b == '\t') {
                b = read();
            }
            if (b != ',' && b != '\n' && b != '\r' && b >= 0) {
                throw fail("unexpected text after a quoted field");
            }
        } else {
            while (b >= 0 && b != ',' && b != '\n' && b != '\r') {
                if (b == '"') {
                    throw fail("a quote inside an unquoted field");
                }
                append(b);
                b = read();
            }
            int end = field.length();
            while (end > 0 && (field.charAt(end - 1) == ' ' || field.charAt(end - 1) == '\t')) {
                end--;
            }
            field.setLength(end);
        }
        if (b == ',') {
            column++;
            return COMMA;
        }
        if (b < 0) {
            return END_OF_FILE;
        }
        if (b == '\r' && peek() == '\n') {
            read();
        }
        line++;
        column = 1;
        return END_OF_LINE;
    }

    /** True when only the end of the file is left. */
    boolean atEnd() {
        return position >= region.size() && !buffer.hasRemaining();
    }

    RuntimeException fail(String problem) {
        return origin.fail(where() + ": " + problem);
    }

    private void append(int b) {
        if (field.length() == MAX_FIELD) {
            throw fail("field longer than " + MAX_FIELD + " characters");
        }
        field.append((char) b);
    }

    private int peek() {
        if (!fill()) {
            return -1;
        }
        return buffer.get(buffer.position()) & 0xff;
    }

    private int read() {
        if (!fill()) {
            return -1;
        }
        return buffer.get() & 0xff;
    }

    private boolean fill() {
        if (buffer.hasRemaining()) {
            return true;
        }
        if (position >= region.size()) {
            return false;
        }
        buffer.clear().limit((int) Math.min(buffer.capacity(), region.size() - position));
        try {
            region.readFully(position, buffer);
        } catch (IOException e) {
            throw origin.io("read", e);
        }
        position += buffer.limit();
        buffer.flip();
        return true;
    }
}
