package vqlens.train.internal.vqvae;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import vqlens.core.QuantizerConfig;
import vqlens.core.internal.NativeArrays;
import vqlens.core.runtime.ComputeRuntime;
import vqlens.train.internal.SplitMix64;

/**
 * A VQ-VAE as one SameDiff graph, built and differentiated once and then run with fresh placeholders every
 * step: {@code z_e = enc(x)}; the chosen codes {@code q = onehot · codebook} (a batched matmul of the one-hot
 * placeholder {@code [H, B, K]} with the codebook variable {@code [H, K, D]}, the nearest codes being found
 * outside the graph by the quantizer's fast encode); {@code z_q = sg(q) + (z_e − sg(z_e))} (straight-through:
 * exactly {@code q} in value, identity gradient to {@code z_e}); {@code x̂ = dec(z_q)}. Loss
 * {@code mean((x̂ − x)²) + mean((sg(z_e) − q)²) + β·mean((z_e − sg(q))²)}, all means per element. The
 * stop-gradients are the same values entering as placeholders ({@link #Z_E_FIXED}, {@link #Q_FIXED}), which
 * receive no gradient. On the CPU backend a step runs {@link MlpFastPath} (the same forward and backward written
 * out on the flat parameter buffer, its gradients checked against SameDiff's by tests) and {@link FlatUpdater}
 * (ND4J's Adam/SGD formulas, same state); elsewhere SameDiff's autodiff and ND4J's updater over the flat
 * buffer. Either way the state is checkpointed and rolled back as one flat array.
 *
 * <p>Why not {@code gather} for {@code q}: in ND4J 1.0.0-M2.1 the gradient of {@code gather} is a SameDiff
 * while-loop with one iteration per gathered row, so one step of a small MLP took 3–15 s in the executor's
 * bookkeeping; the one-hot matmul gives the same gradient ({@code onehotᵀ · dL/dq}) in one op.
 *
 * <p>Weights start from a SplitMix64 stream of the seed (Glorot-uniform, zero biases), so equal seeds give
 * equal networks on every machine. Not thread-safe: the trainer's thread only.
 */
public final class VqVaeNetwork {
    /** Graph names. */
    public static final String X = "x";
    public static final String ONE_HOT = "onehot";
    public static final String BETA = "beta";
    public static final String Z_E = "z_e";
    public static final String Q = "q";
    /** Placeholders carrying {@code sg(z_e)} and {@code sg(q)}: the same values, no gradient. */
    public static final String Z_E_FIXED = "z_e_fixed";
    public static final String Q_FIXED = "q_fixed";
    public static final String Z_Q = "z_q";
    public static final String X_HAT = "x_hat";
    public static final String CODEBOOK = "codebook";
    public static final String LOSS = "loss";
    public static final String LOSS_RECONSTRUCTION = "loss_reconstruction";
    public static final String LOSS_CODEBOOK = "loss_codebook";
    public static final String LOSS_COMMITMENT = "loss_commitment";
    private static final List<String> LOSSES = List.of(LOSS, LOSS_RECONSTRUCTION, LOSS_CODEBOOK, LOSS_COMMITMENT);

    private final SameDiff sd;
    private final int inputDim;
    private final QuantizerConfig config;
    private final List<String> params = new ArrayList<>();
    /**
     * Every trainable value, flat {@code [1, N]}: the codebook first, then each layer's weights and bias. The
     * master copy the updater works on (one Adam update over all of it instead of one per variable: the same
     * arithmetic, element by element, in a handful of native calls); the graph's variables are copies,
     * refreshed after every change (SameDiff keeps its own arrays, not views).
     */
    private final INDArray values;
    private final INDArray gradient;
    /** Per variable: its slice of {@link #values} and of {@link #gradient}, in the variable's shape (views). */
    private final INDArray[] valueViews;
    private final INDArray[] gradientViews;
    private final int codebookLength;
    private final IUpdater updaterConfig;
    /** The updater's state over all {@link #values} ({@code [m, v]} for Adam), or {@code null} for SGD. */
    private final INDArray updaterState;
    private final GradientUpdater<?> updater;
    private double learningRate;
    private final int widest;
    /** The written-out CPU step, or {@code null} off the CPU backend (then SameDiff runs every step). */
    private final MlpFastPath fast;
    /** The fast path's update (ND4J's Adam/SGD formulas in Java, same state), with {@link #fast}. */
    private final FlatUpdater flatUpdater;
    /** {@link #values} and {@link #updaterState} as buffers (CPU backend only; bulk copies, no per-value calls). */
    private final FloatBuffer valueBuffer;
    private final FloatBuffer stateBuffer;
    /** Heap scratch for {@link #weightsFinite} (scanning a direct buffer value by value is several times slower). */
    private float[] scanScratch;
    /** The graph's variables lag behind {@link #values} (the fast path updated them); see {@link #syncGraph}. */
    private boolean graphStale;
    /**
     * Whether the fast path's last update left every value finite, or {@code null} when values changed since
     * (then {@link #weightsFinite} scans them).
     */
    private Boolean finiteSinceUpdate;

