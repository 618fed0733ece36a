package vqlens.train.internal.vqvae;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import vqlens.core.QuantizerConfig;
import vqlens.core.internal.Workers;

/**
 * The VQ-VAE step written out for the CPU: the MLP's dense + ReLU layers forward and backward with BLAS
 * {@code sgemm} on preallocated native buffers, bias, ReLU ({@code ReLU′(0) = 0}), the losses and the quantizer's
 * gradients in Java loops. It reads the weights from, and writes the gradient into, the network's flat
 * parameter buffers (codebook, then each layer's {@code W [fanIn, fanOut]} and {@code b}), so the updater,
 * checkpoints and seeds are unchanged. Per layer forward {@code Y = A·W + b}; backward {@code dW = Aᵀ·G},
 * {@code db = Σ_rows G}, {@code dA = G·Wᵀ}. SameDiff's autodiff of the same graph is its oracle (tests).
 *
 * <p>Why: a SameDiff step is ~60 native ops on arrays of a few thousand values, and their overhead, not the
 * arithmetic, was the step's cost. Large products are split by rows over core's {@link Workers} (BLAS runs
 * one thread per call), a fixed split for a given shape and worker count, so results stay bit-repeatable.
 * Not thread-safe: the trainer's thread only.
 */
final class MlpFastPath {
    /**
     * Products of at least this many multiply-adds are split over the workers; below, hand-offs cost more
     * (batch 64 through a 256-wide layer, 4M, ran 1.3-1.5x slower split, on 2 busy cores).
     */
    static final long PARALLEL_MACS = 1L << 24;

    private final QuantizerConfig config;
    private final int[] encoderSizes;
    private final int[] decoderSizes;
    private final long[] encoderWeights;
    private final long[] decoderWeights;
    private final FloatPointer values;
    private final FloatBuffer valueBuffer;
    private final FloatPointer gradient;
    private final FloatBuffer gradientBuffer;
    private final int codebookLength;

    private int capacity;
    /** Layer inputs and outputs: {@code encoder[0]} = x, {@code encoder[L]} = z_e; {@code decoder[0]} = z_q. */
    private Activations[] encoder;
    private Activations[] decoder;
    /** Two scratch gradients {@code [rows, widest]}, used in turn going down the layers. */
    private Activations[] scratch;
    private float[] bias;

    /** What the encoder activations hold: the rows of {@link #cachedInput} at weights {@link #cachedVersion}. */
    private float[] cachedInput = new float[0];
    private int cachedRows = -1;
    private long cachedVersion = -1;
    private long weightsVersion;

    /**
     * @param values   the network's flat parameters {@code [codebook, enc0_w, enc0_b, …, dec…]} in native memory
     * @param gradient the same layout, written by {@link #gradient}
     */
    MlpFastPath(int inputDim, int[] hidden, QuantizerConfig config, FloatPointer values, FloatBuffer valueBuffer,
                FloatPointer gradient, FloatBuffer gradientBuffer) {
        this.config = config;
        this.values = values;
        this.valueBuffer = valueBuffer;
        this.gradient = gradient;
        this.gradientBuffer = gradientBuffer;
        this.codebookLength = config.heads() * config.codes() * config.headDim();
        int layers = hidden.length + 1;
        encoderSizes = new int[layers + 1];
        encoderSizes[0] = inputDim;
        System.arraycopy(hidden, 0, encoderSizes, 1, hidden.length);
        encoderSizes[layers] = config.embeddingDim();
        decoderSizes = new int[layers + 1];
        for (int i = 0; i <= layers; i++) {
            decoderSizes[i] = encoderSizes[layers - i];
        }
        encoderWeights = new long[layers];
        decoderWeights = new long[layers];
        long at = codebookLength;
        at = place(encoderSizes, encoderWeights, at);
        at = place(decoderSizes, decoderWeights, at);
        if (at != valueBuffer.capacity() || at != gradientBuffer.capacity()) {
            throw new IllegalStateException("flat parameter buffer of " + valueBuffer.capacity() + " values, layers need " + at);
        }
        int widest = Arrays.stream(encoderSizes).max().orElse(1);
        bias = new float[widest];
    }

