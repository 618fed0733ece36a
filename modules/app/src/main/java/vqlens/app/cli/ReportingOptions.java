package vqlens.app.cli;

import java.nio.file.Path;
import java.util.Locale;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vqlens.app.cli.internal.TrainReport;

/** What a {@code train} run shows and writes as it goes: metrics, progress, a pace to watch it at, a held-out check. */
final class ReportingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--metrics", paramLabel = "FILE.jsonl", description = "write metrics as JSON lines (default: none)")
    Path metrics;

    @Option(names = "--speed", paramLabel = "STEPS/S", defaultValue = "0", description = "at most this many steps per second; 0 = no limit (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--holdout", paramLabel = "N", defaultValue = "0",
            description = "report the MSE on N held-out rows at the end: fresh rows of the generated set (seed + 1), or the digits' held-out images (up to 297); a VQ-VAE's is its reconstruction error (default: ${DEFAULT-VALUE}, none)")
    int holdout;

    @Option(names = "--progress", paramLabel = "STYLE", defaultValue = "auto",
            description = "auto (a bar on a terminal, else lines), bar, lines or none (default: ${DEFAULT-VALUE})")
    String progress;

    @Option(names = "--log-every", paramLabel = "N", description = "steps between plain progress lines (default: steps/10)")
    Long logEvery;

    /** The progress style asked for; {@code auto} is a bar when the process has a console. */
    TrainReport.Style progressStyle() {
        return switch (progress.toLowerCase(Locale.ROOT)) {
            case "auto" -> System.console() != null ? TrainReport.Style.BAR : TrainReport.Style.LINES;
            case "bar" -> TrainReport.Style.BAR;
            case "lines" -> TrainReport.Style.LINES;
            case "none" -> TrainReport.Style.NONE;
            default -> throw new ParameterException(mixee.commandLine(),
                    "--progress must be auto, bar, lines or none, got '" + progress + "'");
        };
    }

    /** Steps between plain lines: {@code --log-every}, else a tenth of the {@code steps} to go. */
    long logEvery(long steps) {
        return logEvery != null ? logEvery : Math.max(1, steps / 10);
    }
}
