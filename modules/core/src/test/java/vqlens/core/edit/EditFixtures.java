package vqlens.core.edit;

import java.util.SplittableRandom;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;

/** Small seeded codebooks and data rows for the edit tests. */
final class EditFixtures {

    private EditFixtures() {
    }

    /** {@code heads × codes × headDim} standard-normal values from {@code seed}. */
    static Codebooks codebooks(int heads, int codes, int headDim, long seed) {
        QuantizerConfig config = new QuantizerConfig(heads, heads * headDim, codes);
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[config.codebookValues()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) EditMath.gaussian(random);
        }
        return Codebooks.wrap(config, v, true);
    }

    /** {@code rowCount} full rows of width {@code embeddingDim}, standard normal from {@code seed}. */
    static float[] rows(Codebooks cb, int rowCount, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] rows = new float[rowCount * cb.config().embeddingDim()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) EditMath.gaussian(random);
        }
        return rows;
    }

    static float[] slice(Codebooks cb, float[] rows, int row, int head) {
        return CodebookEdits.slice(cb, head, rows, row);
    }
}
