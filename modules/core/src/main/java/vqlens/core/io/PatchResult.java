package vqlens.core.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link CodebookFiles#patch} did besides replacing the codebook's values, one line each: values that
 * rounded to a narrower stored type, a vector-quantize-pytorch {@code embed_avg} rewritten to agree with the
 * edit, an {@code initted} flag set, stored FAISS codes that were made with the old centroids.
 *
 * @param file  the file written
 * @param key   the codebook written
 * @param notes what the user should know, possibly none
 */
public record PatchResult(Path file, String key, List<String> notes) {
    public PatchResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        notes = List.copyOf(notes);
    }
}
