package vqlens.ui.learn.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import vqlens.core.Codebooks;
import vqlens.core.io.CodebookFiles;
import vqlens.core.io.NpyRowReader;

/**
 * The codebooks and rows packaged with the app (copied from the top-level {@code resources/codebooks/} into the
 * jar), read through core's readers from a private copy in the temporary folder, so they load from any working
 * directory.
 */
public final class BundledFiles {
    public static final String TEACHING = "teaching-1x16x2.npz";
    public static final String TEACHING_ROWS = "teaching-1x16x2.rows.npy";
    public static final String REFERENCE = "reference-4x256x96.npz";

    private BundledFiles() {
    }

    public static Codebooks codebooks(String name) {
        return CodebookFiles.load(copy(name));
    }

    /** All rows of a bundled {@code .npy}, row-major. */
    public static float[] rows(String name) {
        try (NpyRowReader reader = NpyRowReader.open(copy(name))) {
            float[] values = new float[Math.toIntExact(reader.rows() * reader.cols())];
            reader.readFloats(values, (int) reader.rows());
            return values;
        }
    }

    private static Path copy(String name) {
        try (InputStream in = BundledFiles.class.getResourceAsStream("/vqlens/ui/learn/bundled/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the app is missing its bundled file " + name);
            }
            Path dir = Files.createTempDirectory("vqlens-bundled");
            dir.toFile().deleteOnExit(); // before the file: deleteOnExit deletes in reverse order
            Path file = dir.resolve(name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled file " + name, e);
        }
    }
}
