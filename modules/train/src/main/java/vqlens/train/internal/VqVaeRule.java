package vqlens.train.internal;

import vqlens.core.ProductQuantizer;
import vqlens.core.VqException;
import vqlens.train.Hyperparameters;
import vqlens.train.UpdateRule;
import vqlens.train.TrainingSettings;
import vqlens.train.VqVaeView;
import vqlens.train.data.DataSource;
import vqlens.train.internal.vqvae.VqVaeNetwork;

/**
 * The full VQ-VAE mode as the training run's codebook method: the encoder turns the training run's data rows into the
 * rows the quantizer sees, and {@link #update} makes one gradient step on the encoder, the decoder and the
 * codebooks together (see {@link VqVaeNetwork}). Its "optimizer state" in a checkpoint is the network's
 * weights followed by every updater moment, so checkpoints and NaN rollbacks cover the network too. It also
 * draws the mode's pictures ({@link #view}) and decodes chosen codes ({@link #decode}) between steps.
 */
final class VqVaeRule implements CodebookRule {
    private final VqVaeNetwork network;
    private final float[] input;
    private final long[] indices;
    /** The encoder outputs of the current batch: the array {@link #encode} last wrote (the training run's batch). */
    private float[] latents;
    /** Pictures are redrawn at most this often while training runs (a view decodes heads × codes latents). */
    static final long VIEW_INTERVAL_NANOS = 250_000_000L;

    /** Codes ({@code h·K + k}) re-seeded whose optimizer moments are still to be cleared. */
    private final java.util.List<Integer> pendingResets = new java.util.ArrayList<>();
    private float[] sampleRows;
    private VqVaeView lastView;
    private long lastViewNanos;
    private VqVaeNetwork.Losses last = new VqVaeNetwork.Losses(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    private boolean finite = true;
    private float[] rollback;

    VqVaeRule(TrainingSettings settings, float[] input, long[] indices) {
        this.network = new VqVaeNetwork(settings.network().inputDim(), settings.network().hidden(), settings.quantizer(),
                settings.method() == UpdateRule.ADAM, settings.hyper().learningRate(), settings.seed());
        this.input = input;
        this.indices = indices;
    }

    /** The encoder outputs {@code z_e} of {@code n} rows; {@link #update} reuses them as {@code sg(z_e)}. */
    void encode(float[] rows, int n, float[] out) {
        network.encode(rows, n, out);
        latents = out;
    }

    VqVaeNetwork network() {
        return network;
    }

    @Override
    public void update(float[] codebook, BatchStats stats, UsageEma usage, Hyperparameters hyper, long step, int epoch) {
        flushResets();
        last = network.train(input, latents, (int) stats.rows, indices, codebook, hyper.beta(), hyper.learningRate(),
                (int) (step - 1), epoch);
        finite = last.finite() && network.weightsFinite();
    }

    boolean finite() {
        return finite;
    }

    double lastReconstruction() {
        return last.reconstruction();
    }

    double lastCodebookLoss() {
        return last.codebook();
    }

    double lastCommitment() {
        return last.commitment();
    }

    @Override
    public void restarted(int head, int code, float[] codebook, UsageEma usage) {
        pendingResets.add(head * network.config().codes() + code); // applied together, see flushResets
    }

    @Override
    public boolean canPermute() {
        return true;
    }

    /** Moves the codes' optimizer moments with them; re-seeds still pending are cleared first, at their old places. */
    @Override
    public void permuted(int head, int[] order) {
        flushResets();
        network.permuteCodes(head, order);
    }

    /** Clears the optimizer moments of the codes re-seeded since the last call, all in one pass. */
    private void flushResets() {
        if (!pendingResets.isEmpty()) {
            network.resetCodes(pendingResets.stream().mapToInt(Integer::intValue).toArray());
            pendingResets.clear();
        }
    }

    @Override
    public double[] emaSums() {
        return new double[0];
    }

    @Override
    public float[] updateRuleState() {
        flushResets();
        return network.state();
    }

    /** One array refilled per call: a step's rollback point is megabytes for a large network. */
    @Override
    public float[] rollbackState() {
        flushResets();
        rollback = network.state(rollback);
        return rollback;
    }

    @Override
    public void restore(double[] emaSums, float[] updateRuleState) {
        pendingResets.clear(); // the restored state is complete in itself
        network.restore(updateRuleState);
        finite = true;
    }

    /**
     * The pictures for a snapshot at {@code step} with the training run's current {@code codebook}: redrawn when
     * {@code fresh} is asked for or {@link #VIEW_INTERVAL_NANOS} passed since the last view, else the last one.
     */
    VqVaeView view(long step, float[] codebook, ProductQuantizer quantizer, DataSource data, boolean fresh) {
        long now = System.nanoTime();
        if (!fresh && lastView != null && (lastView.step() == step || now - lastViewNanos < VIEW_INTERVAL_NANOS)) {
            return lastView;
        }
        QuantizerConfigView c = new QuantizerConfigView(quantizer);
        if (sampleRows == null) {
            sampleRows = RowSampler.firstRows(data, VqVaeView.MAX_SAMPLES);
        }
        int n = sampleRows.length / network.inputDim();
        float[] latents = new float[n * c.width];
        network.encode(sampleRows, n, latents);
        long[] codes = new long[n * c.heads];
        quantizer.encode(latents, n, 0, codes);
        network.setCodebook(codebook);
        float[] reconstructions = network.decode(codes, n);
        boolean images = (long) c.heads * c.codes * network.inputDim() <= VqVaeView.MAX_CODE_IMAGE_VALUES;
        float[] codeImages = images ? network.decode(perCodeLatents(codes, c), c.heads * c.codes) : new float[0];
        int[] sampleCodes = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            sampleCodes[i] = (int) codes[i];
        }
        int[] shape = VqVaeView.shapeOf(network.inputDim());
        lastView = new VqVaeView(step, shape[0], shape[1], n, c.heads, c.codes, sampleRows, reconstructions, sampleCodes,
                codeImages, latents);
        lastViewNanos = now;
        return lastView;
    }

