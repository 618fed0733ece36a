package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.Codebooks;
import vqlens.core.io.CodebookFiles;
import vqlens.train.Checkpoint;

/**
 * Ctrl-C during {@code vqlens train}, for real: a child JVM runs the command line, receives SIGINT
 * ({@code kill -INT}) while training, and must save the codebook and the checkpoint atomically, print one line
 * saying so and exit with 130.
 */
class TrainInterruptTest {
    private static final Pattern INTERRUPTED = Pattern.compile("interrupted at step (\\d+): saved (\\S+) and checkpoint (\\S+)");

    @Test
    void sigintSavesCodebookAndCheckpointThenExits130(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cb.npz");
        Path checkpoint = dir.resolve("cb.ckpt.npz");
        Process p = childJvm("train", "--dataset", "mixture", "--rows", "4000", "--dim", "16", "--clusters", "16",
                "--heads", "2", "--codes", "16", "--method", "adam", "--steps", "2000", "--batch", "256",
                "--seed", "1", "--out", out.toString(), "--checkpoint-every", "100000", "--progress", "lines",
                "--log-every", "1", "--speed", "20"); // 100 s if never interrupted; a snapshot (lines) every 10 steps
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p));
        List<String> lines = new ArrayList<>();
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = stdout.readLine()) != null) {
                lines.add(line);
                if (lines.size() == 2) { // training is under way (progress lines): interrupt it
                    signal(p, "INT");
                }
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child exits after Ctrl-C");
        String report = "stdout:\n" + String.join("\n", lines) + "\nstderr:\n" + err.get(10, TimeUnit.SECONDS);
        assertEquals(130, p.exitValue(), report);
        String last = lines.get(lines.size() - 1);
        Matcher m = INTERRUPTED.matcher(last);
        assertTrue(m.matches(), "the last line says what was saved: " + report);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("interrupted")).count(), report);
        long step = Long.parseLong(m.group(1));
        assertTrue(step >= 1, report);
        Codebooks saved = CodebookFiles.load(out, null);
        Checkpoint c = Checkpoint.load(checkpoint);
        assertEquals(step, c.state().step(), "the checkpoint is the step the line names");
        assertTrue(java.util.Arrays.equals(saved.toArray(), c.codebooks().toArray()), "codebook and checkpoint agree");
        assertTrue(err.get().lines().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")), report);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(checkpoint, out), files.sorted().toList(), "no temporary file is left");
        }
    }

    /** The command line in a fresh JVM, on the class path of this test run (no module flags needed there). */
    private static Process childJvm(String... args) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = Stream.of(System.getProperty("jdk.module.path"), System.getProperty("java.class.path"))
                .filter(s -> s != null && !s.isBlank()).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx1g", "-cp", classPath,
                "-Dorg.slf4j.simpleLogger.logFile=System.err", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "vqlens.app.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static void signal(Process p, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + signal + " failed");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String readAll(Process p) {
        try {
            return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }
}
