package vqlens.app.cli;

import picocli.CommandLine.Option;

/**
 * The product quantizer {@code train} learns: heads, codes per head, embedding dimension. Required unless
 * a checkpoint is resumed ({@code bench} has options of the same names whose defaults are the reference
 * module's shape, so its help differs and it declares its own).
 */
final class QuantizerShapeOptions {
    @Option(names = "--heads", paramLabel = "H", description = "heads (codebooks)")
    Integer heads;

    @Option(names = "--codes", paramLabel = "K", description = "codes per head")
    Integer codes;

    @Option(names = "--dim", paramLabel = "E", description = "embedding dimension (default: the data's width; 8 for generated sets)")
    Integer dim;
}