    /** Losses of the last {@link #train} call, before its update. */
    public record Losses(double reconstruction, double codebook, double commitment, double total) {
        public boolean finite() {
            return Double.isFinite(reconstruction) && Double.isFinite(codebook) && Double.isFinite(commitment)
                    && Double.isFinite(total);
        }
    }

    public VqVaeNetwork(int inputDim, List<Integer> hidden, QuantizerConfig config, boolean adam, double learningRate,
                        long seed) {
        this.inputDim = inputDim;
        this.config = config;
        this.learningRate = learningRate;
        int width = config.embeddingDim();
        SplitMix64 random = new SplitMix64(seed ^ 0x5EEDL * 0x9E3779B97F4A7C15L);
        sd = SameDiff.create();
        SDVariable x = sd.placeHolder(X, DataType.FLOAT, -1, inputDim);
        SDVariable oneHot = sd.placeHolder(ONE_HOT, DataType.FLOAT, config.heads(), -1, config.codes());
        SDVariable zDetached = sd.placeHolder(Z_E_FIXED, DataType.FLOAT, -1, width);
        SDVariable qDetached = sd.placeHolder(Q_FIXED, DataType.FLOAT, -1, width);
        SDVariable beta = sd.placeHolder(BETA, DataType.FLOAT);

        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputDim);
        sizes.addAll(hidden);
        sizes.add(width);
        widest = sizes.stream().mapToInt(Integer::intValue).max().orElse(width);
        SDVariable h = x;
        for (int i = 0; i + 1 < sizes.size(); i++) {
            boolean last = i + 2 == sizes.size();
            h = dense("enc" + i, h, sizes.get(i), sizes.get(i + 1), !last, last ? Z_E : null, random);
        }
        SDVariable zE = h;
        SDVariable codebook = sd.var(CODEBOOK, Nd4j.zeros(DataType.FLOAT, config.heads(), config.codes(),
                config.headDim()));
        params.add(CODEBOOK);
        // [H, B, K] x [H, K, D] -> [H, B, D] -> [B, H, D] -> [B, E]
        SDVariable q = sd.reshape(Q, sd.permute(sd.mmul(oneHot, codebook), 1, 0, 2), -1, width);
        SDVariable codebookLoss = sd.math().squaredDifference(zDetached, q).mean(LOSS_CODEBOOK);
        SDVariable commitment = sd.math().squaredDifference(zE, qDetached).mean(LOSS_COMMITMENT);
        // straight-through: z_q = sg(q) + (z_e − sg(z_e)); the bracket is exactly 0 in value
        SDVariable zQ = qDetached.add(Z_Q, zE.sub(zDetached));
        h = zQ;
        for (int i = sizes.size() - 1; i > 0; i--) {
            boolean last = i == 1;
            h = dense("dec" + (sizes.size() - 1 - i), h, sizes.get(i), sizes.get(i - 1), !last, last ? X_HAT : null, random);
        }
        SDVariable reconstruction = sd.math().squaredDifference(h, x).mean(LOSS_RECONSTRUCTION);
        reconstruction.add(codebookLoss).add(LOSS, commitment.mul(beta));
        sd.setLossVariables(LOSS);
        // SameDiff prints one "Added differentiated op" line per op to stdout while it builds the gradient
        // graph: build it here, once, with stdout muted, so it never reaches the command line's output.
        quietly(sd::createGradFunction);

