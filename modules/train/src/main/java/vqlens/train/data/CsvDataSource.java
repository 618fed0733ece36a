package vqlens.train.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import vqlens.core.io.CodebookFileException;

/**
 * Rows of a CSV file: one row per line, values separated by commas (blanks around them are ignored),
 * an optional header line (a first line holding anything that is not a number), blank lines and lines
 * starting with {@code #} skipped. The whole file is checked when it opens (same width everywhere, every
 * value a finite number), streaming, so memory stays bounded; errors name the line, the 0-based row and
 * the 1-based column.
 */
public final class CsvDataSource extends ShapedDataSource {
    private final Path file;
    private final boolean header;
    private BufferedReader reader;
    private long line;

    private CsvDataSource(Path file, long rows, int dim, boolean header) {
        super(rows, dim);
        this.file = file;
        this.header = header;
        reopen();
    }

    /**
     * Opens and checks {@code file}.
     *
     * @throws CodebookFileException if it cannot be read, holds no rows, or a row is malformed
     */
    public static CsvDataSource open(Path file) {
        long rows = 0;
        int dim = -1;
        boolean header = false;
        long line = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            float[] scratch = new float[0];
            while ((text = in.readLine()) != null) {
                line++;
                if (skip(text)) {
                    continue;
                }
                if (dim < 0) {
                    String[] cells = text.split(",", -1);
                    dim = cells.length;
                    scratch = new float[dim];
                    if (!allNumbers(cells)) {
                        header = true;
                        continue;
                    }
                }
                parse(file, text, line, rows, dim, scratch, 0);
                rows++;
            }
        } catch (NoSuchFileException e) {
            throw new CodebookFileException(file, "no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CodebookFileException(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (rows == 0) {
            throw new CodebookFileException(file, "holds no rows of numbers");
        }
        return new CsvDataSource(file, rows, dim, header);
    }

    @Override
    public String describe() {
        return file + " (CSV, " + rows + " x " + dim + (header ? ", with header" : "") + ")";
    }

    @Override
    public int read(float[] dst, int maxRows) {
        int n = rowsToRead(dst, maxRows);
        for (int i = 0; i < n; i++) {
            String text = nextDataLine();
            parse(file, text, line, position, dim, dst, i * dim);
            position++;
        }
        return Math.max(n, 0);
    }

    @Override
    public void seek(long row) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("row " + row + " is outside [0, " + rows + ")");
        }
        if (row < position) {
            reopen();
        }
        while (position < row) {
            nextDataLine();
            position++;
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // nothing was written: closing a reader cannot lose data
        }
    }

    private void reopen() {
        if (reader != null) {
            close();
        }
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CodebookFileException(file, "cannot be read (" + e.getMessage() + ")");
        }
        position = 0;
        line = 0;
        if (header) {
            String first;
            do {
                first = readLine();
            } while (first != null && skip(first));
        }
    }

    private String nextDataLine() {
        String text;
        do {
            text = readLine();
            if (text == null) {
                throw new CodebookFileException(file, "ended at row " + position + "; it changed while training read it");
            }
        } while (skip(text));
        return text;
    }

    private String readLine() {
        try {
            String text = reader.readLine();
            line++;
            return text;
        } catch (IOException e) {
            throw new CodebookFileException(file, "cannot be read at line " + line + " (" + e.getMessage() + ")");
        }
    }

    private static boolean skip(String text) {
        String t = text.strip();
        return t.isEmpty() || t.startsWith("#");
    }

    private static boolean allNumbers(String[] cells) {
        for (String cell : cells) {
            try {
                Float.parseFloat(cell.strip());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static void parse(Path file, String text, long line, long row, int dim, float[] dst, int offset) {
        String[] cells = text.split(",", -1);
        if (cells.length != dim) {
            throw new CodebookFileException(file, "line " + line + " (row " + row + ") has " + cells.length
                    + " values, expected " + dim + " like the first row");
        }
        for (int c = 0; c < dim; c++) {
            String cell = cells[c].strip();
            float v;
            try {
                v = Float.parseFloat(cell);
            } catch (NumberFormatException e) {
                throw new CodebookFileException(file, "line " + line + " (row " + row + "), column " + (c + 1) + ": '"
                        + shorten(cell) + "' is not a number");
            }
            if (!Float.isFinite(v)) {
                throw new CodebookFileException(file, "line " + line + " (row " + row + "), column " + (c + 1) + ": "
                        + shorten(cell) + " is not finite (or too large for float32)");
            }
            dst[offset + c] = v;
        }
    }

    private static String shorten(String s) {
        return s.length() <= 20 ? s : s.substring(0, 17) + "...";
    }
}
