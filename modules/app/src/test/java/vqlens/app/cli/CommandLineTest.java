package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void versionNamesTheProductThenTheRuntime() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).matches("VQ Lens \\d+\\.\\d+\\.\\d+\\S*"), r.out());
        assertTrue(lines.size() > 1 && r.out().contains("ND4J"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("", "encode", "decode", "inspect", "convert", "bench")) {
            Cli.Result r = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.out().startsWith("Usage: vqlens" + (command.isEmpty() ? "" : " " + command)), r.out());
            assertEquals("", r.err());
        }
        Cli.Result top = Cli.run("--help");
        assertTrue(top.out().matches("(?s).*\\n\\s+convert\\s+.*"), top.out());
        Cli.Result help = Cli.run("help", "decode");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().startsWith("Usage: vqlens decode"), help.out());
    }

    @Test
    void codebookOptionsAreTheSameEverywhere() {
        for (String command : List.of("encode", "decode", "inspect", "convert")) {
            Cli.Result r = Cli.run(command, "--help");
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.out().contains("--key=K"), command + ": " + r.out());
            assertTrue(r.out().contains(".safetensors"), command + ": " + r.out());
            if (command.endsWith("code")) {
                assertTrue(r.out().contains("--codebook=FILE"), command + ": " + r.out());
            }
        }
    }
}
