package vqlens.core.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import vqlens.core.Codebooks;
import vqlens.core.Printable;
import vqlens.core.io.internal.CodebookLoading;
import vqlens.core.io.internal.CodebookWriter;
import vqlens.core.io.internal.ModelFiles;
import vqlens.core.io.internal.ModelPatch;
import vqlens.core.io.internal.Origin;

/**
 * The one place that turns codebook files into {@link Codebooks} and back; the format follows the file
 * extension ({@link CodebookFormat}), a model file's its content. Every method opens and closes its own file; nothing stays open.
 *
 * <ul>
 * <li>{@code .npz} (native, as {@code numpy.savez} writes it): {@code codebooks} float32/float64
 * {@code [heads, codes, dim]} or {@code [codes, dim]}, optional {@code inited} (0-d or size-1 bool or
 * integer), {@code usage} (integer {@code [heads, codes]}) and {@code meta} (0-d unicode text holding a
 * JSON object); other members are ignored. Stored and deflated members.</li>
 * <li>{@code .safetensors}: a float tensor (F32, F16, BF16, F64) {@code [heads, codes, dim]} or
 * {@code [codes, dim]} named {@code codebooks} or {@code <prefix>.codebooks}, or the only 3-D float
 * tensor; {@code inited} from a BOOL/integer tensor beside it ({@code <prefix>.inited}), else from
 * {@code __metadata__} {@code "inited"} ({@code "true"}/{@code "false"}).</li>
 * <li>{@code .npy}: float32/float64 {@code [heads, codes, dim]} or {@code [codes, dim]}, either byte
 * order, C or Fortran order.</li>
 * <li>{@code .csv}: header {@code head,code,v0,v1,…}, then one row per code (0-based head and code).</li>
 * <li>{@code .pt}, {@code .pth}, {@code .bin}, {@code .ckpt}, read only: a {@code torch.save} checkpoint (zip or
 * legacy format, recognised by content; anything else is named in the one-line error), its pickle read by a
 * restricted reader that runs nothing; nested dicts give keys joined with {@code /}; the codebook is found by the
 * names the VQ libraries use (see {@code formats.md}) and only its storage is read.</li>
 * <li>{@code .index}, {@code .faiss}, {@code .pq}, read only: a {@code faiss.write_index} file holding a product
 * quantizer (IndexPQ, IndexIVFPQ, either under an OPQ IndexPreTransform or an IndexIDMap; recognised by its fourcc)
 * or a {@code faiss.write_ProductQuantizer} file; its centroids {@code [M, ksub, dsub]} are the codebooks
 * (key {@code pq.centroids}).</li>
 * </ul>
 * A file without an {@code inited} flag counts as initialised. NaN and infinite values are returned as
 * they are. Every problem, including I/O errors, is a one-line {@link CodebookFileException}.
 */
public final class CodebookFiles {
    /**
     * For messages and option help (a constant, so annotations can use it): the extensions {@link #load}
     * and {@link #save} understand, the same as {@link CodebookFormat#extensions()}.
     */
    public static final String SUPPORTED_EXTENSIONS = ".npz, .safetensors, .npy, .csv";
    /**
     * The extensions of the PyTorch checkpoints {@link #load} reads too (recognised by content; never written), the
     * same as the reader's list.
     */
    public static final String MODEL_EXTENSIONS = ".pt, .pth, .bin, .ckpt";
    /**
     * The extensions of the FAISS files {@link #load} reads (never written whole): {@code faiss.write_index} files,
     * recognised by content, and {@code faiss.write_ProductQuantizer} files ({@code .pq}).
     */
    public static final String FAISS_EXTENSIONS = ".index, .faiss, .pq";
    /** Every extension {@link #load} reads, for option help and file choosers. */
    public static final String READ_EXTENSIONS = SUPPORTED_EXTENSIONS + ", " + MODEL_EXTENSIONS + ", " + FAISS_EXTENSIONS;

    private CodebookFiles() {
    }

    /**
     * Loads codebooks, choosing the codebook tensor automatically.
     *
     * @throws AmbiguousCodebookException if a {@code .safetensors} file or a checkpoint holds several candidates
     * @throws CodebookFileException      if the file cannot be read, is malformed, or is not a codebook
     */
    public static Codebooks load(Path file) {
        return load(file, null);
    }

