package vqlens.ui.files;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.stage.FileChooser;
import javafx.stage.Window;
import vqlens.core.io.CodebookFiles;

/**
 * The file choosers of one view: they start in the folder last used (else beside the view's current file,
 * else the working directory) and remember where the user went. FX thread only.
 */
public final class FileDialogs {

    private final Supplier<Window> owner;
    private final Supplier<Path> currentFile;
    private Path lastDirectory;

    /**
     * @param owner       the window the dialogs belong to (may supply {@code null})
     * @param currentFile the file the view shows now (may supply {@code null})
     */
    public FileDialogs(Supplier<Window> owner, Supplier<Path> currentFile) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.currentFile = Objects.requireNonNull(currentFile, "currentFile");
    }

    /** A codebook file, PyTorch checkpoint or FAISS file, anything {@link CodebookFiles} reads, or empty when cancelled. */
    public Optional<Path> openCodebook(String title) {
        return open(title, new FileChooser.ExtensionFilter("Codebooks, PyTorch checkpoints and FAISS files (" + CodebookFiles.READ_EXTENSIONS + ")",
                "*.npz", "*.safetensors", "*.npy", "*.csv", "*.pt", "*.pth", "*.bin", "*.ckpt", "*.index", "*.faiss", "*.pq"));
    }

    /** A file of data rows (.npy or CSV), or empty when cancelled. */
    public Optional<Path> openRows(String title) {
        return open(title, new FileChooser.ExtensionFilter("Rows (.npy, .csv)", "*.npy", "*.csv"));
    }

    /**
     * Where to save a codebook, the format by extension ({@code nativeLabel} describes the native .npz); a
     * name typed without extension gets the one of the chosen filter. Empty when cancelled.
     */
    public Optional<Path> saveCodebook(String title, String nativeLabel, String suggestedName) {
        return saveCodebook(title, nativeLabel, suggestedName, null, null);
    }

    /** The same, offering first {@code modelLabel} for files ending in {@code .modelExtension} (unless null). */
    public Optional<Path> saveCodebook(String title, String nativeLabel, String suggestedName, String modelLabel,
                                       String modelExtension) {
        FileChooser chooser = chooser(title);
        if (modelLabel != null) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(modelLabel, "*." + modelExtension));
        }
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(nativeLabel, "*.npz"),
                new FileChooser.ExtensionFilter("safetensors (PyTorch)", "*.safetensors"),
                new FileChooser.ExtensionFilter("NumPy array (.npy)", "*.npy"),
                new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName(suggestedName);
        File file = chooser.showSaveDialog(owner.get());
        if (file == null) {
            return Optional.empty();
        }
        remember(file);
        Path path = file.toPath();
        if (!path.getFileName().toString().contains(".")) {
            String ext = chooser.getSelectedExtensionFilter() == null ? "*.npz"
                    : chooser.getSelectedExtensionFilter().getExtensions().get(0);
            path = path.resolveSibling(path.getFileName() + ext.substring(1));
        }
        return Optional.of(path);
    }

    /** A chooser with {@code title} that starts in the remembered folder, for the views' other files. */
    public FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialDirectory(initialDirectory());
        return chooser;
    }

    /** The folder a dialog starts in, or {@code null} when it no longer exists. */
    public File initialDirectory() {
        Path dir = lastDirectory;
        if (dir == null) {
            Path file = currentFile.get();
            dir = file != null && file.toAbsolutePath().getParent() != null ? file.toAbsolutePath().getParent()
                    : Path.of(System.getProperty("user.dir"));
        }
        return Files.isDirectory(dir) ? dir.toFile() : null;
    }

    /** Remembers the folder of {@code file} (or {@code file} itself when it is a folder) for the next dialog. */
    public void remember(File file) {
        if (file == null) {
            return;
        }
        if (file.isDirectory()) {
            lastDirectory = file.toPath();
        } else if (file.getParentFile() != null) {
            lastDirectory = file.getParentFile().toPath();
        }
    }

    /** The owner window of the dialogs, {@code null} when the view is not in one yet. */
    public Window owner() {
        return owner.get();
    }

    private Optional<Path> open(String title, FileChooser.ExtensionFilter filter) {
        FileChooser chooser = chooser(title);
        chooser.getExtensionFilters().addAll(filter, new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(owner.get());
        if (file == null) {
            return Optional.empty();
        }
        remember(file);
        return Optional.of(file.toPath());
    }
}
