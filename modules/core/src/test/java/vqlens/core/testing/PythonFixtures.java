package vqlens.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Files made by a real Python library in one process, as a JUnit extension: the script runs with a fresh folder as its
 * argument before the class's tests ({@link TestPython}, with its deadline), and the folder is removed after them.
 * Beside a fixture {@code X}, {@code X.f32} holds the values expected from it (float32 little-endian, C order).
 */
public abstract class PythonFixtures implements BeforeAllCallback, AfterAllCallback {
    private final String prefix;
    private final String script;
    private Path dir;

    protected PythonFixtures(String prefix, String script) {
        this.prefix = prefix;
        this.script = script;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory(prefix);
        TestPython.run(script, dir.toString());
    }

    /** Checks the folder after the tests, before it is removed (e.g. that no hostile file ran). */
    protected void check(Path folder) {
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            check(dir);
        } finally {
            deleteTree(dir);
        }
    }

    /** Deletes a fixture folder and everything in it. */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** The fixture {@code name}. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The folder the fixtures are in (for files a test writes beside them). */
    public Path dir() {
        return dir;
    }

    /** The values expected from fixture {@code name} ({@code name.f32}). */
    public float[] expected(String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + ".f32"))).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }
}