    /** Offsets of each layer's weights (its bias follows them) from {@code at}; returns the end. */
    private static long place(int[] sizes, long[] offsets, long at) {
        for (int i = 0; i + 1 < sizes.length; i++) {
            offsets[i] = at;
            at += (long) sizes[i] * sizes[i + 1] + sizes[i + 1];
        }
        return at;
    }

    /** The weights changed (an update or a restore): cached activations are stale. */
    void weightsChanged() {
        weightsVersion++;
    }

    /** {@code z_e} of {@code n} rows of {@code input} into {@code out[n·E]}; keeps the activations for {@link #gradient}. */
    void encode(float[] input, int n, float[] out) {
        forwardEncoder(input, n);
        int width = config.embeddingDim();
        encoder[encoder.length - 1].buffer.get(0, out, 0, n * width);
    }

    /** The decoder's outputs for {@code n} latents {@code [n·E]}, {@code [n·inputDim]}. */
    float[] decode(float[] latents, int n) {
        ensureCapacity(n);
        decoder[0].buffer.put(0, latents, 0, n * config.embeddingDim());
        forward(decoder, decoderSizes, decoderWeights, n);
        float[] out = new float[n * decoderSizes[decoderSizes.length - 1]];
        decoder[decoder.length - 1].buffer.get(0, out, 0, out.length);
        return out;
    }

    private void forwardEncoder(float[] input, int n) {
        ensureCapacity(n);
        int length = n * encoderSizes[0];
        encoder[0].buffer.put(0, input, 0, length);
        forward(encoder, encoderSizes, encoderWeights, n);
        if (cachedInput.length < length) {
            cachedInput = new float[length];
        }
        System.arraycopy(input, 0, cachedInput, 0, length);
        cachedRows = n;
        cachedVersion = weightsVersion;
    }

    /** True when the encoder activations are those of these rows at the current weights. */
    private boolean cached(float[] input, int n) {
        int length = n * encoderSizes[0];
        return cachedVersion == weightsVersion && cachedRows == n
                && Arrays.equals(cachedInput, 0, length, input, 0, length);
    }

