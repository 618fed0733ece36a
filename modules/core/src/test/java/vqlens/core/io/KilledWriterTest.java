package vqlens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import vqlens.core.Codebooks;
import vqlens.core.testing.TestNpy;

/** A JVM killed in the middle of a write leaves the old file intact: the atomic rename never happened. */
class KilledWriterTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void killedWriterLeavesTheOldFile() throws Exception {
        Path target = dir.resolve("codebooks.npy");
        Codebooks old = CodebookFilesTest.sample(2, 3, 4, 77, true);
        CodebookFiles.save(target, old);
        byte[] before = TestNpy.bytes(target);

        String classPath = location(NpyWriter.class) + File.pathSeparator + location(SlowWriterMain.class);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", classPath, SlowWriterMain.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals("HALF WRITTEN", line, "child output");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        } finally {
            child.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count(),
                    "the killed child's partial temp file is there (so it really died mid-write)");
        }
        assertEquals(old, CodebookFiles.load(target));
        assertArrayEquals(before, TestNpy.bytes(target), "old bytes intact");
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