    /**
     * Loads codebooks from the tensor (safetensors) or member (npz) {@code key}; {@code null} chooses
     * automatically. {@code .npy} and CSV files hold one unnamed codebook and refuse a key.
     *
     * @throws AmbiguousCodebookException if {@code key} is null and the file holds several candidates
     * @throws CodebookFileException      if the file cannot be read, is malformed, or has no such codebook
     */
    public static Codebooks load(Path file, String key) {
        return describe(file, key).codebooks();
    }

    /** Codebooks with the usage counts and meta JSON an {@code .npz} may hold (other formats have neither). */
    public static CodebookDocument loadDocument(Path file) {
        return loadDocument(file, null);
    }

    /** {@link #loadDocument(Path)} from the tensor or member {@code key} ({@code null}: automatic). */
    public static CodebookDocument loadDocument(Path file, String key) {
        return describe(file, key).document();
    }

    /**
     * Loads the codebooks and says what the file holds: format, keys, the chosen key, stored shape and
     * dtype, where {@code inited} came from; for {@code vqlens inspect}.
     *
     * @throws AmbiguousCodebookException if {@code key} is null and the file holds several candidates
     * @throws CodebookFileException      as {@link #load(Path, String)}
     */
    public static CodebookFileInfo describe(Path file, String key) {
        Origin origin = Origin.of(Objects.requireNonNull(file, "file"));
        Optional<CodebookFormat> format = readFormat(file);
        return CodebookLoading.withFile(origin, region -> format.isPresent() ? CodebookLoading.read(origin, region, format.get(), key)
                : CodebookLoading.readModel(origin, region, key));
    }

    /**
     * The codebook format of a file to read, or empty for a model file (recognised by its content then).
     *
     * @throws CodebookFileException naming what VQ Lens reads if the extension is neither
     */
    private static Optional<CodebookFormat> readFormat(Path file) {
        String extension = CodebookFormat.extensionOf(file);
        if (ModelFiles.isModelExtension(extension)) {
            return Optional.empty();
        }
        Optional<CodebookFormat> format = CodebookFormat.ofExtension(extension);
        if (format.isEmpty()) {
            throw new CodebookFileException(file, CodebookFormat.unsupported(file, extension) + "; VQ Lens reads PyTorch checkpoints ("
                    + MODEL_EXTENSIONS + "), FAISS files (" + FAISS_EXTENSIONS + ") and codebook files, which must be one of " + SUPPORTED_EXTENSIONS
                    + CodebookFormat.whatWouldWork(extension));
        }
        return format;
    }

    /**
     * The keys of the codebook candidates in a {@code .safetensors}, {@code .npz} or checkpoint file, in file order, for a chooser
     * (reads the header only). At least one: a file without any is refused. Empty for {@code .npy} and CSV,
     * which hold one unnamed codebook.
     *
     * @throws CodebookFileException if the file cannot be read, is malformed, or holds no candidate
     */
    public static List<String> candidates(Path file) {
        Origin origin = Origin.of(Objects.requireNonNull(file, "file"));
        Optional<CodebookFormat> format = readFormat(file);
        return CodebookLoading.withFile(origin, region -> format.isPresent() ? CodebookLoading.candidates(origin, region, format.get())
                : CodebookLoading.modelCandidates(origin, region));
    }

