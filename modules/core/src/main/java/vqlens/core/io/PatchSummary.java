package vqlens.core.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link CodebookFiles#patch} wrote: the edited codebook went into a copy of the model file, every other byte
 * as it was but the ones listed here.
 *
 * @param model           the model file read
 * @param out             the file written (may be {@code model})
 * @param format          what the model file is
 * @param key             the codebook's tensor
 * @param dtype           its stored element type (the edit is written in it)
 * @param shape           its stored shape
 * @param changedValues   values that differ from the model's
 * @param changedCodes    codes with at least one changed value
 * @param roundedValues   changed values stored rounded (F16, BF16: to nearest, ties to even)
 * @param largestRounding the largest |stored − edited| among them, 0 if none
 * @param notes           the other tensors changed to keep the edit (a flag set, EMA sums rewritten), one line each
 * @param warnings        what may still undo the edit, one line each
 */
public record PatchSummary(Path model, Path out, SourceFormat format, String key, String dtype, List<Long> shape,
                           long changedValues, int changedCodes, long roundedValues, double largestRounding,
                           List<String> notes, List<String> warnings) {
    public PatchSummary {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dtype, "dtype");
        shape = List.copyOf(shape);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }
}