        params.remove(CODEBOOK);
        params.add(0, CODEBOOK);
        long total = 0;
        for (String name : params) {
            total += sd.getVariable(name).getArr().length();
        }
        codebookLength = config.heads() * config.codes() * config.headDim();
        values = Nd4j.zeros(DataType.FLOAT, 1, total);
        gradient = Nd4j.zeros(DataType.FLOAT, 1, total);
        valueViews = new INDArray[params.size()];
        gradientViews = new INDArray[params.size()];
        long at = 0;
        for (int i = 0; i < params.size(); i++) {
            INDArray variable = sd.getVariable(params.get(i)).getArr();
            long length = variable.length();
            valueViews[i] = slice(values, at, length, variable.shape());
            gradientViews[i] = slice(gradient, at, length, variable.shape());
            valueViews[i].assign(variable);
            at += length;
        }
        updaterConfig = adam ? new Adam(learningRate) : new Sgd(learningRate);
        long stateSize = updaterConfig.stateSize(total);
        updaterState = stateSize == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, stateSize);
        updater = updaterConfig.instantiate(updaterState, true);
        if (ComputeRuntime.isCpu()) {
            valueBuffer = NativeArrays.floatView(values);
            stateBuffer = updaterState == null ? null : NativeArrays.floatView(updaterState);
            flatUpdater = new FlatUpdater(valueBuffer, NativeArrays.floatView(gradient), stateBuffer);
            fast = new MlpFastPath(inputDim, hidden.stream().mapToInt(Integer::intValue).toArray(), config,
                    NativeArrays.floatPointer(values), valueBuffer, NativeArrays.floatPointer(gradient),
                    NativeArrays.floatView(gradient));
        } else {
            valueBuffer = null;
            stateBuffer = null;
            flatUpdater = null;
            fast = null;
        }
    }

    /** {@code length} values of the row vector {@code flat} from {@code from}, viewed in {@code shape}. */
    private static INDArray slice(INDArray flat, long from, long length, long[] shape) {
        INDArray view = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, from + length)).reshape('c', shape);
        if (!view.isView()) {
            throw new IllegalStateException("ND4J copied a contiguous slice; the flat parameter buffer needs views");
        }
        return view;
    }

    /** Copies the master values into the graph's variables. */
    private void syncVariables() {
        for (int i = 0; i < params.size(); i++) {
            sd.getVariable(params.get(i)).getArr().assign(valueViews[i]);
        }
        graphStale = false;
    }

    /** Brings the graph's variables up to date before SameDiff runs (the fast path changes only {@link #values}). */
    private void syncGraph() {
        if (graphStale) {
            syncVariables();
        }
    }

    /** True when steps run the written-out CPU path (else SameDiff's graph). */
    boolean fastPath() {
        return fast != null;
    }

    private SDVariable dense(String name, SDVariable in, int fanIn, int fanOut, boolean relu, String outName,
                             SplitMix64 random) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] w = new float[fanIn * fanOut];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        SDVariable weights = sd.var(name + "_w", Nd4j.createFromArray(w).reshape(fanIn, fanOut));
        SDVariable bias = sd.var(name + "_b", Nd4j.zeros(DataType.FLOAT, fanOut));
        params.add(name + "_w");
        params.add(name + "_b");
        return relu ? sd.nn().relu(sd.nn().linear(in, weights, bias), 0.0)
                : sd.nn().linear(outName, in, weights, bias);
    }

    /** Runs {@code action} with {@code System.out} discarded (SameDiff's gradient-building chatter). */
    public static synchronized void quietly(Runnable action) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            action.run();
        } finally {
            System.setOut(out);
        }
    }

    /** Values of the widest layer's activations for {@code n} rows (what decides the thread count). */
    private long layerValues(int n) {
        return (long) n * widest;
    }

    public SameDiff graph() {
        syncGraph();
        return sd;
    }

    public int inputDim() {
        return inputDim;
    }

    public QuantizerConfig config() {
        return config;
    }

    /** The encoder outputs {@code z_e} of {@code n} rows of {@code input}, into {@code out[n·E]}. */
    public void encode(float[] input, int n, float[] out) {
        if (fast != null) {
            fast.encode(input, n, out);
            return;
        }
        sameDiffEncode(input, n, out);
    }

    private void sameDiffEncode(float[] input, int n, float[] out) {
        syncGraph();
        INDArray z = OpThreads.call(layerValues(n), () -> sd.output(Map.of(X, rows(input, n, inputDim)), Z_E).get(Z_E));
        System.arraycopy(flat(z), 0, out, 0, n * config.embeddingDim());
    }

    /**
     * The decoder's outputs for {@code n} latents {@code z_q[n·E]} given directly (e.g. a code's vector in one
     * head's slot and a reference latent elsewhere), {@code [n·inputDim]}.
     */
    public float[] decodeLatents(float[] latents, int n) {
        if (fast != null) {
            return fast.decode(latents, n);
        }
        // x = 0 only feeds the encoder, whose z_e cancels against z_e_fixed (the same values): z_q = latents.
        float[] zeros = new float[n * inputDim];
        float[] zE = new float[n * config.embeddingDim()];
        encode(zeros, n, zE);
        Map<String, INDArray> ph = feed(zeros, zE, latents, new long[n * config.heads()], n, 0);
        return OpThreads.call(layerValues(n), () -> flat(sd.output(ph, X_HAT).get(X_HAT)));
    }

    /** The decoder's images of the codes {@code indices[n·H]} (per head {@code 0..K−1}), {@code [n·inputDim]}. */
    public float[] decode(long[] indices, int n) {
        return decodeLatents(gatherCodes(codebookValues(), indices, n), n);
    }

    /** The reconstructions of {@code n} rows of {@code input} through the codes {@code indices}. */
    public float[] reconstruct(float[] input, int n, long[] indices) {
        syncGraph();
        return flat(sd.output(placeholders(input, n, indices, 0), X_HAT).get(X_HAT));
    }

    /** The feed for {@code n} rows and their codes {@code indices[n·H]}, computing {@code z_e} itself. */
    public Map<String, INDArray> placeholders(float[] input, int n, long[] indices, double beta) {
        syncGraph();
        float[] zE = new float[n * config.embeddingDim()];
        encode(input, n, zE);
        return feed(input, zE, gatherCodes(codebookValues(), indices, n), indices, n, beta);
    }

    private Map<String, INDArray> feed(float[] input, float[] zE, float[] q, long[] indices, int n, double beta) {
        int heads = config.heads();
        int codes = config.codes();
        float[] oneHot = new float[heads * n * codes];
        for (int b = 0; b < n; b++) {
            for (int h = 0; h < heads; h++) {
                oneHot[(h * n + b) * codes + (int) indices[b * heads + h]] = 1f;
            }
        }
        int width = config.embeddingDim();
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(X, rows(input, n, inputDim));
        ph.put(Z_E_FIXED, rows(zE, n, width));
        ph.put(Q_FIXED, rows(q, n, width));
        ph.put(ONE_HOT, Nd4j.createFromArray(oneHot).reshape(heads, n, codes));
        ph.put(BETA, Nd4j.scalar(DataType.FLOAT, (float) beta));
        return ph;
    }

    /** {@code q[n·E]}: per row and head the code {@code indices[b·H + h]} of {@code codebook[H·K·D]}. */
    private float[] gatherCodes(float[] codebook, long[] indices, int n) {
        int heads = config.heads();
        int dim = config.headDim();
        float[] q = new float[n * config.embeddingDim()];
        for (int b = 0; b < n; b++) {
            for (int h = 0; h < heads; h++) {
                int from = (h * config.codes() + (int) indices[b * heads + h]) * dim;
                System.arraycopy(codebook, from, q, (b * heads + h) * dim, dim);
            }
        }
        return q;
    }

    private float[] codebookValues() {
        if (fast != null) {
            float[] out = new float[codebookLength];
            valueBuffer.get(0, out, 0, codebookLength);
            return out;
        }
        return flat(sd.getVariable(CODEBOOK).getArr());
    }

    /** Copies {@code codebook[H·K·D]} into the graph's codebook variable. */
    public void setCodebook(float[] codebook) {
        if (fast != null) {
            valueBuffer.put(0, codebook, 0, codebookLength);
            graphStale = true;
            finiteSinceUpdate = null;
            return;
        }
        INDArray value = Nd4j.createFromArray(codebook).reshape(config.heads(), config.codes(), config.headDim());
        valueViews[0].assign(value);
        sd.getVariable(CODEBOOK).getArr().assign(value);
    }

    /**
     * One optimisation step on {@code n} rows whose encoder outputs are {@code latents[n·E]} (computed by
     * {@link #encode} with the current weights) and whose nearest codes are {@code indices}: sets the codebook
     * variable from {@code codebook}, computes the losses and all gradients at the current weights in one
     * execution, applies the updater and writes the updated codebook back into {@code codebook}.
     */
    public Losses train(float[] input, float[] latents, int n, long[] indices, float[] codebook, double beta,
                        double learningRate, int iteration, int epoch) {
        return OpThreads.call(layerValues(n), () -> trainStep(input, latents, n, indices, codebook, beta, learningRate,
                iteration, epoch));
    }

    private Losses trainStep(float[] input, float[] latents, int n, long[] indices, float[] codebook, double beta,
                             double learningRate, int iteration, int epoch) {
        if (learningRate != this.learningRate) {
            this.learningRate = learningRate;
            updaterConfig.setLrAndSchedule(learningRate, null);
        }
        Losses losses = computeGradient(fast != null, input, latents, n, indices, codebook, beta);
        if (fast != null) {
            finiteSinceUpdate = flatUpdater.apply(learningRate, iteration);
            fast.weightsChanged();
            graphStale = true;
            valueBuffer.get(0, codebook, 0, codebookLength);
        } else {
            updater.applyUpdater(gradient, iteration, epoch); // turns the gradient into the update, in place
            values.subi(gradient);
            syncVariables();
            System.arraycopy(valueViews[0].dup('c').data().asFloat(), 0, codebook, 0, codebook.length);
        }
        return losses;
    }

    /**
     * The losses and every gradient (into {@link #gradient}) at the current weights with {@code codebook}, by the
     * fast path or by SameDiff's autodiff; {@code latents} are the encoder's outputs of the rows (SameDiff's
     * {@code sg(z_e)}; the fast path recomputes or reuses its own, the same values).
     */
    private Losses computeGradient(boolean fastPath, float[] input, float[] latents, int n, long[] indices,
                                   float[] codebook, double beta) {
        setCodebook(codebook);
        if (fastPath) {
            return fast.gradient(input, n, indices, beta);
        }
        syncGraph();
        Map<String, INDArray> ph = feed(input, latents, gatherCodes(codebook, indices, n), indices, n, beta);
        OutAndGrad result = sd.calculateGradientsAndOutputs(ph, LOSSES, params);
        Map<String, INDArray> out = result.getOutputs();
        Losses losses = new Losses(out.get(LOSS_RECONSTRUCTION).getDouble(0), out.get(LOSS_CODEBOOK).getDouble(0),
                out.get(LOSS_COMMITMENT).getDouble(0), out.get(LOSS).getDouble(0));
        Map<String, INDArray> gradients = result.getGradients();
        for (int i = 0; i < params.size(); i++) {
            INDArray g = gradients.get(params.get(i));
            if (g == null) {
                gradientViews[i].assign(0); // not on the loss's path (cannot happen for this graph)
            } else {
                gradientViews[i].assign(g);
            }
        }
        return losses;
    }

    /** Losses and the flat gradient (the layout of {@link #state()}'s weights, codebook first) of one path. */
    record Gradients(Losses losses, float[] flat) {
    }

    /**
     * The gradient of the loss at the current weights by the fast path ({@code fastPath}) or by SameDiff, for
     * comparing the two (nothing is updated). {@code indices} are forced on both paths.
     */
    Gradients gradients(boolean fastPath, float[] input, int n, long[] indices, float[] codebook, double beta) {
        if (fastPath && fast == null) {
            throw new IllegalStateException("no fast path off the CPU backend");
        }
        float[] latents = new float[n * config.embeddingDim()];
        Losses[] losses = new Losses[1];
        OpThreads.call(layerValues(n), () -> {
            if (fastPath) {
                fast.encode(input, n, latents);
            } else {
                setCodebook(codebook);
                sameDiffEncode(input, n, latents);
            }
            losses[0] = computeGradient(fastPath, input, latents, n, indices, codebook, beta);
            return null;
        });
        return new Gradients(losses[0], gradient.dup('c').data().asFloat());
    }

    /** The trainable tensors' names in the flat layout's order, and their lengths. */
    List<String> parameterNames() {
        return List.copyOf(params);
    }

    long[] parameterLengths() {
        return Arrays.stream(valueViews).mapToLong(INDArray::length).toArray();
    }

    /**
     * Fresh optimizer moments for codes just re-seeded, {@code codes[i]} being the flat index {@code h·K + k}:
     * one read and one write per moment however many codes (a restart step re-seeds dozens).
     */
    public void resetCodes(int[] codes) {
        if (updaterState == null || codes.length == 0) {
            return;
        }
        int dim = config.headDim();
        // the state is one block per moment (Adam: m then v), each as long as the values, codebook first
        for (long offset = 0; offset < updaterState.length(); offset += values.length()) {
            INDArray block = updaterState.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + codebookLength));
            float[] moments = block.dup('c').data().asFloat();
            for (int code : codes) {
                Arrays.fill(moments, code * dim, (code + 1) * dim, 0f);
            }
            block.assign(Nd4j.createFromArray(moments));
        }
    }

    /**
     * Reorders the optimizer moments of {@code head}'s codes as {@code PermuteCodes} reorders the codes: code
     * {@code i} takes the moments code {@code order[i]} had. The weights need nothing: the decoder sees code
     * vectors, never indices.
     */
    public void permuteCodes(int head, int[] order) {
        if (updaterState == null) {
            return;
        }
        int dim = config.headDim();
        int from = head * config.codes() * dim;
        for (long offset = 0; offset < updaterState.length(); offset += values.length()) {
            INDArray block = updaterState.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + codebookLength));
            float[] moments = block.dup('c').data().asFloat();
            float[] old = Arrays.copyOfRange(moments, from, from + order.length * dim);
            for (int i = 0; i < order.length; i++) {
                System.arraycopy(old, order[i] * dim, moments, from + i * dim, dim);
            }
            block.assign(Nd4j.createFromArray(moments));
        }
    }

    /**
     * Every weight (codebook excluded: the training run owns it) then every optimizer state value (per moment, over
     * the codebook and then all weights), flat: what a checkpoint needs to continue the network exactly.
     */
    public float[] state() {
        return state(null);
    }

    /** {@link #state()} into {@code reuse} when it has the right length, else into a new array; returns it. */
    public float[] state(float[] reuse) {
        if (valueBuffer != null) {
            int weights = valueBuffer.limit() - codebookLength;
            int moments = stateBuffer == null ? 0 : stateBuffer.limit();
            float[] out = reuse != null && reuse.length == weights + moments ? reuse : new float[weights + moments];
            valueBuffer.get(codebookLength, out, 0, weights);
            if (stateBuffer != null) {
                stateBuffer.get(0, out, weights, moments);
            }
            return out;
        }
        float[] all = values.data().asFloat();
        float[] moments = updaterState == null ? new float[0] : updaterState.data().asFloat();
        float[] out = new float[all.length - codebookLength + moments.length];
        System.arraycopy(all, codebookLength, out, 0, all.length - codebookLength);
        System.arraycopy(moments, 0, out, all.length - codebookLength, moments.length);
        return out;
    }

    /** Puts back what {@link #state()} returned. */
    public void restore(float[] state) {
        int weights = (int) values.length() - codebookLength;
        long expected = weights + (updaterState == null ? 0 : updaterState.length());
        if (state.length != expected) {
            throw new IllegalArgumentException("VQ-VAE state of " + state.length + " values, expected " + expected
                    + " (different --hidden sizes?)");
        }
        values.get(NDArrayIndex.point(0), NDArrayIndex.interval(codebookLength, values.length()))
                .assign(Nd4j.createFromArray(Arrays.copyOfRange(state, 0, weights)));
        if (updaterState != null) {
            updaterState.assign(Nd4j.createFromArray(Arrays.copyOfRange(state, weights, state.length))
                    .reshape(1, state.length - weights));
        }
        if (fast != null) {
            fast.weightsChanged();
            graphStale = true;
            finiteSinceUpdate = null;
        } else {
            syncVariables();
        }
    }

    /** True when every weight (and code) is finite (scanned in Java: cheaper than a native reduction here). */
    public boolean weightsFinite() {
        if (fast != null && finiteSinceUpdate != null) {
            return finiteSinceUpdate;
        }
        if (fast != null) {
            if (scanScratch == null) {
                scanScratch = new float[valueBuffer.limit()];
            }
            valueBuffer.get(0, scanScratch, 0, scanScratch.length);
            return allFinite(scanScratch);
        }
        for (float v : values.data().asFloat()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (v - v != 0f) { // NaN exactly when v is NaN or ±Inf
                return false;
            }
        }
        return true;
    }

    /** All values of {@code a} in row-major order. */
    private static float[] flat(INDArray a) {
        return a.dup('c').reshape('c', new long[] {a.length()}).toFloatVector();
    }

    private static INDArray rows(float[] values, int n, int width) {
        return Nd4j.createFromArray(values.length == n * width ? values : Arrays.copyOf(values, n * width)) // copies
                .reshape(n, width);
    }
}
