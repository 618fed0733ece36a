package vqlens.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command {@code vqlens}; the work happens in its subcommands, which inherit its command attributes. */
@Command(name = "vqlens",
        scope = ScopeType.INHERIT, // every subcommand gets --help/--version, option order and the exit codes
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"See inside vector-quantized codebooks.",
                "Without arguments VQ Lens opens its window; with a subcommand it works on files."},
        subcommands = {EncodeCommand.class, DecodeCommand.class, InspectCommand.class, ConvertCommand.class, PatchCommand.class, BenchCommand.class, TrainCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:bad input (file, value or shape)", "2:usage error", "3:internal error"})
public final class VqLensCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** A command line with VQ Lens's error handling: short messages, the exit codes above, no usage dump. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new VqLensCommand());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler(CliErrors::handleParseException);
        cmd.setExecutionExceptionHandler(CliErrors::handleExecutionException);
        return cmd;
    }

    /** Runs the command line on the process's stdout/stderr and returns the exit code. */
    public static int run(String... args) {
        CommandLine cmd = commandLine();
        try {
            return cmd.execute(args);
        } catch (Throwable t) { // Errors (e.g. OutOfMemoryError) pass through picocli's handlers
            return CliErrors.report(t, cmd.getErr());
        }
    }

    /** Reports a failure outside the command line (the window's start) like the command line does. */
    public static int report(Throwable t) {
        return CliErrors.report(t, new PrintWriter(System.err, true));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: encode, decode, inspect, convert, patch, bench or train");
    }
}
