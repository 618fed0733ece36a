package vqlens.core;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import vqlens.core.internal.CodebookTable;
import vqlens.core.internal.NativeArrays;
import vqlens.core.internal.NearestCodeKernel;
import vqlens.core.internal.PortableNearestCodeKernel;
import vqlens.core.runtime.ComputeRuntime;

/**
 * The product quantizer of a VQ-VAE, as the reference module's {@code OrthogonalProductQuantizer}: a vector
 * {@code z [E]} is split into {@code H} contiguous heads of {@code D = E/H} values; each head goes to the
 * nearest of the {@code K} codes of its own codebook by squared distance
 * {@code ||z_h||² + ||c||² − 2⟨z_h, c⟩} (float32; ties go to the first, lowest index), and the chosen codes
 * are concatenated.
 *
 * <h2>Straight-through contract</h2>
 * {@link #forward} returns {@code z_q = z + (q − z)} evaluated in float32: its value is the codes {@code q}
 * (to within one ulp), and in training the term {@code (q − z)} is detached, so the gradient of a loss
 * with respect to {@code z_q} reaches {@code z} unchanged ({@code ∂z_q/∂z = I}). The codebooks get no
 * gradient through {@code z_q}; they learn from the codebook loss {@code ||sg(z) − q||²} (or EMA updates).
 * {@link StraightThrough} builds exactly this in a SameDiff graph.
 *
 * <h2>Lifecycle</h2>
 * A quantizer made by {@link #uninitialised} has {@code inited = false}; the first {@link #forward} call
 * fills every head's codebook from rows of that batch (the reference module's lazy, data-dependent init) and sets
 * {@code inited}. {@link #encode} and {@link #decode} refuse an uninitialised codebook: initialising
 * belongs to training. One made by {@link #of} takes the flag from the file ({@code true} unless it says
 * otherwise).
 *
 * <p>Not thread-safe: confine an instance to one thread (the trainer's) and hand other threads
 * {@link #snapshot()}s. The ND4J array behind {@link #codebooks()} is owned by this object.
 */
public final class ProductQuantizer {
    private final QuantizerConfig config;
    private final INDArray codebooks;
    private final NearestCodeKernel kernel;
    private final PortableNearestCodeKernel portableKernel;
    private final long seed;
    private boolean inited;

    private ProductQuantizer(QuantizerConfig config, INDArray codebooks, boolean inited, long seed) {
        this.config = config;
        this.codebooks = codebooks;
        this.inited = inited;
        this.seed = seed;
        this.kernel = new NearestCodeKernel(config);
        this.portableKernel = new PortableNearestCodeKernel(config);
    }

