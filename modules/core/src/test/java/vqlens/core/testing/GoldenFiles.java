package vqlens.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The golden files of the PyTorch original ({@code golden/README.txt} in vqlens-core's test resources says
 * how they were made and which tolerances apply) as paths on disk. In core's own tests they are files of
 * the test-classes folder; another module reads them from vqlens-core's test-jar, so those are copied once
 * per test JVM into a temporary folder (readers need a file: they use a {@code FileChannel}).
 */
public final class GoldenFiles {
    private static Path copies;

    private GoldenFiles() {
    }

    /** The golden file {@code name}, e.g. {@code "case1_codebooks.npy"}. */
    public static synchronized Path golden(String name) {
        String resource = "/golden/" + name;
        URL url = GoldenFiles.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("test resource golden/" + name + " is missing");
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path copy = copies().resolve(name);
            if (!Files.exists(copy)) {
                try (InputStream in = GoldenFiles.class.getResourceAsStream(resource)) {
                    Files.copy(in, copy);
                }
                copy.toFile().deleteOnExit();
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copies() throws IOException {
        if (copies == null) {
            copies = Files.createTempDirectory("vqlens-golden");
            copies.toFile().deleteOnExit(); // runs after the files' (deleteOnExit is last in, first out)
        }
        return copies;
    }
}
