package vqlens.core.io;

import java.util.List;
import java.util.Objects;

/**
 * One tensor that looks like codebooks, with why: for {@code inspect} and a chooser.
 *
 * @param key       what to pass as the key (nesting levels of a checkpoint joined with {@code /})
 * @param shape     the stored shape
 * @param dtype     the stored element type ({@code F32}, {@code BF16}, …)
 * @param reason    the rule that named it, e.g. {@code vector-quantize-pytorch codebook (_codebook.embed)}
 * @param automatic whether a choice without a key may take it: not an EMA copy of a model that has its own
 *                  candidate (choose it with a key then)
 */
public record CodebookCandidate(String key, List<Long> shape, String dtype, String reason, boolean automatic) {
    public CodebookCandidate {
        Objects.requireNonNull(key, "key");
        shape = List.copyOf(shape);
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(reason, "reason");
    }
}
