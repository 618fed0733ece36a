package vqlens.train.internal;

import java.util.Arrays;
import org.nd4j.linalg.factory.Nd4j;
import vqlens.core.Codebooks;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;
import vqlens.train.Init;

/** The codebooks' first values from the first batch, for the trainer and the stepper alike. */
final class Initialisation {
    static {
        ClassPathReads.ensure();
    }

    private Initialisation() {
    }

    /**
     * {@link Init#LAZY}: the reference module's lazy init ({@link ProductQuantizer#initFromBatch}, seeded by
     * {@code seed}); {@link Init#KMEANS_PLUS_PLUS}: D² sampling drawing from {@code random}.
     *
     * @param batch {@code [n, E]} row-major (may be longer)
     */
    static Codebooks of(Init init, QuantizerConfig config, long seed, float[] batch, int n, SplitMix64 random) {
        int width = config.embeddingDim();
        if (init == Init.LAZY) {
            ProductQuantizer quantizer = ProductQuantizer.uninitialised(config, seed);
            quantizer.initFromBatch(Nd4j.createFromArray(Arrays.copyOf(batch, n * width)).reshape(n, width));
            return quantizer.snapshot();
        }
        float[] codebook = new float[config.codebookValues()];
        KMeansPlusPlus.seed(config, batch, n, random, codebook);
        return Codebooks.of(config, codebook, true);
    }
}