    /** Row {@code h·K + k}: the reference's (sample 0's) codes with head {@code h}'s replaced by {@code k}. */
    private static long[] perCodeLatents(long[] sampleCodes, QuantizerConfigView c) {
        long[] perCode = new long[c.heads * c.codes * c.heads];
        for (int h = 0; h < c.heads; h++) {
            for (int k = 0; k < c.codes; k++) {
                int row = h * c.codes + k;
                System.arraycopy(sampleCodes, 0, perCode, row * c.heads, c.heads);
                perCode[row * c.heads + h] = k;
            }
        }
        return perCode;
    }

    /** The decoder's output for one latent made of the codes {@code indicesPerHead} of {@code codebook}. */
    float[] decode(float[] codebook, ProductQuantizer quantizer, int[] indicesPerHead) {
        QuantizerConfigView c = new QuantizerConfigView(quantizer);
        if (indicesPerHead.length != c.heads) {
            throw new VqException("decode: give one code index per head (" + c.heads + "), got " + indicesPerHead.length);
        }
        long[] codes = new long[c.heads];
        for (int h = 0; h < c.heads; h++) {
            if (indicesPerHead[h] < 0 || indicesPerHead[h] >= c.codes) {
                throw new VqException("decode: head " + h + " has codes 0.." + (c.codes - 1) + ", got " + indicesPerHead[h]);
            }
            codes[h] = indicesPerHead[h];
        }
        network.setCodebook(codebook);
        return network.decode(codes, 1);
    }

    /** The quantizer's shape, short names. */
    private record QuantizerConfigView(int heads, int codes, int width) {
        QuantizerConfigView(ProductQuantizer quantizer) {
            this(quantizer.config().heads(), quantizer.config().codes(), quantizer.config().embeddingDim());
        }
    }
}