    /**
     * A quantizer waiting for its first batch. Until then the codebooks hold {@code U(−1/K, 1/K)} values
     * (as the reference module's {@code nn.init.uniform_}); {@code seed} drives both those and the lazy init.
     */
    public static ProductQuantizer uninitialised(QuantizerConfig config, long seed) {
        ComputeRuntime.ensureReady();
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[config.codebookValues()];
        float bound = 1f / config.codes();
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-bound, bound);
        }
        return new ProductQuantizer(config, toArray(config, values), false, seed);
    }

    /** A quantizer holding a copy of {@code codebooks}, with their {@code inited} flag. */
    public static ProductQuantizer of(Codebooks codebooks) {
        ComputeRuntime.ensureReady();
        return new ProductQuantizer(codebooks.config(), toArray(codebooks.config(), codebooks.toArray()),
                codebooks.inited(), 0L);
    }

    public QuantizerConfig config() {
        return config;
    }

    public boolean isInited() {
        return inited;
    }

    /** An immutable copy of the codebooks and the flag, safe to hand to other threads. */
    public Codebooks snapshot() {
        float[] values = new float[config.codebookValues()];
        NativeArrays.floatView(codebooks).get(0, values);
        return Codebooks.wrap(config, values, inited);
    }

    /** The live codebooks {@code [H, K, D]} float32; training updates them in place on the owning thread. */
    public INDArray codebooks() {
        return codebooks;
    }

    /**
     * The reference module's lazy init: per head, {@code K} random rows of the batch (distinct rows when
     * {@code B >= K}, drawn with replacement when the batch is smaller), then {@code inited = true}.
     */
    public void initFromBatch(INDArray z) {
        Batch batch = Batch.of(z, config);
        initFromRows(batch.rows(), batch.count());
    }

    private void initFromRows(FloatBuffer rows, int count) {
        float[] codes = LazyInit.codes(config, seed, rows, count);
        NativeArrays.floatView(codebooks).put(0, codes, 0, codes.length);
        inited = true;
    }

    /**
     * The reference module's forward pass: lazy init if needed, then {@code (z_q, indices, distances)}.
     *
     * @param z {@code [B, E]} float32 or float64 (cast to float32 first)
     * @throws VqException for a wrong shape or dtype, or a row holding NaN/±Inf (named, 0-based)
     */
    public ForwardResult forward(INDArray z) {
        Batch batch = Batch.of(z, config);
        if (!inited) {
            initFromRows(batch.rows(), batch.count());
        }
        int b = batch.count();
        long[] indices = new long[b * config.heads()];
        INDArray distances = Nd4j.createUninitialized(DataType.FLOAT, b, config.heads(), config.codes());
        INDArray quantized = Nd4j.createUninitialized(DataType.FLOAT, b, config.embeddingDim());
        search(batch.asKernelRows(0), indices, NativeArrays.floatView(distances), NativeArrays.floatView(quantized));
        return new ForwardResult(quantized, indexArray(indices, b), distances);
    }

    /**
     * Nearest code per head, without materialising the {@code [B, H, K]} distances.
     *
     * @return int64 {@code [B, H]}
     */
    public INDArray encode(INDArray z) {
        requireInited();
        Batch batch = Batch.of(z, config);
        long[] indices = new long[batch.count() * config.heads()];
        search(batch.asKernelRows(0), indices, null, null);
        return indexArray(indices, batch.count());
    }

    /**
     * The reference module's {@code get_codes_from_indices}: an exact gather of the chosen codes, concatenated.
     *
     * @param indices {@code [B, H]} of any integer type
     * @return float32 {@code [B, E]}
     */
    public INDArray decode(INDArray indices) {
        requireInited();
        if (indices.rank() != 2 || indices.size(1) != config.heads()) {
            throw new VqException("indices must have shape [B, " + config.heads() + "], got " + shape(indices));
        }
        if (!indices.dataType().isIntType()) {
            throw new VqException("indices must be integers, got " + indices.dataType());
        }
        int b = Math.toIntExact(indices.size(0));
        long[] flat = new long[b * config.heads()];
        INDArray dense = indices.castTo(DataType.LONG).dup('c');
        NativeArrays.longView(dense).get(0, flat);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, b, config.embeddingDim());
        kernel.gather(CodebookTable.of(config, codebooks, false), flat, b, 0, NativeArrays.floatView(out));
        return out;
    }

    /**
     * {@link #encode(INDArray)} on plain arrays, for streaming callers.
     *
     * @param rows       row-major {@code [rowCount, E]}
     * @param firstRow   the position of {@code rows[0]} in the caller's data, used in error messages
     * @param indicesOut receives {@code [rowCount, H]} row-major
     */
    public void encode(float[] rows, int rowCount, long firstRow, long[] indicesOut) {
        forward(rows, rowCount, firstRow, indicesOut, null, null);
    }

    /**
     * Forward on plain arrays: indices always, the forward value {@code z_q} and the distances
     * {@code [rowCount, H, K]} only where a buffer is given. Refuses an uninitialised codebook.
     */
    public void forward(float[] rows, int rowCount, long firstRow, long[] indicesOut, float[] quantizedOut,
                        float[] distancesOut) {
        requireInited();
        int width = config.embeddingDim();
        checkLength("rows", rows.length, (long) rowCount * width);
        checkLength("indices", indicesOut.length, (long) rowCount * config.heads());
        if (quantizedOut != null) {
            checkLength("quantized output", quantizedOut.length, (long) rowCount * width);
        }
        if (distancesOut != null) {
            checkLength("distances output", distancesOut.length, (long) rowCount * config.heads() * config.codes());
        }
        NearestCodeKernel.Rows kernelRows = new NearestCodeKernel.Rows(
                FloatBuffer.wrap(rows, 0, rowCount * width).slice(), null, rowCount, firstRow);
        search(kernelRows, indicesOut, distancesOut == null ? null : FloatBuffer.wrap(distancesOut),
                quantizedOut == null ? null : FloatBuffer.wrap(quantizedOut));
    }

    /** {@link #decode(INDArray)} on plain arrays: {@code out [rowCount, E]} from {@code indices [rowCount, H]}. */
    public void decode(long[] indices, int rowCount, long firstRow, float[] out) {
        requireInited();
        checkLength("indices", indices.length, (long) rowCount * config.heads());
        checkLength("output", out.length, (long) rowCount * config.embeddingDim());
        kernel.gather(CodebookTable.of(config, codebooks, false), indices, rowCount, firstRow, FloatBuffer.wrap(out));
    }

    /** The fast host kernel on the CPU backend; ND4J operations elsewhere (CUDA). */
    private void search(NearestCodeKernel.Rows rows, long[] indices, FloatBuffer distances, FloatBuffer quantized) {
        CodebookTable table = CodebookTable.of(config, codebooks, true);
        if (ComputeRuntime.isCpu()) {
            kernel.search(table, rows, indices, distances, quantized);
        } else {
            portableKernel.search(codebooks, rows, indices, distances, quantized);
        }
    }

    private void requireInited() {
        if (!inited) {
            throw new VqException("the codebook is not initialised (inited = false): train it, or let a forward pass "
                    + "initialise it from data, before encoding or decoding");
        }
    }

    private static void checkLength(String what, int actual, long required) {
        if (actual < required) {
            throw new IllegalArgumentException(what + " holds " + actual + " values, needs " + required);
        }
    }

    private INDArray indexArray(long[] indices, int rows) {
        return Nd4j.createFromArray(indices).reshape(rows, config.heads());
    }

    private static INDArray toArray(QuantizerConfig config, float[] values) {
        return Nd4j.createFromArray(values).reshape('c', config.heads(), config.codes(), config.headDim());
    }

    static String shape(INDArray a) {
        return java.util.Arrays.toString(a.shape());
    }
}
