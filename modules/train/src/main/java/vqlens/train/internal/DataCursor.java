package vqlens.train.internal;

import vqlens.core.VqException;
import vqlens.train.data.DataSource;

/**
 * Reads a {@link DataSource} as an endless stream of rows, wrapping to row 0 after the last one, and
 * counts every row it hands out ({@link #rowsConsumed()}, the checkpoint's data cursor).
 */
final class DataCursor {
    private final DataSource source;
    private long rowsConsumed;

    /** Starts at row 0 (seeking back if the source was read before, e.g. by a run that was reset). */
    DataCursor(DataSource source) {
        this.source = source;
        if (source.position() != 0) {
            source.seek(0);
        }
    }

    long rowsConsumed() {
        return rowsConsumed;
    }

    /** The 0-based row, within a pass, that the next call returns first. */
    long nextRow() {
        return rowsConsumed % source.rows();
    }

    /** Passes completed, fractional. */
    double epoch() {
        return (double) rowsConsumed / source.rows();
    }

    /** Positions the cursor at {@code consumed} rows since the start (resuming, or rolling back). */
    void moveTo(long consumed) {
        long row = consumed % source.rows();
        if (source.position() != row) {
            source.seek(row);
        }
        rowsConsumed = consumed;
    }

    /** Fills {@code dst} with exactly {@code n} rows, wrapping around the end of the data as needed. */
    void next(float[] dst, int n) {
        int dim = source.dim();
        int done = 0;
        float[] chunk = dst;
        while (done < n) {
            if (source.position() >= source.rows()) {
                source.seek(0);
            }
            int got;
            if (done == 0) {
                got = source.read(chunk, n);
            } else {
                float[] rest = new float[(n - done) * dim];
                got = source.read(rest, n - done);
                System.arraycopy(rest, 0, dst, done * dim, got * dim);
            }
            if (got <= 0) {
                throw new VqException(source.describe() + ": no rows could be read at row " + source.position());
            }
            done += got;
        }
        rowsConsumed += n;
    }
}
