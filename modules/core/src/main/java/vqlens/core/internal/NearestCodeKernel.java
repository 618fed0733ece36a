package vqlens.core.internal;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;

/**
 * Nearest-code search on the CPU: per chunk of rows and per head one {@code sgemm} of the rows against the
 * head's codebook, then a fused pass that adds the norms, takes the first minimum and writes whatever
 * outputs were asked for. Distances are {@code (||z_h||² + ||c||²) − 2⟨z_h, c⟩} in float32, the reference module's
 * expansion formula; the full {@code [B, H, K]} tensor exists only if the caller passes a buffer for it.
 *
 * <p>Chunks run on {@link Workers}; each worker calls a single-threaded BLAS (see {@code ComputeRuntime}),
 * which on two cores beats one two-threaded BLAS call followed by a serial argmin.
 */
public final class NearestCodeKernel {
    /** Rows per chunk: a {@code [1024 x 256]} float block (1 MiB) stays in cache between sgemm and argmin. */
    public static final int CHUNK_ROWS = 1024;

    private static final FirstMinimum FIRST_MINIMUM = FirstMinimum.best();

    private final QuantizerConfig config;
    private final ThreadLocal<Workspace> workspaces = new ThreadLocal<>();

    /** Which inner loop this JVM uses, for {@code --version}. */
    public static String searchLoopDescription() {
        return FIRST_MINIMUM.description();
    }

    public NearestCodeKernel(QuantizerConfig config) {
        this.config = config;
    }

    /**
     * Where the rows come from: a buffer over {@code rows * E} floats (row-major) and, when that buffer is
     * native memory, the pointer to its first element (else {@code null}: rows are staged per chunk).
     */
    public record Rows(FloatBuffer values, FloatPointer pointer, int count, long firstRow) {
    }

    /**
     * Finds the nearest code per row and head.
     *
     * @param indices   out, {@code [count, H]} row-major
     * @param distances out or {@code null}, {@code [count, H, K]}
     * @param quantized out or {@code null}, {@code [count, E]}: the forward value {@code z + (q − z)}
     * @throws VqException naming the lowest input row that holds NaN/±Inf or overflows float32
     */
    public void search(CodebookTable table, Rows rows, long[] indices, FloatBuffer distances, FloatBuffer quantized) {
        int chunkRows = chunkRows(rows.count());
        int chunks = (rows.count() + chunkRows - 1) / chunkRows;
        try {
            Workers.forEachChunk(chunks, (chunk, worker) -> {
                int from = chunk * chunkRows;
                int n = Math.min(chunkRows, rows.count() - from);
                searchChunk(table, rows, from, n, indices, distances, quantized, workspace(chunkRows));
            });
        } catch (BadRowException e) {
            throw new VqException(describeFirstBadRow(rows));
        }
    }

    /** Gathers codes: {@code out[b, h*D:(h+1)*D] = codebooks[h, indices[b, h]]}, exactly. */
    public void gather(CodebookTable table, long[] indices, int count, long firstRow, FloatBuffer out) {
        int heads = config.heads();
        int codes = config.codes();
        int dim = config.headDim();
        for (int b = 0; b < count; b++) {
            for (int h = 0; h < heads; h++) {
                long k = indices[b * heads + h];
                if (k < 0 || k >= codes) {
                    throw new VqException("row " + (firstRow + b) + ", head " + h + ": index " + k
                            + " is out of range [0, " + codes + ")");
                }
            }
        }
        int chunkRows = chunkRows(count);
        int chunks = (count + chunkRows - 1) / chunkRows;
        Workers.forEachChunk(chunks, (chunk, worker) -> {
            int from = chunk * chunkRows;
            int to = Math.min(count, from + chunkRows);
            for (int b = from; b < to; b++) {
                for (int h = 0; h < heads; h++) {
                    int k = (int) indices[b * heads + h];
                    out.put(b * config.embeddingDim() + h * dim, table.values, (h * codes + k) * dim, dim);
                }
            }
        });
    }

    private static int chunkRows(int count) {
        // Small batches are split evenly so every worker gets a share.
        int perWorker = (count + Workers.count() - 1) / Workers.count();
        return Math.max(1, Math.min(CHUNK_ROWS, perWorker));
    }

