package vqlens.core.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import vqlens.core.Codebooks;
import vqlens.core.Printable;

/**
 * What {@link CodebookFiles#describe} found in a codebook file, for {@code vqlens inspect} and the UI.
 *
 * @param file       the file as named
 * @param format     its format (by extension)
 * @param keys       every array or tensor name in the file, in file order ({@code .npz} members without
 *                   {@code .npy}); empty for {@code .npy} and CSV, which hold one unnamed array
 * @param candidates the keys that look like codebooks (see {@link CodebookFiles#candidates})
 * @param key        the key the codebooks were read from, {@code null} for {@code .npy} and CSV
 * @param shape      the stored shape, e.g. {@code [256, 96]} for a 2-D array read as one head
 * @param dtype      the stored element type in the format's own words: {@code F32}, {@code BF16}
 *                   (safetensors), {@code float64 (big-endian)} (numpy), {@code decimal text} (CSV)
 * @param initedFrom where {@code inited} came from, e.g. {@code tensor 'inited'}, {@code __metadata__},
 *                   {@code member inited.npy}, or {@code absent (counts as initialised)}
 * @param document   the codebooks as read (float32), with usage and meta if the file had them
 */
public record CodebookFileInfo(Path file, CodebookFormat format, List<String> keys, List<String> candidates,
                               String key, List<Long> shape, String dtype, String initedFrom,
                               CodebookDocument document) {

    /**
     * A one-line warning when the key read is not one of the file's codebook candidates (it can only have been
     * named on purpose, e.g. a weight matrix read as one head): never read silently.
     */
    public Optional<String> keyWarning() {
        if (key == null || candidates.contains(key)) {
            return Optional.empty();
        }
        return Optional.of(file + ": " + Printable.quoted(key) + " is not one of the tensors that"
                + " look like codebooks (" + (candidates.isEmpty() ? "none" : String.join(", ", candidates))
                + "); reading it as " + document.codebooks().config() + " anyway");
    }

    public CodebookFileInfo {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        keys = List.copyOf(keys);
        candidates = List.copyOf(candidates);
        shape = List.copyOf(shape);
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(initedFrom, "initedFrom");
        Objects.requireNonNull(document, "document");
    }

    public Codebooks codebooks() {
        return document.codebooks();
    }

    public boolean inited() {
        return document.codebooks().inited();
    }
}
