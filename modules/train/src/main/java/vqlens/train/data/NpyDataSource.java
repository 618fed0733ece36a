package vqlens.train.data;

import java.nio.file.Path;
import java.util.Locale;
import vqlens.core.io.CodebookFileException;
import vqlens.core.io.NpyRowReader;

/**
 * The rows of a {@code .npy} file {@code [N, E]} of float32 or float64 (either byte order, C or Fortran
 * order), streamed through {@link NpyRowReader}: memory stays bounded by the batch, whatever the file's
 * size. Header, size and dtype are checked when it opens; errors name the file.
 */
public final class NpyDataSource extends ShapedDataSource {
    private static final int SKIP_ROWS = 4096;

    private final Path file;
    private NpyRowReader reader;

    private NpyDataSource(Path file, NpyRowReader reader) {
        super(reader.rows(), reader.cols());
        this.file = file;
        this.reader = reader;
    }

    /**
     * Opens {@code file}.
     *
     * @throws CodebookFileException if it is not a readable 2-D float32/float64 {@code .npy} file with rows
     */
    public static NpyDataSource open(Path file) {
        NpyRowReader reader = NpyRowReader.open(file);
        try {
            if (!reader.dtype().isFloat()) {
                throw new CodebookFileException(file, "holds " + reader.dtype().name().toLowerCase(Locale.ROOT)
                        + " values; training data must be float32 or float64");
            }
            if (reader.rows() == 0) {
                throw new CodebookFileException(file, "holds no rows");
            }
            return new NpyDataSource(file, reader);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return file + " (" + rows + " x " + dim + " " + reader.dtype().name().toLowerCase(Locale.ROOT) + ")";
    }

    @Override
    public long position() {
        return reader.position();
    }

    @Override
    public int read(float[] dst, int maxRows) {
        return reader.readFloats(dst, maxRows);
    }

    /** Forward moves read and drop the rows in between; backward moves reopen the file first. */
    @Override
    public void seek(long row) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("row " + row + " is outside [0, " + rows + ")");
        }
        if (row < reader.position()) {
            reader.close();
            reader = NpyRowReader.open(file);
        }
        float[] scratch = new float[(int) Math.min((long) SKIP_ROWS * dim, Math.max(dim, 1L << 20))];
        while (reader.position() < row) {
            int n = reader.readFloats(scratch, (int) Math.min(row - reader.position(), scratch.length / dim));
            if (n == 0) {
                throw new CodebookFileException(file, "ended at row " + reader.position() + " while seeking row " + row);
            }
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
