package vqlens.train.internal;

import java.util.Arrays;
import vqlens.core.VqException;
import vqlens.train.data.DataSource;

/**
 * Reads rows from the start of a data source for people to look at, and puts the source back where it
 * was, so the training cursor (and with it every later batch) is unchanged. Runs on the trainer's thread,
 * between two steps.
 */
public final class RowSampler {
    private RowSampler() {
    }

    /**
     * Up to {@code maxRows} rows from row 0, {@code [rows, dim]} row-major.
     *
     * @throws VqException if {@code maxRows < 1} or the data cannot be read (the position is restored anyway)
     */
    public static float[] firstRows(DataSource data, int maxRows) {
        if (maxRows < 1) {
            throw new VqException("sample rows: ask for at least one row, got " + maxRows);
        }
        long saved = data.position();
        int dim = data.dim();
        int n = (int) Math.min(maxRows, Math.min(data.rows(), (Integer.MAX_VALUE - 8) / dim));
        float[] out = new float[n * dim];
        int done = 0;
        try {
            data.seek(0);
            while (done < n) {
                float[] chunk = done == 0 ? out : new float[(n - done) * dim];
                int got = data.read(chunk, n - done);
                if (got <= 0) {
                    break;
                }
                if (done > 0) {
                    System.arraycopy(chunk, 0, out, done * dim, got * dim);
                }
                done += got;
            }
        } finally {
            // At the end of a pass the cursor wraps to row 0 before reading, so row 0 is the same place.
            long back = saved < data.rows() ? saved : 0;
            if (data.position() != back) {
                data.seek(back);
            }
        }
        return done == n ? out : Arrays.copyOf(out, done * dim);
    }
}
