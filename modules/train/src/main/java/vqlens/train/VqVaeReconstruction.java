package vqlens.train;

import java.util.Objects;

import vqlens.core.Codebooks;
import vqlens.core.ProductQuantizer;
import vqlens.core.VqException;
import vqlens.train.internal.vqvae.VqVaeNetwork;

/**
 * What a VQ-VAE checkpoint does to rows it never trained on: encoder, the quantizer's nearest codes, decoder.
 * The held-out error of {@code train --mode vqvae --holdout} and of the Learn tab's VQ-VAE lesson. An instance
 * builds the network once ({@link #of}; building its graph costs far more than running it on a few thousand rows)
 * and can {@link #load} later checkpoints of the same run. Not thread-safe: one thread at a time.
 */
public final class VqVaeReconstruction {
    private final TrainingSettings settings;
    private final VqVaeNetwork net;
    private Codebooks codebooks;

    private VqVaeReconstruction(TrainingSettings settings) {
        this.settings = settings;
        net = new VqVaeNetwork(settings.network().inputDim(), settings.network().hidden(), settings.quantizer(),
                settings.method() == UpdateRule.ADAM, settings.hyper().learningRate(), settings.seed());
    }

    /** The network and codes of {@code checkpoint}. */
    public static VqVaeReconstruction of(Checkpoint checkpoint) {
        TrainingSettings s = Objects.requireNonNull(checkpoint, "checkpoint").settings();
        if (!s.vqvae()) {
            throw new VqException("not a VQ-VAE checkpoint: it has no network to reconstruct with");
        }
        return new VqVaeReconstruction(s).load(checkpoint);
    }

    /** Takes the weights and codes of a later checkpoint of the same network shape. */
    public VqVaeReconstruction load(Checkpoint checkpoint) {
        TrainingSettings s = checkpoint.settings();
        if (!s.vqvae() || !s.network().equals(settings.network()) || !s.quantizer().equals(settings.quantizer())) {
            throw new VqException("the checkpoint's network differs from the one loaded before");
        }
        net.restore(checkpoint.state().updateRuleState());
        codebooks = checkpoint.codebooks();
        net.setCodebook(codebooks.toArray());
        return this;
    }

    /** The decoder's output for {@code rows} ({@code [n, inputDim]} row-major), through the checkpoint's codes. */
    public float[] reconstruct(float[] rows) {
        long[] codes = codes(rows);
        return net.decode(codes, codes.length / settings.quantizer().heads());
    }

    /**
     * Each row's nearest code per head after the encoder, {@code [n, heads]} row-major: what the quantizer chose
     * for it (the codebook usage over a whole data set, as the Learn tab's collapse comparison counts it).
     */
    public long[] codes(float[] rows) {
        int width = settings.network().inputDim();
        if (rows.length == 0 || rows.length % width != 0) {
            throw new VqException("the network takes rows of " + width + " values, got " + rows.length + " values");
        }
        int n = rows.length / width;
        float[] z = new float[n * settings.quantizer().embeddingDim()];
        net.encode(rows, n, z);
        long[] codes = new long[n * settings.quantizer().heads()];
        ProductQuantizer.of(codebooks).encode(z, n, 0, codes);
        return codes;
    }

    /** {@code mean((x − decode(encode(x)))²)} over every value of {@code rows}. */
    public double mse(float[] rows) {
        float[] out = reconstruct(rows);
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            double d = out[i] - rows[i];
            sum += d * d;
        }
        return sum / rows.length;
    }

    /** One checkpoint's reconstruction of {@code rows}. */
    public static float[] reconstruct(Checkpoint checkpoint, float[] rows) {
        return of(checkpoint).reconstruct(rows);
    }

    /** One checkpoint's codes for {@code rows}. */
    public static long[] codes(Checkpoint checkpoint, float[] rows) {
        return of(checkpoint).codes(rows);
    }

    /** One checkpoint's reconstruction error on {@code rows}. */
    public static double mse(Checkpoint checkpoint, float[] rows) {
        return of(checkpoint).mse(rows);
    }
}
