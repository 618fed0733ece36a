package vqlens.train.internal;

import vqlens.train.Hyperparameters;
import vqlens.train.Method;
import vqlens.train.TrainingSettings;
import vqlens.train.internal.vqvae.VqVaeNetwork;

/**
 * The full VQ-VAE mode as the engine's codebook method: the encoder turns the engine's data rows into the
 * rows the quantizer sees, and {@link #update} makes one gradient step on the encoder, the decoder and the
 * codebooks together (see {@link VqVaeNetwork}). Its "optimizer state" in a checkpoint is the network's
 * weights followed by every updater moment, so checkpoints and NaN rollbacks cover the network too.
 */
final class VqVaeMethod implements CodebookMethod {
    private final VqVaeNetwork network;
    private final float[] input;
    private final long[] indices;
    private VqVaeNetwork.Losses last = new VqVaeNetwork.Losses(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    private boolean finite = true;

    VqVaeMethod(TrainingSettings settings, float[] input, long[] indices) {
        this.network = new VqVaeNetwork(settings.network().inputDim(), settings.network().hidden(), settings.quantizer(),
                settings.method() == Method.ADAM, settings.hyper().learningRate(), settings.seed());
        this.input = input;
        this.indices = indices;
    }

    void encode(float[] rows, int n, float[] out) {
        network.encode(rows, n, out);
    }

    VqVaeNetwork network() {
        return network;
    }

    @Override
    public void update(float[] codebook, BatchStats stats, UsageEma usage, Hyperparameters hyper, long step, int epoch) {
        last = network.train(input, (int) stats.rows, indices, codebook, hyper.beta(), hyper.learningRate(),
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
        network.resetCode(head, code);
    }

    @Override
    public double[] emaSums() {
        return new double[0];
    }

    @Override
    public float[] optimizerState() {
        return network.state();
    }

    @Override
    public void restore(double[] emaSums, float[] optimizerState) {
        network.restore(optimizerState);
        finite = true;
    }
}
