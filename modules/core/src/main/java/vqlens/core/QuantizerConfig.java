package vqlens.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shape of a product quantizer: {@code heads} codebooks of {@code codes} codes each, every code of
 * {@code headDim = embeddingDim / heads} values. Head {@code h} of a vector is the contiguous slice
 * {@code [h*headDim, (h+1)*headDim)}. A config validates itself on construction.
 *
 * @param heads        number of heads (sub-spaces), {@code num_heads} in the reference module
 * @param embeddingDim width of the vectors that are quantized, {@code embedding_dim}
 * @param codes        codes per head, {@code num_embeddings}
 */
public record QuantizerConfig(int heads, int embeddingDim, int codes) {

    /** Largest codebook held in memory: 2^28 float values (1 GiB). Anything larger is refused as absurd. */
    public static final long MAX_CODEBOOK_VALUES = 1L << 28;

    /** Codes are addressed by int64 indices but stored in Java arrays, so one head holds at most this many. */
    public static final int MAX_CODES = 1 << 24;

    public QuantizerConfig {
        SettingProblem.throwFirst(problems(heads, embeddingDim, codes));
    }

    /**
     * The rules a shape must meet, one problem per setting ({@code "heads"}, {@code "dim"}, {@code "codes"}):
     * what the constructor enforces, for a form or a command line to show before it builds one.
     */
    public static List<SettingProblem> problems(long heads, long embeddingDim, long codes) {
        List<SettingProblem> problems = new ArrayList<>();
        if (heads <= 0) {
            problems.add(new SettingProblem("heads", "must be at least 1", "heads must be > 0, got " + heads));
        }
        if (embeddingDim <= 0) {
            problems.add(new SettingProblem("dim", "must be at least 1", "embedding dimension must be > 0, got " + embeddingDim));
        } else if (embeddingDim > Integer.MAX_VALUE) {
            problems.add(new SettingProblem("dim", "must be at most " + Integer.MAX_VALUE,
                    "embedding dimension must be at most " + Integer.MAX_VALUE + ", got " + embeddingDim));
        }
        if (codes <= 0) {
            problems.add(new SettingProblem("codes", "must be at least 1", "codes per head must be > 0, got " + codes));
        }
        if (heads > 0 && embeddingDim > 0 && embeddingDim % heads != 0) {
            problems.add(new SettingProblem("heads", "must divide the dimension " + embeddingDim,
                    "heads (" + heads + ") must divide the embedding dimension (" + embeddingDim + ")"));
        }
        if (codes > MAX_CODES) {
            problems.add(new SettingProblem("codes", String.format(Locale.ROOT, "must be at most %,d", MAX_CODES),
                    "codes per head must be at most " + MAX_CODES + ", got " + codes));
        } else if (heads > 0 && embeddingDim > 0 && embeddingDim <= Integer.MAX_VALUE && embeddingDim % heads == 0
                && codes > 0 && codes * embeddingDim > MAX_CODEBOOK_VALUES) {
            problems.add(new SettingProblem("codes", "codebook too large (limit " + MAX_CODEBOOK_VALUES + " values)",
                    "a codebook of " + heads + " x " + codes + " x " + (embeddingDim / heads)
                            + " values is too large (limit " + MAX_CODEBOOK_VALUES + " values)"));
        }
        return problems;
    }

    /** The reference module's shape: {@code OrthogonalProductQuantizer(num_heads=4, embedding_dim=384, num_embeddings=256)}. */
    public static QuantizerConfig seedDefault() {
        return new QuantizerConfig(4, 384, 256);
    }

    /** Builds a config from a codebook shape {@code [heads, codes, headDim]}. */
    public static QuantizerConfig ofCodebookShape(long heads, long codes, long headDim) {
        if (heads <= 0 || codes <= 0 || headDim <= 0) {
            throw new VqException("codebook shape [" + heads + ", " + codes + ", " + headDim + "] has an empty dimension");
        }
        if (heads > Integer.MAX_VALUE || codes > Integer.MAX_VALUE || headDim > Integer.MAX_VALUE
                || heads * headDim > Integer.MAX_VALUE) {
            throw new VqException("codebook shape [" + heads + ", " + codes + ", " + headDim + "] is too large");
        }
        return new QuantizerConfig((int) heads, (int) (heads * headDim), (int) codes);
    }

    public int headDim() {
        return embeddingDim / heads;
    }

    /** Number of float values in all codebooks together, {@code heads * codes * headDim}. */
    public int codebookValues() {
        return codes * embeddingDim;
    }

    @Override
    public String toString() {
        return heads + " heads x " + codes + " codes x " + headDim() + " dims (embedding " + embeddingDim + ")";
    }
}
