package vqlens.app.cli;

import picocli.CommandLine.Option;

/** How {@code train} moves the codes: the update rule, the initialisation and their hyper-parameters. */
final class UpdateRuleOptions {
    @Option(names = "--method", paramLabel = "M", description = "ema, adam, sgd or kmeans (default: ema)")
    String method;

    @Option(names = "--init", paramLabel = "I", description = "lazy (random batch rows, the reference module's) or kmeans++ (default: lazy)")
    String init;

    @Option(names = "--lr", paramLabel = "X", description = "learning rate of adam (default 0.01) and sgd (default 1)")
    Double lr;

    @Option(names = "--decay", paramLabel = "X", description = "EMA decay (default: 0.99)")
    Double decay;

    @Option(names = "--beta", paramLabel = "X", description = "commitment weight (default: 0.25)")
    Double beta;

    @Option(names = "--dead-threshold", paramLabel = "X",
            description = "re-seed codes whose EMA usage (rows per step) is below X; 0 = never"
                    + " (default: 1/16 of the fair share, batch / codes / 16; k-means: rows / codes / 16)")
    Double deadThreshold;
}
