package vqlens.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script with Debian's {@code /usr/bin/python3} (the one with python3-numpy and python3-torch; the pyenv
 * python on PATH lacks them), with a deadline: the real libraries make the tests' inputs and check their outputs.
 */
public final class TestPython {
    public static final String PYTHON = "/usr/bin/python3";
    /** Long enough for importing torch on a loaded 2-core machine and writing a few dozen files. */
    public static final long DEADLINE_SECONDS = 180;

    private TestPython() {
    }

    /** What a script printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code script} with {@code args}; fails the test if it does not end within the deadline. */
    public static Result python(String script, String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing: these tests need the real numpy/torch (apt-get install python3-numpy python3-torch)");
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("vqlens-python", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("python did not finish within " + DEADLINE_SECONDS + " s: " + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Runs a script that must succeed and returns its output. */
    public static String run(String script, String... args) throws IOException, InterruptedException {
        Result r = python(script, args);
        assertEquals(0, r.exitCode(), () -> PYTHON + " failed (needs Debian's python3-numpy and python3-torch):\n" + r.output());
        return r.output();
    }
}
