package vqlens.core.io;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.ElementReader;
import vqlens.core.io.internal.FileOpening;
import vqlens.core.io.internal.NpyDescr;
import vqlens.core.io.internal.NpyHeader;
import vqlens.core.io.internal.Origin;

/**
 * Streams the rows of a 2-D {@code .npy} array {@code [rows, cols]} without loading the file: any dtype
 * and byte order, C or Fortran order (Fortran files are read column run by column run). The header and
 * the exact file size are validated by {@link #open}.
 *
 * <p>Lifecycle: {@link #open} opens the file and the reader owns it until {@link #close} (use
 * try-with-resources). Reads advance {@link #position()}; there is no seeking. Not thread-safe.
 */
public final class NpyRowReader implements AutoCloseable {
    private final Origin origin;
    private final FileChannel channel;
    private final NpyHeader header;
    private final ElementReader elements;
    private final long rows;
    private final int cols;
    private long position;
    private boolean closed;

    private NpyRowReader(Origin origin, FileChannel channel, NpyHeader header) {
        this.origin = origin;
        this.channel = channel;
        this.header = header;
        this.rows = header.dim(0);
        this.cols = (int) header.dim(1);
        this.elements = new ElementReader(origin, ByteRegion.ofFile(channel, 0, FileOpening.size(origin, channel)), header);
    }

    /**
     * Opens a 2-D {@code .npy} file.
     *
     * @throws CodebookFileException if the file cannot be read, is not a valid NPY file (bad header,
     *                               truncated, trailing bytes) or is not 2-D with at least one column
     */
    public static NpyRowReader open(Path file) {
        Origin origin = Origin.of(file);
        FileChannel channel = FileOpening.openForReading(origin);
        try {
            NpyHeader header = NpyHeader.read(origin, ByteRegion.ofFile(channel, 0, FileOpening.size(origin, channel)));
            if (header.rank() != 2) {
                throw origin.fail("expected a 2-D array [rows, cols], found shape " + header.shapeText());
            }
            if (header.dim(1) == 0 || header.dim(1) > Integer.MAX_VALUE - 8) {
                throw origin.fail("rows of " + header.dim(1) + " values are not supported (shape " + header.shapeText() + ")");
            }
            return new NpyRowReader(origin, channel, header);
        } catch (RuntimeException e) {
            FileOpening.closeQuietly(channel);
            throw e;
        }
    }

    public long rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public NpyDtype dtype() {
        return header.dtype();
    }

    /** Rows consumed so far, i.e. the 0-based index of the next row. */
    public long position() {
        return position;
    }

    /**
     * Reads the next rows as float32 (float64 is rounded), row-major into {@code dst[0 .. n*cols)}.
     * Reads {@code n = min(maxRows, rows left, dst.length / cols)} rows.
     *
     * @return rows read, 0 at the end
     * @throws CodebookFileException    if the file does not hold float32 or float64, or cannot be read
     * @throws IllegalArgumentException if rows are left but {@code dst} cannot hold one, or {@code maxRows < 0}
     */
    public int readFloats(float[] dst, int maxRows) {
        if (!header.dtype().isFloat()) {
            throw origin.fail("holds " + NpyDescr.numpyName(header.dtype()) + " values, expected float32 or float64");
        }
        return readRows(dst.length, maxRows, (first, n, off, stride) -> elements.readFloats(first, n, dst, off, stride));
    }

    /**
     * Reads the next rows of an integer array (int8..int64, uint8..uint32) widened to long, row-major into
     * {@code dst[0 .. n*cols)}; {@code n} as for {@link #readFloats}.
     *
     * @return rows read, 0 at the end
     * @throws CodebookFileException if the file does not hold integers, or cannot be read
     */
    public int readIndices(long[] dst, int maxRows) {
        if (!header.dtype().isInteger()) {
            throw origin.fail("holds " + NpyDescr.numpyName(header.dtype()) + " values, expected integer indices");
        }
        return readRows(dst.length, maxRows, (first, n, off, stride) -> elements.readLongs(first, n, dst, off, stride));
    }

    /** Reads elements {@code [first, first + n)} into {@code dst[off + i * stride]} of the caller's buffer. */
    private interface ElementRun {
        void read(long first, int n, int off, int stride);
    }

    /** Reads the next rows row-major into the caller's buffer; a Fortran-order file column run by column run. */
    private int readRows(int dstLength, int maxRows, ElementRun run) {
        int n = nextChunk(dstLength, maxRows);
        if (header.fortranOrder()) {
            for (int c = 0; c < cols; c++) {
                run.read(c * rows + position, n, c, cols);
            }
        } else {
            run.read(position * cols, n * cols, 0, 1);
        }
        position += n;
        return n;
    }

    private int nextChunk(int dstLength, int maxRows) {
        if (closed) {
            throw new IllegalStateException("reader of " + origin.file() + " is closed");
        }
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows " + maxRows + " < 0");
        }
        long n = Math.min(Math.min(maxRows, rows - position), dstLength / cols);
        if (n == 0 && maxRows > 0 && position < rows) {
            throw new IllegalArgumentException("a buffer of " + dstLength + " values cannot hold one row of " + cols);
        }
        return (int) n;
    }

    /** Closes the file; further reads fail with {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        closed = true;
        FileOpening.closeQuietly(channel);
    }

    @Override
    public String toString() {
        return "NpyRowReader[" + origin.file() + ", " + header.describe() + ", row " + position + "]";
    }
}
