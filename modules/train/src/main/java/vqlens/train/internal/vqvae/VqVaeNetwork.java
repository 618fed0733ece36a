package vqlens.train.internal.vqvae;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import vqlens.core.QuantizerConfig;

/**
 * A VQ-VAE as one SameDiff graph: {@code z_e = enc(x)}; the chosen codes {@code q} are gathered from the
 * codebook variable {@code [H·K, D]} by a placeholder of flat indices {@code h·K + k} (found outside the graph
 * by the quantizer's fast encode, row-major {@code [B, H]}); {@code z_q = z_e + sg(q − z_e)} (straight-through;
 * the stop-gradients are the same values fed as placeholders, see the constructor);
 * {@code x̂ = dec(z_q)}. Loss {@code mean((x̂ − x)²) + mean((sg(z_e) − q)²) + β·mean((z_e − sg(q))²)}, all
 * means per element. Gradients come from SameDiff's autodiff; the update is one of ND4J's updaters (Adam or
 * SGD) per variable, applied by hand so its state can be checkpointed and rolled back.
 *
 * <p>Weights start from a SplitMix64 stream of the seed (Glorot-uniform, zero biases), so equal seeds give
 * equal networks on every machine. Not thread-safe: the trainer's thread only.
 */
public final class VqVaeNetwork {
    /** Graph names. */
    public static final String X = "x";
    public static final String INDICES = "indices";
    public static final String BETA = "beta";
    public static final String Z_E = "z_e";
    public static final String Q = "q";
    /** Placeholders carrying {@code sg(z_e)} and {@code sg(codebook)}: the same values, no gradient. */
    public static final String Z_E_FIXED = "z_e_fixed";
    public static final String CODEBOOK_FIXED = "codebook_fixed";
    public static final String Z_Q = "z_q";
    public static final String X_HAT = "x_hat";
    public static final String CODEBOOK = "codebook";
    public static final String LOSS = "loss";
    public static final String LOSS_RECONSTRUCTION = "loss_reconstruction";
    public static final String LOSS_CODEBOOK = "loss_codebook";
    public static final String LOSS_COMMITMENT = "loss_commitment";

