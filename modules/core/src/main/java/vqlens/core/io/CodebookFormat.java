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

    /**
     * The format of {@code file} by its extension.
     *
     * @throws CodebookFileException naming the supported extensions if the extension is missing or unknown
     */
    public static CodebookFormat of(Path file) {
        Path name = file.getFileName();
        String text = name == null ? "" : name.toString();
        int dot = text.lastIndexOf('.');
        String extension = dot < 0 ? "" : text.substring(dot + 1);
        return ofExtension(extension).orElseThrow(() -> new CodebookFileException(file,
                (dot < 0 ? "no file extension" : "unsupported file type '." + Printable.of(extension) + "'")
                        + "; codebook files must be one of " + extensions() + whatWouldWork(extension)));
    }

    /** For the model files people most often bring (not read or written natively yet): the format to go through. */
    private static String whatWouldWork(String extension) {
        switch (extension.toLowerCase(Locale.ROOT)) {
            case "pt", "pth", "bin", "ckpt":
                return " (a PyTorch model's tensors go through .safetensors: safetensors.torch.save_file("
                        + "model.state_dict(), 'model.safetensors'))";
            case "index", "faiss":
                return " (a FAISS product quantizer's centroids go through .npy: numpy.save('codebooks.npy',"
                        + " faiss.vector_to_array(pq.centroids).reshape(pq.M, pq.ksub, pq.dsub)))";
            default:
                return "";
        }
    }
}
