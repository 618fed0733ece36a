package vqlens.app.cli;

import java.nio.file.Path;
import java.util.Locale;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a {@code train} run starts (afresh, from a checkpoint or from a codebook file) and the checkpoints it writes. */
final class CheckpointOptions {
    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
            description = "write a checkpoint every N steps and at the end (default: never)")
    long every;

    @Option(names = "--checkpoint", paramLabel = "FILE.npz", description = "checkpoint file (default: OUT with .ckpt.npz)")
    Path file;

    @Option(names = "--resume", paramLabel = "FILE.npz", description = "continue a checkpoint (on the same data; default: a fresh start)")
    Path resume;

    @Option(names = "--codebook", paramLabel = "FILE",
            description = "start from the codebook in this " + CodebookOptions.FILE_DESCRIPTION
                    + " instead of an initialisation (default: --init)")
    Path startFrom;

    @Mixin
    CodebookOptions.Key key; // only with --codebook (checked by the command)

    /** The checkpoint file: {@code --checkpoint}, else {@code out} with {@code .ckpt.npz}. */
    Path fileFor(Path out) {
        if (file != null) {
            return file;
        }
        String name = String.valueOf(out.getFileName());
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return out.resolveSibling(stem + ".ckpt.npz");
    }
}
