package vqlens.train.internal;

import vqlens.core.Codebooks;
import vqlens.core.LazyInit;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;
import vqlens.train.Init;

/** The codebooks' first values from the first batch, for the trainer and the stepper alike. */
final class Initialisation {
    private Initialisation() {
    }

    /**
     * {@link Init#LAZY}: the reference module's lazy init ({@link LazyInit}, as {@link ProductQuantizer#initFromBatch}; seeded by
     * {@code seed}); {@link Init#KMEANS_PLUS_PLUS}: D² sampling drawing from {@code random}.
     *
     * @param batch {@code [n, E]} row-major (may be longer)
     */
    static Codebooks of(Init init, QuantizerConfig config, long seed, float[] batch, int n, SplitMix64 random) {
        if (init == Init.LAZY) {
            return Codebooks.of(config, LazyInit.codes(config, seed, batch, n), true);
        }
        float[] codebook = new float[config.codebookValues()];
        KMeansPlusPlus.seed(config, batch, n, random, codebook);
        return Codebooks.of(config, codebook, true);
    }
}
