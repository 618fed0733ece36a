package vqlens.train;

import java.util.Objects;

import vqlens.core.ProductQuantizer;
import vqlens.core.VqException;
import vqlens.train.internal.vqvae.VqVaeNetwork;

/**
 * What a VQ-VAE checkpoint does to rows it never trained on: encoder, the quantizer's nearest codes, decoder.
 * The held-out error of {@code train --mode vqvae --holdout} and of the Learn tab's VQ-VAE lesson.
 */
public final class VqVaeReconstruction {
    private VqVaeReconstruction() {
    }

    /** The decoder's output for {@code rows} ({@code [n, inputDim]} row-major), through the checkpoint's codes. */
    public static float[] reconstruct(Checkpoint checkpoint, float[] rows) {
        VqVaeNetwork net = network(checkpoint, rows);
        long[] codes = codes(net, checkpoint, rows);
        net.setCodebook(checkpoint.codebooks().toArray());
        return net.decode(codes, codes.length / checkpoint.settings().quantizer().heads());
    }

    /**
     * Each row's nearest code per head after the encoder, {@code [n, heads]} row-major: what the quantizer chose
     * for it (the codebook usage over a whole data set, as the Learn tab's collapse comparison counts it).
     */
    public static long[] codes(Checkpoint checkpoint, float[] rows) {
        return codes(network(checkpoint, rows), checkpoint, rows);
    }

    private static long[] codes(VqVaeNetwork net, Checkpoint checkpoint, float[] rows) {
        TrainingSettings s = checkpoint.settings();
        int n = rows.length / s.network().inputDim();
        float[] z = new float[n * s.quantizer().embeddingDim()];
        net.encode(rows, n, z);
        long[] codes = new long[n * s.quantizer().heads()];
        ProductQuantizer.of(checkpoint.codebooks()).encode(z, n, 0, codes);
        return codes;
    }

    private static VqVaeNetwork network(Checkpoint checkpoint, float[] rows) {
        TrainingSettings s = Objects.requireNonNull(checkpoint, "checkpoint").settings();
        if (!s.vqvae()) {
            throw new VqException("not a VQ-VAE checkpoint: it has no network to reconstruct with");
        }
        int width = s.network().inputDim();
        if (rows.length == 0 || rows.length % width != 0) {
            throw new VqException("the network takes rows of " + width + " values, got " + rows.length + " values");
        }
        VqVaeNetwork net = new VqVaeNetwork(width, s.network().hidden(), s.quantizer(),
                s.method() == UpdateRule.ADAM, s.hyper().learningRate(), s.seed());
        net.restore(checkpoint.state().updateRuleState());
        return net;
    }

    /** {@code mean((x − decode(encode(x)))²)} over every value of {@code rows}. */
    public static double mse(Checkpoint checkpoint, float[] rows) {
        float[] out = reconstruct(checkpoint, rows);
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            double d = out[i] - rows[i];
            sum += d * d;
        }
        return sum / rows.length;
    }
}
