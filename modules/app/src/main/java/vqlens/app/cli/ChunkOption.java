package vqlens.app.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --chunk N}, the rows a streaming subcommand ({@code encode}, {@code decode}) handles per step. */
final class ChunkOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--chunk", paramLabel = "N", defaultValue = "8192", description = "rows per step (default: ${DEFAULT-VALUE})")
    int chunk;

    /** The rows per step asked for; a usage error (exit 2) when below 1. */
    int rows() {
        if (chunk < 1) {
            throw new ParameterException(mixee.commandLine(), "--chunk must be at least 1, got " + chunk);
        }
        return chunk;
    }
}
