package vqlens.core.io.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import vqlens.core.Codebooks;
import vqlens.core.Printable;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.AmbiguousCodebookException;
import vqlens.core.io.CodebookCandidate;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.CodebookFormat;
import vqlens.core.io.CodebookSource;
import vqlens.core.io.EmaUsage;
import vqlens.core.io.SourceFormat;
import vqlens.core.io.internal.model.CodebookRules;
import vqlens.core.io.internal.model.ElementType;
import vqlens.core.io.internal.model.StoredTensor;
import vqlens.core.io.internal.model.TensorValues;

/**
 * Codebooks from a file of named tensors, whatever the container (a {@code torch.save} checkpoint, a
 * {@code .safetensors} file): the candidates by {@link CodebookRules}, the one chosen or named by key, its flag
 * and EMA usage beside it. Reads the values of the chosen tensor and its flag and usage only.
 */
public final class ModelCodebooks {
    private static final String ABSENT = "absent (counts as initialised)";
    private static final int SHOWN = 20;

    private ModelCodebooks() {
    }

    /**
     * What a reader found in a file.
     *
     * @param source         what the file is
     * @param saveFormat     the format VQ Lens saves these codebooks in ({@link CodebookFileInfo#format()})
     * @param tensors        every tensor, file order, keys unique
     * @param notes          remarks for {@code inspect} (names a pickle mentions without loading them, …)
     * @param metadataInited a file-level {@code inited} text ({@code "true"}/{@code "false"}), or {@code null}
     * @param patchRefusal   why no edit can be written back into the file, or {@code null} (a tensor may still be
     *                       refused: {@link ModelPatch#refusal})
     * @param metadataFrom   where {@code metadataInited} comes from, for {@code inspect} (a safetensors
     *                       {@code __metadata__ "inited"}, a FAISS index's {@code is_trained})
     */
    public record Contents(SourceFormat source, CodebookFormat saveFormat, List<StoredTensor> tensors, List<String> notes,
                           String metadataInited, String patchRefusal, String metadataFrom) {
        public Contents {
            Objects.requireNonNull(source, "source");
            tensors = List.copyOf(tensors);
            notes = List.copyOf(notes);
            if (metadataFrom == null) {
                metadataFrom = METADATA_INITED;
            }
        }

        /** A file whose file-level flag, if any, is a safetensors {@code __metadata__ "inited"}. */
        public Contents(SourceFormat source, CodebookFormat saveFormat, List<StoredTensor> tensors, List<String> notes,
                        String metadataInited, String patchRefusal) {
            this(source, saveFormat, tensors, notes, metadataInited, patchRefusal, METADATA_INITED);
        }
    }

    private static final String METADATA_INITED = "__metadata__ \"inited\"";

    /** The candidates' keys in file order; refuses a file without any. */
    public static List<String> candidates(Origin origin, Contents contents) {
        List<CodebookRules.Match> ranked = CodebookRules.candidates(contents.tensors());
        if (ranked.isEmpty()) {
            throw noCandidates(origin, contents);
        }
        return CodebookRules.keysInFileOrder(contents.tensors(), ranked);
    }

    /** Reads the codebooks named by {@code key} ({@code null}: the automatic choice). */
    public static CodebookFileInfo read(Origin origin, Contents contents, String key) {
        Map<String, StoredTensor> byKey = new LinkedHashMap<>();
        contents.tensors().forEach(t -> byKey.put(t.key(), t));
        List<CodebookRules.Match> ranked = CodebookRules.candidates(contents.tensors());
        StoredTensor tensor = key == null ? automatic(origin, contents, ranked) : named(origin, contents, byKey, ranked, key);
        String shown = "tensor " + Printable.quoted(tensor.key()) + ": ";
        QuantizerConfig config = CodebookReader.codebookConfig(origin, tensor.shape(), shown);
        List<String> notes = new ArrayList<>(contents.notes());

        boolean inited = true; // like an .npy: a file without the flag holds trained codebooks
        String initedFrom = ABSENT;
        StoredTensor flag = CodebookRules.flagKeys(tensor.key()).stream().map(byKey::get).filter(Objects::nonNull).findFirst().orElse(null);
        if (flag != null) {
            inited = readFlag(origin, flag);
            initedFrom = "tensor " + Printable.quoted(flag.key());
        } else if (contents.metadataInited() != null) {
            inited = metadataFlag(origin, contents.metadataInited());
            initedFrom = contents.metadataFrom();
        }
        EmaUsage ema = emaUsage(origin, byKey.get(CodebookRules.siblingPrefix(tensor.key()) + "cluster_size"), config, notes);
        projectionNote(tensor.key(), byKey).ifPresent(notes::add);

        HeapCheck.floats(origin, config.codebookValues(), "the codebooks (" + config + ")");
        float[] values = TensorValues.floats(origin, tensor);
        CodebookSource source = new CodebookSource(origin.file(), contents.source(), tensor.key(), tensor.dtype(), boxed(tensor.shape()),
                tensor.offset(), boxed(tensor.strides()), tensor.orderName(), ModelPatch.refusal(contents, tensor));
        CodebookDocument document = CodebookDocument.of(Codebooks.wrap(config, values, inited)).withSource(source);
        List<CodebookCandidate> details = ranked.stream().map(CodebookRules.Match::candidate).toList();
        return new CodebookFileInfo(origin.file(), contents.saveFormat(), new ArrayList<>(byKey.keySet()),
                CodebookRules.keysInFileOrder(contents.tensors(), ranked), tensor.key(), boxed(tensor.shape()), tensor.dtype(), initedFrom,
                document, contents.source(), details, notes, ema);
    }

