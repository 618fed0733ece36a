package vqlens.app.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** What {@code train} learns from: a file of rows ({@code --data}) or a generated set and its parameters. */
final class TrainDataOptions {
    @Option(names = "--data", paramLabel = "FILE", description = "your rows: .npy [N, E] (float32/64) or .csv")
    Path file;

    @Option(names = "--dataset", paramLabel = "NAME", description = "a generated set instead of --data (list below)")
    String dataset;

    @Option(names = "--rows", paramLabel = "N", description = "rows of a generated set (default: 10000; digits: all 1500 training images)")
    Integer rows;

    @Option(names = "--clusters", paramLabel = "N", description = "clusters, rings or spiral arms of a generated set (default: the set's, listed below)")
    Integer clusters;

    @Option(names = "--spread", paramLabel = "X", description = "cluster spread or noise of a generated set (default: the set's, listed below)")
    Double spread;

    @Option(names = "--data-seed", paramLabel = "S", description = "seed of a generated set (default: --seed)")
    Long seed;
}