    /**
     * Writes edited codebooks back into a copy of the model file they came from, everything else unchanged: a
     * {@code .safetensors} file (header kept byte for byte) or a {@code torch.save} checkpoint (zip: {@code data.pkl}
     * and every record kept, the CRC-32s of the rewritten storages updated; legacy: the storages' bytes in place). Only
     * the values that differ are written, in the tensor's stored dtype and byte order through its strides (F16 and
     * BF16 rounded to nearest even; a value that overflows F16 is refused). A false {@code inited}/{@code initted}
     * flag beside the codebook is set true, and vector-quantize-pytorch's {@code embed_avg} is set to
     * {@code embed × cluster_size} for the edited codes, so that training keeps the edit. {@code out} is written
     * atomically after a free-space check; it may be {@code model} itself.
     *
     * @param key {@code null}: the automatic choice, as {@link #load(Path, String)}
     * @throws AmbiguousCodebookException if {@code key} is null and the model holds several candidates
     * @throws CodebookFileException      if the model cannot be read, the codebook cannot be written in place (a
     *                                    compressed or partly shared storage), the shape differs, a value overflows,
     *                                    or {@code out} cannot be written; nothing is written then
     */
    public static PatchSummary patch(Path model, String key, Codebooks codebooks, Path out) {
        Origin origin = Origin.of(Objects.requireNonNull(model, "model"));
        Objects.requireNonNull(codebooks, "codebooks");
        Objects.requireNonNull(out, "out");
        String extension = CodebookFormat.extensionOf(model);
        boolean safetensors = extension.equalsIgnoreCase(CodebookFormat.SAFETENSORS.extension());
        if (!safetensors && !ModelFiles.isModelExtension(extension)) {
            Optional<CodebookFormat> format = readFormat(model); // refuses an unknown extension, naming what is read
            throw origin.fail("is a " + format.orElseThrow().displayName() + " file, which holds the codebooks alone: save the edit"
                    + " as a file of its own (convert); patch writes into model files (.safetensors, " + MODEL_EXTENSIONS + ")");
        }
        String outExtension = CodebookFormat.extensionOf(out);
        boolean outFits = safetensors ? outExtension.equalsIgnoreCase(CodebookFormat.SAFETENSORS.extension())
                : ModelFiles.isModelExtension(outExtension);
        if (!outFits) {
            throw new CodebookFileException(out, "the patched copy of " + Printable.of(String.valueOf(model.getFileName())) + " must keep its kind of name ("
                    + (safetensors ? ".safetensors" : MODEL_EXTENSIONS) + "): it is the same kind of file");
        }
        return CodebookLoading.withFile(origin, region -> ModelPatch.patch(origin, region,
                safetensors ? CodebookLoading.safetensorsContents(origin, region) : ModelFiles.contents(origin, region), key, codebooks, out));
    }

    /**
     * {@link #patch(Path, String, Codebooks, Path)} into the file and tensor {@code edited} was read from (its
     * {@link CodebookDocument#source()}, which an edit keeps), e.g. for the inspector's Save on a model file.
     *
     * @throws IllegalArgumentException if {@code edited} was not read from a file
     * @throws CodebookFileException     if its source cannot take the edit ({@link CodebookSource#whyNotPatchable()}), or
     *                                   as {@link #patch(Path, String, Codebooks, Path)}
     */
    public static PatchSummary patch(CodebookDocument edited, Path out) {
        CodebookSource source = Objects.requireNonNull(edited, "edited").source()
                .orElseThrow(() -> new IllegalArgumentException("the codebooks were not read from a file"));
        source.whyNotPatchable().ifPresent(why -> {
            throw new CodebookFileException(source.file(), "cannot write the edit back: " + why);
        });
        return patch(source.file(), source.key(), edited.codebooks(), out);
    }

    /**
     * Saves codebooks atomically (temp file beside the target, forced to disk, renamed over it), in the
     * format of the extension:
     * <ul>
     * <li>{@code .npz}: members {@code codebooks.npy} (float32 {@code [heads, codes, dim]}) and
     * {@code inited.npy} (0-d bool), STORED;</li>
     * <li>{@code .safetensors}: {@code codebooks} F32 {@code [heads, codes, dim]} and {@code inited} BOOL
     * {@code []}, byte for byte what {@code safetensors.torch.save_file(module.state_dict())} writes;</li>
     * <li>{@code .npy}: float32 {@code [heads, codes, dim]} only (the flag is not kept);</li>
     * <li>{@code .csv}: {@code head,code,v0,…}, values that read back to the same float32 (the flag is not kept).</li>
     * </ul>
     *
     * @throws CodebookFileException if the file cannot be written; the old file is then untouched
     */
    public static void save(Path file, Codebooks codebooks) {
        save(file, CodebookDocument.of(Objects.requireNonNull(codebooks, "codebooks")));
    }

    /** Like {@link #save(Path, Codebooks)}; an {@code .npz} also gets {@code usage.npy} and {@code meta.npy} when present. */
    public static void save(Path file, CodebookDocument document) {
        Origin origin = Origin.of(Objects.requireNonNull(file, "file"));
        Objects.requireNonNull(document, "document");
        switch (CodebookFormat.of(file)) {
            case NPZ -> CodebookWriter.writeNpz(origin, document);
            case SAFETENSORS -> CodebookWriter.writeSafetensors(origin, document.codebooks());
            case NPY -> CodebookWriter.writeNpy(origin, document.codebooks());
            case CSV -> CodebookWriter.writeCsv(origin, document.codebooks());
        }
    }
}
