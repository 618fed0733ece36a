package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check of the progress bar: the real command line in a child JVM on a pseudo-terminal of 80
 * and of 200 columns (made by Debian's python3, {@code pty_run.py}; the child's stdin, stdout and stderr
 * are its slave, so {@code System.console()} is there and the bar is drawn). Its width comes from
 * {@code stty size} on the terminal, as in a user's shell that does not export COLUMNS.
 */
class PseudoTerminalTrainTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** The child's whole run: a JVM start, ND4J's, and ~6 s of training; far more on a loaded machine. */
    private static final int DEADLINE_SECONDS = 240;
    /** 600 steps at 100 a second: ~6 s of redraws (every 100 ms), and a few seconds of ETA after it settles. */
    private static final int STEPS = 600;
    /** The bound on the first ETA shown against the time that was really left. */
    private static final double ETA_FACTOR = 3;
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");
    private static final Pattern ETA = Pattern.compile("ETA (?:(\\d+):)?(\\d+):(\\d\\d)");

    @TempDir
    Path dir;

    /** One drawn line (between a carriage return and the erase-to-end-of-line) and when it was read. */
    private record Drawn(String text, double seconds) {
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {80, 200})
    void theBarFitsThePseudoTerminalAndItsFirstEtaIsNearTheTruth(int columns) throws Exception {
        Path out = dir.resolve("cb.npz");
        List<String> command = new ArrayList<>(List.of(python().toString(), script().toString(), String.valueOf(columns), "24",
                String.valueOf(DEADLINE_SECONDS)));
        command.addAll(childJvm());
        command.addAll(List.of("train", "--dataset", "mixture", "--rows", "4096", "--dim", "16", "--heads", "4",
                "--codes", "32", "--batch", "1024", "--steps", String.valueOf(STEPS), "--speed", "100", "--seed", "1",
                "--out", out.toString()));
        Path transcript = dir.resolve("pty.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(transcript.toFile());
        pb.environment().remove("COLUMNS"); // the width must come from the terminal itself
        pb.environment().remove("LINES");
        Process p = pb.start();
        if (!p.waitFor(DEADLINE_SECONDS + 30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("pty_run.py did not end within its deadline");
        }
        List<String> records = Files.readAllLines(transcript);
        String last = records.isEmpty() ? "" : records.get(records.size() - 1);
        StringBuilder screen = new StringBuilder();
        List<Double> byteTimes = new ArrayList<>();
        for (String record : records.subList(0, Math.max(0, records.size() - 1))) {
            String[] parts = record.split(" ");
            byte[] bytes = HexFormat.of().parseHex(parts[1]);
            String text = new String(bytes, StandardCharsets.UTF_8); // chunks of the child's ASCII and an ellipsis at most
            screen.append(text);
            for (int i = 0; i < text.length(); i++) {
                byteTimes.add(Double.parseDouble(parts[0]));
            }
        }
        String shown = screen.toString();
        assertEquals("EXIT 0", last, () -> "the run on the pty ended so:\n" + String.join("\n", records.subList(
                Math.max(0, records.size() - 3), records.size())) + "\n" + shown);

        List<Drawn> drawn = new ArrayList<>();
        Matcher m = Pattern.compile("\r([^\r\n]*?)\u001b\\[K").matcher(shown);
        while (m.find()) {
            drawn.add(new Drawn(ANSI.matcher(m.group(1)).replaceAll(""), byteTimes.get(m.end() - 1)));
        }
        assertTrue(drawn.size() >= 10, "several redraws, got " + drawn.size() + ":\n" + shown);
        for (Drawn d : drawn) {
            int width = d.text().codePointCount(0, d.text().length());
            assertTrue(width < columns, "a drawn line of " + width + " columns on a terminal of " + columns + ": " + d.text());
        }
        assertTrue(shown.contains("saved " + out + " ("), "the summary line:\n" + shown);
        assertTrue(shown.contains("after " + STEPS + " steps (seed 1)"), shown);

        Drawn done = drawn.stream().filter(d -> d.text().contains("ETA done")).findFirst()
                .orElseThrow(() -> new AssertionError("the bar reached its end:\n" + shown));
        Drawn firstEta = drawn.stream().filter(d -> ETA.matcher(d.text()).find()).findFirst()
                .orElseThrow(() -> new AssertionError("an ETA was shown:\n" + shown));
        Matcher eta = ETA.matcher(firstEta.text());
        assertTrue(eta.find());
        double etaSeconds = (eta.group(1) == null ? 0 : 3600 * Integer.parseInt(eta.group(1)))
                + 60 * Integer.parseInt(eta.group(2)) + Integer.parseInt(eta.group(3));
        double left = done.seconds() - firstEta.seconds();
        // the ETA is a clock of whole seconds: half a second either way is its rounding, not its error
        assertTrue(etaSeconds - 0.5 <= left * ETA_FACTOR && etaSeconds + 0.5 >= left / ETA_FACTOR,
                "first ETA " + firstEta.text() + " with " + left + " s really left");
    }

    private static Path python() {
        if (!Files.isExecutable(PYTHON)) {
            fail("this test needs Debian's python3 at " + PYTHON + " (its pty module makes the pseudo-terminal): "
                    + "sudo apt-get install python3; src/dev/test.sh installs it with python3-numpy");
        }
        return PYTHON;
    }

    private Path script() throws IOException {
        Path script = dir.resolve("pty_run.py");
        try (InputStream in = PseudoTerminalTrainTest.class.getResourceAsStream("pty_run.py")) {
            assertTrue(in != null, "pty_run.py beside this test");
            Files.copy(in, script);
        }
        return script;
    }

    /**
     * The command that starts VQ Lens as {@code ./vqlens} does, from this test JVM's own java, module path and
     * class path: our modules and the other named ones on the module path, ND4J on the class path, the
     * launcher's reads and its library log kept off the terminal.
     */
    private List<String> childJvm() {
        String modulePath = System.getProperty("jdk.module.path");
        assertTrue(modulePath != null, "the tests run on the module path (surefire's default)");
        List<String> jvm = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.slf4j.simpleLogger.logFile=" + dir.resolve("library.log"), "-Dorg.nd4j.log.initialization=false",
                "-p", modulePath, "-cp", System.getProperty("java.class.path"),
                "--add-modules", "ALL-DEFAULT,jdk.incubator.vector,vqlens.core,vqlens.train,vqlens.ui,vqlens.app"));
        for (String module : List.of("vqlens.core", "vqlens.train", "vqlens.app", "vqlens.ui")) {
            jvm.addAll(List.of("--add-reads", module + "=ALL-UNNAMED"));
        }
        jvm.addAll(List.of("-m", "vqlens.app/vqlens.app.Main"));
        return jvm;
    }
}
