package vqlens.core;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * The reference module's lazy init in plain Java (no ND4J): per head, {@code K} random rows of the first batch,
 * distinct rows when {@code B ≥ K} (a partial Fisher–Yates shuffle), drawn with replacement when the batch is
 * smaller. {@link ProductQuantizer#initFromBatch} uses it, so the stepper's and the trainer's inits are the same.
 */
public final class LazyInit {
    private LazyInit() {
    }

    /**
     * The codebooks {@code [H, K, D]} a quantizer with {@code seed} takes from {@code count} rows of {@code rows}
     * ({@code [count, E]} row-major from the buffer's position 0).
     */
    public static float[] codes(QuantizerConfig config, long seed, FloatBuffer rows, int count) {
        if (count == 0) {
            throw new VqException("cannot initialise the codebook from an empty batch");
        }
        SplittableRandom random = new SplittableRandom(seed).split();
        int codes = config.codes();
        int dim = config.headDim();
        float[] out = new float[config.codebookValues()];
        int[] order = new int[count];
        for (int h = 0; h < config.heads(); h++) {
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            for (int k = 0; k < codes; k++) {
                int row;
                if (count >= codes) { // partial Fisher–Yates: the first K of a random permutation
                    int j = k + random.nextInt(count - k);
                    row = order[j];
                    order[j] = order[k];
                    order[k] = row;
                } else {
                    row = random.nextInt(count);
                }
                rows.get(row * config.embeddingDim() + h * dim, out, (h * codes + k) * dim, dim);
            }
        }
        return out;
    }

    /** {@link #codes(QuantizerConfig, long, FloatBuffer, int)} from an array. */
    public static float[] codes(QuantizerConfig config, long seed, float[] rows, int count) {
        return codes(config, seed, FloatBuffer.wrap(rows), count);
    }
}