    /**
     * The losses and every gradient (written into the network's gradient buffer) for {@code n} rows of
     * {@code input} whose nearest codes are {@code indices[n·H]}, at the current weights and the codebook in the
     * value buffer. Reuses the activations of the last {@link #encode} when it saw the same rows and weights.
     */
    VqVaeNetwork.Losses gradient(float[] input, int n, long[] indices, double beta) {
        if (!cached(input, n)) {
            forwardEncoder(input, n);
        }
        int width = config.embeddingDim();
        int heads = config.heads();
        int dim = config.headDim();
        int codes = config.codes();
        float[] zE = new float[n * width];
        encoder[encoder.length - 1].buffer.get(0, zE, 0, zE.length);
        float[] q = new float[n * width];
        for (int b = 0; b < n; b++) {
            for (int h = 0; h < heads; h++) {
                int code = (int) indices[b * heads + h];
                if (code < 0 || code >= codes) {
                    throw new IllegalArgumentException("row " + b + ", head " + h + ": code " + code + " out of range");
                }
                valueBuffer.get((h * codes + code) * dim, q, (b * heads + h) * dim, dim);
            }
        }
        // z_q = q in value (straight-through); decoder forward
        decoder[0].buffer.put(0, q, 0, q.length);
        forward(decoder, decoderSizes, decoderWeights, n);

        int inputDim = encoderSizes[0];
        int outLength = n * inputDim;
        float[] xHat = new float[outLength];
        Activations top = decoder[decoder.length - 1];
        top.buffer.get(0, xHat, 0, outLength);
        double squares = LossTerms.squaredErrorGradient(xHat, input, outLength, 2f / outLength); // now dL/dx̂
        double reconstruction = squares / outLength;
        top.buffer.put(0, xHat, 0, outLength); // the top layer's output gradient, in place of its output

        float[] dzQ = backward(decoder, decoderSizes, decoderWeights, n, top, true);

        // codebook loss mean((sg(z_e) − q)²) → dq = 2(q − z_e)/(n·E), summed into the chosen codes;
        // commitment β·mean((z_e − sg(q))²) → 2β(z_e − q)/(n·E) added to the straight-through gradient
        float[] codebookGradient = new float[codebookLength];
        float codeScale = 2f / (n * width);
        float commitScale = (float) beta * codeScale;
        squares = 0;
        for (int b = 0; b < n; b++) {
            for (int h = 0; h < heads; h++) {
                int at = (h * codes + (int) indices[b * heads + h]) * dim;
                int row = (b * heads + h) * dim;
                squares = LossTerms.quantizerGradients(zE, q, row, dim, codeScale, commitScale, codebookGradient, at,
                        dzQ, row, squares);
            }
        }
        double codebookLoss = squares / (n * width);
        gradientBuffer.put(0, codebookGradient, 0, codebookLength);
        Activations zGrad = encoder[encoder.length - 1];
        zGrad.buffer.put(0, dzQ, 0, dzQ.length); // z_e's gradient, in place of z_e (no longer needed)
        cachedVersion = -1; // the encoder output was overwritten
        backward(encoder, encoderSizes, encoderWeights, n, zGrad, false);
        return new VqVaeNetwork.Losses(reconstruction, codebookLoss, codebookLoss,
                reconstruction + codebookLoss + beta * codebookLoss);
    }

    /** {@code layers[i+1] = act(layers[i]·W_i + b_i)}, ReLU after all but the last layer. */
    private void forward(Activations[] layers, int[] sizes, long[] weights, int n) {
        int last = sizes.length - 2;
        for (int i = 0; i <= last; i++) {
            int fanIn = sizes[i];
            int fanOut = sizes[i + 1];
            FloatBuffer out = layers[i + 1].buffer;
            valueBuffer.get((int) (weights[i] + (long) fanIn * fanOut), bias, 0, fanOut);
            for (int b = 0; b < n; b++) {
                out.put(b * fanOut, bias, 0, fanOut);
            }
            gemm(false, false, n, fanOut, fanIn, layers[i].pointer, 0, fanIn, values, weights[i], fanOut, 1f,
                    layers[i + 1].pointer, 0, fanOut);
            if (i < last) {
                float[] v = layers[i + 1].heap;
                int length = n * fanOut;
                out.get(0, v, 0, length);
                for (int j = 0; j < length; j++) {
                    v[j] = v[j] > 0f ? v[j] : 0f;
                }
                out.put(0, v, 0, length);
            }
        }
    }

