package vqlens.core.io;

/**
 * What a file VQ Lens read turned out to be: one of the four codebook formats ({@link CodebookFormat}, chosen by
 * extension), or a model file recognised by its content. Model files are never rewritten whole: an edited
 * codebook goes back into a copy of them ({@link CodebookFiles#patch}).
 */
public enum SourceFormat {
    NPZ(CodebookFormat.NPZ),
    SAFETENSORS(CodebookFormat.SAFETENSORS),
    NPY(CodebookFormat.NPY),
    CSV(CodebookFormat.CSV),
    /** {@code torch.save} since PyTorch 1.6: a ZIP of {@code data.pkl} and raw storages. */
    TORCH("torch", "PyTorch checkpoint (torch.save, zip format)"),
    /** {@code torch.save(..., _use_new_zipfile_serialization=False)} and PyTorch before 1.6: pickles and raw storages. */
    TORCH_LEGACY("torch-legacy", "PyTorch checkpoint (legacy torch.save format)"),
    /** {@code faiss.write_index}. */
    FAISS_INDEX("faiss", "FAISS index (faiss.write_index)"),
    /** {@code faiss.write_ProductQuantizer}. */
    FAISS_PQ("faiss-pq", "FAISS product quantizer (faiss.write_ProductQuantizer)");

    private final String id;
    private final String displayName;

    SourceFormat(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    SourceFormat(CodebookFormat format) {
        this(format.extension(), format.displayName());
    }

    /** A short stable name, e.g. {@code torch}; {@code inspect --json} prints it as {@code format}. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether this is a model file, never saved whole (an edit is to be written back into a copy of it). */
    public boolean isModelFile() {
        return this == TORCH || this == TORCH_LEGACY || this == FAISS_INDEX || this == FAISS_PQ;
    }

    public static SourceFormat of(CodebookFormat format) {
        return valueOf(format.name()); // the four codebook formats have the same names here
    }
}