    private static StoredTensor automatic(Origin origin, Contents contents, List<CodebookRules.Match> ranked) {
        if (ranked.isEmpty()) {
            throw noCandidates(origin, contents);
        }
        CodebookRules.Match chosen = CodebookRules.automaticChoice(ranked);
        if (chosen == null) {
            throw new AmbiguousCodebookException(origin.file(), ranked.stream().map(m -> m.candidate().key()).toList());
        }
        return chosen.tensor();
    }

    /**
     * The tensor {@code key} names: exactly, or with {@code .} for {@code /} between nesting levels when only one key
     * matches so ({@code state_dict.quantize.embedding.weight}). Must be a float tensor of rank 2 or 3.
     */
    private static StoredTensor named(Origin origin, Contents contents, Map<String, StoredTensor> byKey,
                                      List<CodebookRules.Match> ranked, String key) {
        StoredTensor tensor = byKey.get(key);
        if (tensor == null) {
            String dotted = key.replace('/', '.');
            List<StoredTensor> matches = contents.tensors().stream().filter(t -> t.key().replace('/', '.').equals(dotted)).toList();
            if (matches.size() > 1) {
                throw origin.fail("key " + Printable.quoted(key) + " is ambiguous with '.' for '/': it matches "
                        + Printable.list(matches.stream().map(StoredTensor::key).toList(), SHOWN, "") + "; name one with '/'");
            }
            if (matches.isEmpty()) {
                List<String> candidates = ranked.stream().map(m -> m.candidate().key()).toList();
                throw origin.fail("no tensor " + Printable.quoted(key) + " in the file; "
                        + (candidates.isEmpty() ? "it holds: " + listed(contents) : "candidates: " + Printable.list(candidates, SHOWN, "")));
            }
            tensor = matches.get(0);
        }
        if (!tensor.type().isFloat()) {
            throw origin.fail("tensor " + tensor.describe() + " cannot be codebooks: they must be " + ElementType.CODEBOOK_TYPES);
        }
        if (tensor.rank() != 2 && tensor.rank() != 3) {
            throw origin.fail("tensor " + tensor.describe() + " cannot be codebooks: they must be [heads, codes, dim] or [codes, dim]");
        }
        return tensor;
    }

    /**
     * A flag tensor, one element, non-zero is true: the reference module's {@code inited} is bool or integer;
     * vector-quantize-pytorch's {@code initted} a float {@code [1]} in older releases and a bool {@code []} in newer.
     */
    private static boolean readFlag(Origin origin, StoredTensor flag) {
        boolean vqPytorch = flag.key().endsWith("initted");
        if (flag.count() != 1 || !(vqPytorch ? flag.type().readable() : flag.type().isIntegerOrBool())) {
            throw origin.fail("tensor " + flag.describe() + (vqPytorch ? " must be a single value" : " must be a single BOOL or integer value"));
        }
        return TensorValues.scalar(origin, flag) != 0;
    }

    /** File-level metadata values are strings; Python writes {@code str(True)}, JSON-minded tools {@code true}. */
    private static boolean metadataFlag(Origin origin, String value) {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> {
                return true;
            }
            case "false", "0" -> {
                return false;
            }
            default -> throw origin.fail("__metadata__ \"inited\" must be \"true\" or \"false\", found " + Printable.quoted(value));
        }
    }

    /** vector-quantize-pytorch's {@code cluster_size} beside the codebook, {@code [H,K]} (or {@code [K]} for one head). */
    private static EmaUsage emaUsage(Origin origin, StoredTensor t, QuantizerConfig config, List<String> notes) {
        if (t == null) {
            return null;
        }
        long[] s = t.shape();
        boolean fits = s.length == 2 && s[0] == config.heads() && s[1] == config.codes()
                || s.length == 1 && config.heads() == 1 && s[0] == config.codes();
        if (!t.type().isFloat() || !fits) {
            notes.add("tensor " + t.describe() + " is not a usage average of these codebooks (" + config + "); not shown");
            return null;
        }
        return new EmaUsage(t.key(), config.heads(), config.codes(), TensorValues.floats(origin, t));
    }

    /** vector-quantize-pytorch projects the input first when its dim differs from the codebook's. */
    private static Optional<String> projectionNote(String key, Map<String, StoredTensor> byKey) {
        String codebookPrefix = CodebookRules.siblingPrefix(key);
        if (!codebookPrefix.endsWith("_codebook.")) {
            return Optional.empty();
        }
        String vq = codebookPrefix.substring(0, codebookPrefix.length() - "_codebook.".length());
        if (!byKey.containsKey(vq + "project_in.weight")) {
            return Optional.empty();
        }
        return Optional.of("the quantizer projects its input first (" + Printable.quoted(vq + "project_in.weight")
                + "): encoding raw data with this codebook alone is not meaningful");
    }

    private static RuntimeException noCandidates(Origin origin, Contents contents) {
        return origin.fail("no codebook tensor (a " + ElementType.CODEBOOK_TYPES + " tensor [heads, codes, dim] or [codes, dim]"
                + " named 'codebooks' or '<prefix>.codebooks', or a single 3-D float tensor); it holds: " + listed(contents)
                + "; nor a vector-quantize-pytorch '…_codebook.embed' or a quantizer's '…embedding.weight' [codes, dim];"
                + " a key reads any float tensor of rank 2 or 3");
    }

    private static String listed(Contents contents) {
        List<StoredTensor> tensors = contents.tensors();
        if (tensors.isEmpty()) {
            return "no tensors";
        }
        String shown = tensors.stream().limit(SHOWN).map(StoredTensor::describe).collect(Collectors.joining(", "));
        return tensors.size() > SHOWN ? shown + ", … (" + (tensors.size() - SHOWN) + " more)" : shown;
    }

    private static List<Long> boxed(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long v : values) {
            list.add(v);
        }
        return list;
    }
}