    private final SameDiff sd;
    private final int inputDim;
    private final QuantizerConfig config;
    private final List<String> params = new ArrayList<>();
    private final IUpdater updaterConfig;
    private final INDArray[] states;
    private final GradientUpdater<?>[] updaters;
    private double learningRate;

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
        SplitMix random = new SplitMix(seed ^ 0x5EEDL * 0x9E3779B97F4A7C15L);
        sd = SameDiff.create();
        SDVariable x = sd.placeHolder(X, DataType.FLOAT, -1, inputDim);
        SDVariable indices = sd.placeHolder(INDICES, DataType.INT64, -1);
        SDVariable beta = sd.placeHolder(BETA, DataType.FLOAT);

        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputDim);
        sizes.addAll(hidden);
        sizes.add(width);
        SDVariable h = x;
        for (int i = 0; i + 1 < sizes.size(); i++) {
            boolean last = i + 2 == sizes.size();
            h = dense("enc" + i, h, sizes.get(i), sizes.get(i + 1), !last, last ? Z_E : null, random);
        }
        SDVariable zE = h;
        SDVariable codebook = sd.var(CODEBOOK, Nd4j.zeros(DataType.FLOAT, (long) config.heads() * config.codes(),
                config.headDim()));
        params.add(CODEBOOK);
        SDVariable q = sd.reshape(Q, sd.gather(codebook, indices, 0), -1, width);
        // Stop-gradient by feeding: sg(z_e) and sg(q) are the same values entering as placeholders, which
        // receive no gradient. (The StopGradient op of vqlens.core.StraightThrough gives the same gradients,
        // but with it SameDiff 1.0.0-M2.1's executor took seconds per step on this small graph.)
        SDVariable zDetached = sd.placeHolder(Z_E_FIXED, DataType.FLOAT, -1, width);
        SDVariable codebookDetached = sd.placeHolder(CODEBOOK_FIXED, DataType.FLOAT,
                (long) config.heads() * config.codes(), config.headDim());
        SDVariable qDetached = sd.reshape(sd.gather(codebookDetached, indices, 0), -1, width);
        SDVariable codebookLoss = sd.math().squaredDifference(zDetached, q).mean(LOSS_CODEBOOK);
        SDVariable commitment = sd.math().squaredDifference(zE, qDetached).mean(LOSS_COMMITMENT);
        // straight-through: z_q = z_e + sg(q − z_e), equal to q in value, identity gradient to z_e
        SDVariable zQ = zE.add(Z_Q, qDetached.sub(zDetached));
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

        updaterConfig = adam ? new Adam(learningRate) : new Sgd(learningRate);
        states = new INDArray[params.size()];
        updaters = new GradientUpdater<?>[params.size()];
        for (int i = 0; i < params.size(); i++) {
            long size = sd.getVariable(params.get(i)).getArr().length();
            long stateSize = updaterConfig.stateSize(size);
            states[i] = stateSize == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, stateSize);
            updaters[i] = updaterConfig.instantiate(states[i], true);
        }
    }

    private SDVariable dense(String name, SDVariable in, int fanIn, int fanOut, boolean relu, String outName,
                             SplitMix random) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] w = new float[fanIn * fanOut];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        SDVariable weights = sd.var(name + "_w", Nd4j.createFromArray(w).reshape(fanIn, fanOut));
        SDVariable bias = sd.var(name + "_b", Nd4j.zeros(DataType.FLOAT, fanOut));
        params.add(name + "_w");
        params.add(name + "_b");
        SDVariable out = relu ? sd.nn().relu(sd.nn().linear(in, weights, bias), 0.0)
                : sd.nn().linear(outName, in, weights, bias);
        return out;
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

    public SameDiff graph() {
        return sd;
    }

    public int inputDim() {
        return inputDim;
    }

    /** The encoder outputs {@code z_e} of {@code n} rows of {@code input}, into {@code out[n·E]}. */
    public void encode(float[] input, int n, float[] out) {
        INDArray z = sd.output(Map.of(X, rows(input, n, inputDim)), Z_E).get(Z_E);
        System.arraycopy(flat(z), 0, out, 0, n * config.embeddingDim());
    }

    /** The decoder's images of the codes {@code indices[n·H]} (per head {@code 0..K−1}), {@code [n·inputDim]}. */
    public float[] decode(long[] indices, int n) {
        // z_q = z_e + sg(q − z_e) equals q in value; with x = 0 the encoder only adds rounding.
        Map<String, INDArray> ph = placeholders(new float[n * inputDim], n, indices, 0);
        return flat(sd.output(ph, X_HAT).get(X_HAT));
    }

    /** The reconstructions of {@code n} rows of {@code input} through the codes {@code indices}. */
    public float[] reconstruct(float[] input, int n, long[] indices) {
        return flat(sd.output(placeholders(input, n, indices, 0), X_HAT).get(X_HAT));
    }

    /** The feed: rows, flat indices {@code h·K + k}, β. */
    public Map<String, INDArray> placeholders(float[] input, int n, long[] indices, double beta) {
        int heads = config.heads();
        long[] flat = new long[n * heads];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (long) (i % heads) * config.codes() + indices[i];
        }
        Map<String, INDArray> ph = new HashMap<>();
        INDArray x = rows(input, n, inputDim);
        ph.put(X, x);
        ph.put(Z_E_FIXED, sd.output(Map.of(X, x), Z_E).get(Z_E).dup());
        ph.put(CODEBOOK_FIXED, sd.getVariable(CODEBOOK).getArr().dup());
        ph.put(INDICES, Nd4j.createFromArray(flat));
        ph.put(BETA, Nd4j.scalar(DataType.FLOAT, (float) beta));
        return ph;
    }

    /** Copies {@code codebook[H·K·D]} into the graph's codebook variable. */
    public void setCodebook(float[] codebook) {
        sd.getVariable(CODEBOOK).getArr().assign(Nd4j.createFromArray(codebook)
                .reshape((long) config.heads() * config.codes(), config.headDim()));
    }

    /**
     * One optimisation step on {@code n} rows whose nearest codes are {@code indices}: sets the codebook variable
     * from {@code codebook}, computes the losses and all gradients at the current weights, applies the updater
     * and writes the updated codebook back into {@code codebook}.
     */
    public Losses train(float[] input, int n, long[] indices, float[] codebook, double beta, double learningRate,
                        int iteration, int epoch) {
        if (learningRate != this.learningRate) {
            this.learningRate = learningRate;
            updaterConfig.setLrAndSchedule(learningRate, null);
        }
        setCodebook(codebook);
        Map<String, INDArray> ph = placeholders(input, n, indices, beta);
        Map<String, INDArray> out = sd.output(ph, LOSS, LOSS_RECONSTRUCTION, LOSS_CODEBOOK, LOSS_COMMITMENT);
        Losses losses = new Losses(out.get(LOSS_RECONSTRUCTION).getDouble(0), out.get(LOSS_CODEBOOK).getDouble(0),
                out.get(LOSS_COMMITMENT).getDouble(0), out.get(LOSS).getDouble(0));
        Map<String, INDArray> gradients = sd.calculateGradients(ph, params);
        for (int i = 0; i < params.size(); i++) {
            INDArray param = sd.getVariable(params.get(i)).getArr();
            INDArray gradient = gradients.get(params.get(i));
            if (gradient == null) {
                continue; // not on the loss's path (cannot happen for this graph)
            }
            INDArray update = gradient.dup('c').reshape('c', new long[] {1, param.length()});
            updaters[i].applyUpdater(update, iteration, epoch);
            param.subi(update.reshape('c', param.shape()));
        }
        System.arraycopy(flat(sd.getVariable(CODEBOOK).getArr()), 0, codebook, 0, codebook.length);
        return losses;
    }

    /** Fresh optimizer moments for one code, just re-seeded. */
    public void resetCode(int head, int code) {
        int index = params.indexOf(CODEBOOK);
        INDArray state = states[index];
        if (state == null) {
            return;
        }
        long size = (long) config.heads() * config.codes() * config.headDim();
        long from = ((long) head * config.codes() + code) * config.headDim();
        for (long offset = 0; offset < state.length(); offset += size) {
            state.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset + from, offset + from + config.headDim()))
                    .assign(0);
        }
    }

    /**
     * Every weight (codebook excluded: the engine owns it) then every optimizer state value, flat, in a fixed
     * order: what a checkpoint needs to continue the network exactly.
     */
    public float[] state() {
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < params.size(); i++) {
            if (!params.get(i).equals(CODEBOOK)) {
                float[] w = flat(sd.getVariable(params.get(i)).getArr());
                parts.add(w);
                total += w.length;
            }
        }
        for (INDArray s : states) {
            if (s != null) {
                float[] v = flat(s);
                parts.add(v);
                total += v.length;
            }
        }
        float[] all = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Puts back what {@link #state()} returned. */
    public void restore(float[] state) {
        long expected = 0;
        for (int i = 0; i < params.size(); i++) {
            expected += params.get(i).equals(CODEBOOK) ? 0 : sd.getVariable(params.get(i)).getArr().length();
            expected += states[i] == null ? 0 : states[i].length();
        }
        if (state.length != expected) {
            throw new IllegalArgumentException("VQ-VAE state of " + state.length + " values, expected " + expected
                    + " (different --hidden sizes?)");
        }
        int at = 0;
        for (String name : params) {
            if (!name.equals(CODEBOOK)) {
                INDArray p = sd.getVariable(name).getArr();
                int len = (int) p.length();
                p.assign(Nd4j.createFromArray(java.util.Arrays.copyOfRange(state, at, at + len)).reshape('c', p.shape()));
                at += len;
            }
        }
        for (int i = 0; i < states.length; i++) {
            if (states[i] != null) {
                int len = (int) states[i].length();
                states[i] = Nd4j.createFromArray(java.util.Arrays.copyOfRange(state, at, at + len)).reshape(1, len);
                updaters[i] = updaterConfig.instantiate(states[i], false);
                at += len;
            }
        }
    }

    /** True when every weight is finite. */
    public boolean weightsFinite() {
        for (String name : params) {
            INDArray p = sd.getVariable(name).getArr();
            double sum = p.sumNumber().doubleValue();
            if (!Double.isFinite(sum)) {
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
        return Nd4j.createFromArray(java.util.Arrays.copyOf(values, n * width)).reshape(n, width);
    }

    /** SplitMix64, local so this package needs nothing from the engine's. */
    private static final class SplitMix {
        private long state;

        SplitMix(long seed) {
            state = seed;
        }

        double nextDouble() {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (z >>> 11) * 0x1.0p-53;
        }
    }
}
