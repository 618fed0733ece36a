package vqlens.app.cli.internal;

import java.util.SplittableRandom;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;

/**
 * The benchmark's buffers, allocated once for the largest batch and shared by all (smaller batches use
 * the leading rows): z, the indices, and one output for forward/decode. Nothing else of batch size.
 *
 * @param z       standard-normal rows {@code [maxBatch, E]}
 * @param indices {@code [maxBatch, H]}, valid code indices from the start so decode can run alone
 * @param output  {@code [maxBatch, E]} or {@code null} when no timed op writes vectors
 */
public record BenchData(float[] z, long[] indices, float[] output) {

    /** Largest Java array, a little below {@code Integer.MAX_VALUE}. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    public static BenchData create(QuantizerConfig config, int maxBatch, boolean withOutput, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] z = new float[maxBatch * config.embeddingDim()];
        fillNormal(z, random);
        long[] indices = new long[maxBatch * config.heads()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = random.nextInt(config.codes());
        }
        return new BenchData(z, indices, withOutput ? new float[z.length] : null);
    }

    /** A standard-normal codebook, marked initialised so the quantizer accepts it. */
    public static Codebooks randomCodebooks(QuantizerConfig config, long seed) {
        float[] values = new float[config.codebookValues()];
        fillNormal(values, new SplittableRandom(seed));
        return Codebooks.wrap(config, values, true);
    }

    /** Java heap bytes {@link #create} needs. */
    public static long bytesNeeded(QuantizerConfig config, long maxBatch, boolean withOutput) {
        long rows = 4L * maxBatch * config.embeddingDim();
        return rows * (withOutput ? 2 : 1) + 8L * maxBatch * config.heads();
    }

    private static void fillNormal(float[] values, SplittableRandom random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
    }
}
