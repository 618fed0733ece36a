package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.app.cli.ConvertTest.listing;
import static vqlens.core.testing.GoldenFiles.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving never loses data, at the command line: {@code convert} onto an existing file in a folder that
 * cannot be written, or that is full, exits 1 with one line and leaves the old file as it was, with no
 * temporary file beside it. The tests run as root, for whom permissions do not stop writes: the folder is
 * made immutable ({@code chattr +i}), read-only (a read-only bind mount) or small (a 256 KiB tmpfs).
 */
class SaveFailuresTest {
    @TempDir
    Path dir;

    @Test
    void immutableFolderKeepsTheOldFile() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Path target = savedCodebook(locked, "codebook.safetensors");
        byte[] before = Files.readAllBytes(target);
        sh("chattr", "+i", locked.toString());
        try {
            Cli.Result r = Cli.run("convert", golden("codebook_export.npz"), target);
            assertRefusedAndIntact(r, target, before, "operation not permitted");
            assertTrue(r.err().contains("codebook.safetensors"), r::toString);
        } finally {
            sh("chattr", "-i", locked.toString());
        }
        assertArrayEquals(before, Files.readAllBytes(target));
    }

    @Test
    void readOnlyFolderKeepsTheOldFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path target = savedCodebook(folder, "codebook.npz");
        byte[] before = Files.readAllBytes(target);
        sh("mount", "--bind", "-o", "ro", folder.toString(), folder.toString());
        try {
            assertTrue(Files.readString(Path.of("/proc/mounts")).contains(" " + folder + " "), "mounted read-only");
            Cli.Result r = Cli.run("convert", golden("codebook_export.safetensors"), target);
            assertRefusedAndIntact(r, target, before, "read-only file system");
        } finally {
            sh("umount", folder.toString());
        }
        assertArrayEquals(before, Files.readAllBytes(target));
    }

    @Test
    void fullFolderKeepsTheOldFile() throws Exception {
        Path small = Files.createDirectory(dir.resolve("small"));
        sh("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small.toString());
        try {
            Path target = savedCodebook(small, "codebook.npz");
            byte[] before = Files.readAllBytes(target);
            // 4 x 256 x 96 float32 is 393 KB: it cannot fit in 256 KiB
            Cli.Result r = Cli.run("convert", golden("codebook_export.safetensors"), target);
            assertRefusedAndIntact(r, target, before, "no space left on device");
            // the space the failed save took is free again: a small save still fits
            Path other = savedCodebook(small, "other.csv");
            assertEquals(List.of(target, other), listing(small));
        } finally {
            sh("umount", small.toString());
        }
    }

    /** The small golden codebook saved as {@code folder/name}: the old file a failed save must keep. */
    private static Path savedCodebook(Path folder, String name) {
        Path target = folder.resolve(name);
        assertEquals(0, Cli.run("convert", golden("case2_codebooks.npy"), target).exitCode());
        return target;
    }

    private static void assertRefusedAndIntact(Cli.Result r, Path target, byte[] before, String reason) throws IOException {
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("vqlens: "), r::toString);
        assertTrue(r.err().toLowerCase(Locale.ROOT).contains(reason), r::toString);
        assertEquals("", r.out());
        assertArrayEquals(before, Files.readAllBytes(target), "the old file is intact");
        assertEquals(List.of(target), listing(target.getParent()), "no temporary file is left");
    }

    /** Runs a system command that the test needs (as root); fails the test with its output if it fails. */
    private static void sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done && p.exitValue() == 0, () -> String.join(" ", command) + " failed (these tests need root, "
                + "chattr on ext4 and mount): " + output);
    }
}