    private void searchChunk(CodebookTable table, Rows rows, int from, int n, long[] indices,
                             FloatBuffer distances, FloatBuffer quantized, Workspace ws) {
        int heads = config.heads();
        int codes = config.codes();
        int dim = config.headDim();
        int width = config.embeddingDim();

        rows.values().get(from * width, ws.z, 0, n * width);
        FloatPointer source;
        long sourceStart;
        if (rows.pointer() != null) {
            source = rows.pointer();
            sourceStart = rows.pointer().position() + (long) from * width;
        } else {
            ws.stagingBuffer.put(0, ws.z, 0, n * width);
            source = ws.staging;
            sourceStart = 0;
        }
        for (int h = 0; h < heads; h++) {
            // Non-owning pointer copies: cheap, and they never free the memory they point at.
            FloatPointer a = new FloatPointer(source).position(sourceStart + (long) h * dim);
            FloatPointer c = new FloatPointer(table.base).position(table.base.position() + (long) h * codes * dim);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, codes, dim, -2f, a, width, c, dim, 0f, ws.scores, codes);
            ws.scoresBuffer.get(0, ws.s, 0, n * codes);
            float[] norms = table.squaredNorms[h];
            for (int i = 0; i < n; i++) {
                int zOff = i * width + h * dim;
                float zsq = 0f;
                for (int d = 0; d < dim; d++) {
                    zsq += ws.z[zOff + d] * ws.z[zOff + d];
                }
                int bestK = FIRST_MINIMUM.find(ws.s, i * codes, codes, zsq, norms, distances != null);
                if (bestK < 0) {
                    throw new BadRowException();
                }
                indices[(from + i) * heads + h] = bestK;
            }
            if (distances != null) {
                for (int i = 0; i < n; i++) {
                    distances.put(((from + i) * heads + h) * codes, ws.s, i * codes, codes);
                }
            }
        }
        if (quantized != null) {
            writeQuantized(table, from, n, indices, ws, quantized);
        }
    }

    private void writeQuantized(CodebookTable table, int from, int n, long[] indices, Workspace ws, FloatBuffer out) {
        int heads = config.heads();
        int dim = config.headDim();
        int width = config.embeddingDim();
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < heads; h++) {
                int k = (int) indices[(from + i) * heads + h];
                table.values.get((h * config.codes() + k) * dim, ws.code, 0, dim);
                int zOff = i * width + h * dim;
                for (int d = 0; d < dim; d++) {
                    float z = ws.z[zOff + d];
                    ws.code[d] = z + (ws.code[d] - z); // straight-through forward value, float32 as torch computes it
                }
                out.put((from + i) * width + h * dim, ws.code, 0, dim);
            }
        }
    }

    /** Scans the rows in order and words the first problem; only runs after a search failed. */
    private String describeFirstBadRow(Rows rows) {
        int width = config.embeddingDim();
        float[] row = new float[width];
        for (int r = 0; r < rows.count(); r++) {
            rows.values().get(r * width, row, 0, width);
            for (int c = 0; c < width; c++) {
                if (!Float.isFinite(row[c])) {
                    return "row " + (rows.firstRow() + r) + " of the input holds " + name(row[c]) + " (column " + c
                            + "); clean or drop that row";
                }
            }
        }
        return "an input row is too large for float32 distances (they overflow to Inf); scale the input down";
    }

    private static String name(float v) {
        return Float.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
    }

    private Workspace workspace(int chunkRows) {
        Workspace ws = workspaces.get();
        if (ws == null || ws.rows < chunkRows) {
            ws = new Workspace(Math.max(chunkRows, ws == null ? 0 : ws.rows), config);
            workspaces.set(ws);
        }
        return ws;
    }

    /** Per-thread scratch memory, reused across calls so the hot loop allocates nothing. */
    private static final class Workspace {
        final int rows;
        final FloatPointer scores;
        final FloatBuffer scoresBuffer;
        final FloatPointer staging;
        final FloatBuffer stagingBuffer;
        final float[] s;
        final float[] z;
        final float[] code;

        Workspace(int rows, QuantizerConfig config) {
            this.rows = rows;
            this.scores = new FloatPointer((long) rows * config.codes());
            this.scoresBuffer = scores.asBuffer();
            this.staging = new FloatPointer((long) rows * config.embeddingDim());
            this.stagingBuffer = staging.asBuffer();
            this.s = new float[rows * config.codes()];
            this.z = new float[rows * config.embeddingDim()];
            this.code = new float[config.headDim()];
        }
    }

    /** Internal signal from a worker; turned into a worded {@link VqException} by {@link #search}. */
    private static final class BadRowException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRowException() {
            super(null, null, false, false);
        }
    }
}
