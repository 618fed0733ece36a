package vqlens.core.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import vqlens.core.Printable;

/** The codebook file formats, chosen by file extension (case-insensitive). */
public enum CodebookFormat {
    /** The native format: a ZIP of {@code .npy} members as {@code numpy.savez} writes it. */
    NPZ("npz", "NumPy archive"),
    /** PyTorch's {@code state_dict} as {@code safetensors.torch.save_file} writes it. */
    SAFETENSORS("safetensors", "safetensors"),
    /** One NumPy array {@code [heads, codes, dim]} or {@code [codes, dim]}. */
    NPY("npy", "NumPy array"),
    /** Text for spreadsheets: {@code head,code,v0,v1,…}, one row per code. */
    CSV("csv", "CSV");

    private final String extension;
    private final String displayName;

    CodebookFormat(String extension, String displayName) {
        this.extension = extension;
        this.displayName = displayName;
    }

    /** The extension without the dot, lower case, e.g. {@code safetensors}. */
    public String extension() {
        return extension;
    }

    /** E.g. {@code NumPy archive}, for messages and file choosers. */
    public String displayName() {
        return displayName;
    }

    /** All extensions as {@code .npz, .safetensors, .npy, .csv}. */
    public static String extensions() {
        return Arrays.stream(values()).map(f -> "." + f.extension).collect(Collectors.joining(", "));
    }

    /** The format of an extension (without the dot, any case), if VQ Lens knows it. */
    public static Optional<CodebookFormat> ofExtension(String extension) {
        String e = extension.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extension.equals(e)).findFirst();
    }

    /** The format of {@code file} by its extension, if it is one of the four (a model file's is none). */
    public static Optional<CodebookFormat> find(Path file) {
        return ofExtension(extensionOf(file));
    }

    /** The extension of {@code file} without the dot, as given; empty if it has none. */
    static String extensionOf(Path file) {
        Path name = file.getFileName();
        String text = name == null ? "" : name.toString();
        int dot = text.lastIndexOf('.');
        return dot < 0 ? "" : text.substring(dot + 1);
    }

    /**
     * The format of {@code file} by its extension, for saving.
     *
     * @throws CodebookFileException naming the supported extensions if the extension is missing or unknown
     */
    public static CodebookFormat of(Path file) {
        String extension = extensionOf(file);
        return ofExtension(extension).orElseThrow(() -> new CodebookFileException(file, unsupported(file, extension)
                + "; codebook files must be one of " + extensions() + whatWouldWork(extension)));
    }

    /** {@code no file extension} or {@code unsupported file type '.x'}. */
    static String unsupported(Path file, String extension) {
        return file.getFileName() == null || !file.getFileName().toString().contains(".") ? "no file extension"
                : "unsupported file type '." + Printable.of(extension) + "'";
    }

    /** For the model files people most often bring: what to write instead, or how to get one that opens. */
    static String whatWouldWork(String extension) {
        switch (extension.toLowerCase(Locale.ROOT)) {
            case "pt", "pth", "bin", "ckpt":
                return " (VQ Lens reads PyTorch checkpoints but does not write them: save as .safetensors, which"
                        + " model.load_state_dict(safetensors.torch.load_file(...), strict=False) takes, or write an edit back into"
                        + " a copy of the checkpoint with 'vqlens patch')";
            case "index", "faiss", "pq":
                return " (write an edit back into a copy of the FAISS file with 'vqlens patch', or save as .npy, which"
                        + " numpy.load gives back as [M, ksub, dsub] for faiss.copy_array_to_vector(a.ravel(), pq.centroids))";
            default:
                return "";
        }
    }
}
