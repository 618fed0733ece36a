package vqlens.core.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import vqlens.core.Codebooks;
import vqlens.core.Printable;

/**
 * What {@link CodebookFiles#describe} found in a codebook or model file, for {@code vqlens inspect} and the UI.
 *
 * @param file             the file as named
 * @param format           the codebook format VQ Lens saves these codebooks in: the file's own for the four
 *                         codebook formats; for a model file ({@link #source()} says which), which VQ Lens
 *                         never rewrites whole, the native {@code .npz}
 * @param keys             every array or tensor name in the file, in file order ({@code .npz} members without
 *                         {@code .npy}; a checkpoint's nesting levels joined with {@code /}); empty for
 *                         {@code .npy} and CSV, which hold one unnamed array
 * @param candidates       the keys that look like codebooks (see {@link CodebookFiles#candidates}), file order
 * @param key              the key the codebooks were read from, {@code null} for {@code .npy} and CSV
 * @param shape            the stored shape, e.g. {@code [256, 96]} for a 2-D array read as one head
 * @param dtype            the stored element type in the format's own words: {@code F32}, {@code BF16}
 *                         (safetensors, PyTorch), {@code float64 (big-endian)} (numpy), {@code decimal text} (CSV)
 * @param initedFrom       where {@code inited} came from, e.g. {@code tensor 'inited'}, {@code __metadata__},
 *                         {@code member inited.npy}, or {@code absent (counts as initialised)}
 * @param document         the codebooks as read (float32), with usage and meta if the file had them, and where
 *                         they came from ({@link CodebookDocument#source()})
 * @param source           what the file is, recognised by content for model files
 * @param candidateDetails one entry per candidate: shape, dtype and the rule that named it
 * @param notes            one-line remarks: a key no rule names as codebooks, names a pickle mentions without
 *                         loading them, what else a model holds and when the codebook alone does not encode raw
 *                         data meaningfully (IVF residuals, an OPQ rotation, a projection before the quantizer)
 * @param emaUsage         a usage estimate kept as a moving average (vector-quantize-pytorch's
 *                         {@code cluster_size}), or {@code null}
 */
public record CodebookFileInfo(Path file, CodebookFormat format, List<String> keys, List<String> candidates,
                               String key, List<Long> shape, String dtype, String initedFrom,
                               CodebookDocument document, SourceFormat source, List<CodebookCandidate> candidateDetails,
                               List<String> notes, EmaUsage emaUsage) {

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
        Objects.requireNonNull(source, "source");
        candidateDetails = List.copyOf(candidateDetails);
        notes = List.copyOf(notes);
    }

    /**
     * A plain codebook file ({@code .npz}, {@code .npy}, CSV): the candidates are its codebook member, which is what
     * VQ Lens reads automatically.
     */
    public CodebookFileInfo(Path file, CodebookFormat format, List<String> keys, List<String> candidates,
                            String key, List<Long> shape, String dtype, String initedFrom, CodebookDocument document) {
        this(file, format, keys, candidates, key, shape, dtype, initedFrom, document, SourceFormat.of(format),
                plainDetails(candidates, key, shape, dtype), List.of(), null);
    }

    private static List<CodebookCandidate> plainDetails(List<String> candidates, String key, List<Long> shape, String dtype) {
        List<CodebookCandidate> details = new ArrayList<>();
        for (String c : candidates) {
            boolean chosen = c.equals(key);
            details.add(new CodebookCandidate(c, chosen ? shape : List.of(), chosen ? dtype : "?", "VQ Lens's codebooks member", true));
        }
        return details;
    }

    public Codebooks codebooks() {
        return document.codebooks();
    }

    public boolean inited() {
        return document.codebooks().inited();
    }

    /** The usage moving average, if the file keeps one. */
    public Optional<EmaUsage> ema() {
        return Optional.ofNullable(emaUsage);
    }
}
