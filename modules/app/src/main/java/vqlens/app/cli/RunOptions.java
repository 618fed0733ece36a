package vqlens.app.cli;

import picocli.CommandLine.Option;

/** How long a {@code train} run goes, on how many rows a step, from which seed. */
final class RunOptions {
    /** The seed of a run that names none: fixed, so two runs of the same command agree (printed at the end). */
    static final long DEFAULT_SEED = 0;

    @Option(names = "--steps", paramLabel = "N", description = "steps to train (with --resume: the total)")
    Long steps;

    @Option(names = "--batch", paramLabel = "B", description = "rows per step (kmeans: rows per chunk of a pass)")
    Integer batch;

    @Option(names = "--seed", paramLabel = "S",
            description = "random seed (default: " + DEFAULT_SEED + "; with --resume: the checkpoint's)")
    Long seed;
}