    /**
     * Back through the layers from {@code topGradient} (the gradient at the top layer's output, native, and
     * linear: no ReLU there): writes every {@code dW} and {@code db} into the gradient buffer. Returns the
     * gradient at the stack's input when {@code needInput}, else {@code null}. ReLU's mask comes from the
     * forward outputs' heap copies ({@code > 0}, so {@code ReLU′(0) = 0}).
     */
    private float[] backward(Activations[] layers, int[] sizes, long[] weights, int n, Activations topGradient,
                             boolean needInput) {
        Activations g = topGradient;
        float[] gHeap = null;
        int next = 0;
        for (int i = sizes.length - 2; i >= 0; i--) {
            int fanIn = sizes[i];
            int fanOut = sizes[i + 1];
            int length = n * fanOut;
            if (gHeap == null) {
                gHeap = g.heap;
                g.buffer.get(0, gHeap, 0, length);
            }
            Arrays.fill(bias, 0, fanOut, 0f);
            for (int b = 0; b < n; b++) {
                int row = b * fanOut;
                for (int j = 0; j < fanOut; j++) {
                    bias[j] += gHeap[row + j];
                }
            }
            gradientBuffer.put((int) (weights[i] + (long) fanIn * fanOut), bias, 0, fanOut);
            // dW = Aᵀ · G  ([fanIn, n] · [n, fanOut])
            gemm(true, false, fanIn, fanOut, n, layers[i].pointer, 0, fanIn, g.pointer, 0, fanOut, 0f,
                    gradient, weights[i], fanOut);
            if (i == 0 && !needInput) {
                return null;
            }
            // dA = G · Wᵀ  ([n, fanOut] · [fanOut, fanIn])
            Activations down = scratch[next];
            next ^= 1;
            gemm(false, true, n, fanIn, fanOut, g.pointer, 0, fanOut, values, weights[i], fanOut, 0f,
                    down.pointer, 0, fanIn);
            int downLength = n * fanIn;
            float[] dHeap = down.heap;
            down.buffer.get(0, dHeap, 0, downLength);
            if (i == 0) {
                return Arrays.copyOf(dHeap, downLength);
            }
            float[] mask = layers[i].heap; // ReLU outputs of the layer below
            for (int j = 0; j < downLength; j++) {
                if (!(mask[j] > 0f)) {
                    dHeap[j] = 0f;
                }
            }
            down.buffer.put(0, dHeap, 0, downLength);
            g = down;
            gHeap = dHeap;
        }
        return null;
    }

    /**
     * Row-major {@code C[m, n] = op(A)·op(B) + beta·C} on native pointers at element offsets; split by rows of
     * {@code C} over the workers when large.
     */
    private static void gemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, long aAt, int lda,
                             FloatPointer b, long bAt, int ldb, float beta, FloatPointer c, long cAt, int ldc) {
        long macs = (long) m * n * k;
        int chunks = macs >= PARALLEL_MACS ? Math.min(Workers.count(), Math.max(1, m / 16)) : 1;
        int perChunk = (m + chunks - 1) / chunks;
        int opA = transA ? CblasTrans : CblasNoTrans;
        int opB = transB ? CblasTrans : CblasNoTrans;
        if (chunks == 1) {
            cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, 1f, at(a, aAt), lda, at(b, bAt), ldb, beta, at(c, cAt), ldc);
            return;
        }
        Workers.forEachChunk(chunks, (chunk, worker) -> {
            int from = chunk * perChunk;
            int rows = Math.min(perChunk, m - from);
            if (rows <= 0) {
                return;
            }
            long aFrom = aAt + (transA ? from : (long) from * lda); // op(A)'s rows are A's columns when transposed
            cblas_sgemm(CblasRowMajor, opA, opB, rows, n, k, 1f, at(a, aFrom), lda, at(b, bAt), ldb, beta,
                    at(c, cAt + (long) from * ldc), ldc);
        });
    }

    /** A non-owning pointer {@code offset} elements into {@code base}. */
    private static FloatPointer at(FloatPointer base, long offset) {
        return new FloatPointer(base).position(base.position() + offset);
    }

    private void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        int rows = Math.max(n, capacity);
        encoder = allocate(encoderSizes, rows);
        decoder = allocate(decoderSizes, rows);
        int widest = Arrays.stream(encoderSizes).max().orElse(1);
        scratch = new Activations[] {new Activations((long) rows * widest), new Activations((long) rows * widest)};
        capacity = rows;
        cachedVersion = -1;
    }

    private static Activations[] allocate(int[] sizes, int rows) {
        Activations[] out = new Activations[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            out[i] = new Activations((long) rows * sizes[i]);
        }
        return out;
    }

    /** A native block BLAS reads and writes, its buffer view, and a heap copy for the Java loops. */
    private static final class Activations {
        final FloatPointer pointer;
        final FloatBuffer buffer;
        final float[] heap;

        Activations(long length) {
            pointer = new FloatPointer(length);
            buffer = pointer.asBuffer();
            heap = new float[Math.toIntExact(length)];
        }
    }
}
