package vqlens.train.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import vqlens.core.VqException;

/**
 * Rows to train on, read in order and batch by batch, so a source may be far larger than memory. The
 * trainer wraps around at the end (the next pass starts at row 0) and uses {@link #seek} to resume a
 * checkpoint at its data cursor.
 *
 * <p>Lifecycle: a source is open from its factory until {@link #close()}; the trainer that is given a
 * source reads it from its own thread only, and {@code Trainer.close()} closes it. Not thread-safe.
 */
public interface DataSource extends AutoCloseable {

    /** Rows in one pass ({@code >= 1}). */
    long rows();

    /** Values per row ({@code >= 1}). */
    int dim();

    /** One line for people, e.g. {@code "gaussian mixture: 10000 x 8, 16 clusters, spread 0.05, seed 1"}. */
    String describe();

    /** 0-based index of the next row {@link #read} returns. */
    long position();

    /**
     * Reads the next {@code n = min(maxRows, rows left, dst.length / dim)} rows as float32, row-major into
     * {@code dst[0 .. n·dim)}.
     *
     * @return rows read; 0 only at the end of the data
     * @throws VqException (or its subclass {@code CodebookFileException}) if the data cannot be read
     */
    int read(float[] dst, int maxRows);

    /**
     * Moves to {@code row} ({@code 0 <= row < rows()}); the next {@link #read} starts there. May cost a
     * re-read from the start for streamed files.
     */
    void seek(long row);

    /** Releases the file, if any. Idempotent. */
    @Override
    void close();

    /**
     * Opens a {@code .npy} {@code [rows, dim]} float32/float64 array (streamed) or a {@code .csv} file of rows.
     *
     * @throws VqException for another extension, or a file that cannot be read as rows
     */
    static DataSource openFile(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return NpyDataSource.open(file);
        }
        if (name.endsWith(".csv")) {
            return CsvDataSource.open(file);
        }
        throw new VqException(file + ": training data must be a .npy [rows, dim] float32/float64 array or a .csv file");
    }

    /** A source over rows in memory, {@code values [rows, dim]} row-major; the array is not copied. */
    static DataSource of(float[] values, int rows, int dim, String description) {
        Objects.requireNonNull(values, "values");
        if (rows < 1 || dim < 1 || (long) rows * dim != values.length) {
            throw new VqException("in-memory data: " + values.length + " values are not " + rows + " rows x " + dim);
        }
        return new ArrayDataSource(values, rows, dim, description);
    }

    /** A source over a generated data set. */
    static DataSource of(SyntheticData.Dataset dataset, String description) {
        return of(dataset.values(), dataset.rows(), dataset.dim(), description);
    }
}
