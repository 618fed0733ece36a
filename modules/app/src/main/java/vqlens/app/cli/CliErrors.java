package vqlens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import vqlens.core.Printable;
import vqlens.core.VqException;
import vqlens.core.io.AmbiguousCodebookException;

/**
 * Turns every failure into at most three lines on stderr ({@code vqlens: message}, maybe a suggestion,
 * a hint) and an exit code: 1 bad input, 2 usage (also: a file with several candidate codebooks and no
 * {@code --key}), 3 internal. Stack traces only ever go to the log.
 */
final class CliErrors {
    static final int BAD_INPUT = 1;
    static final int USAGE = 2;
    static final int INTERNAL = 3;

    /** Candidates named in the one-line message (a real model has a handful; a hostile file may have thousands). */
    private static final int CANDIDATES_SHOWN = 100;

    private CliErrors() {
    }

    static int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (!(ex instanceof UnmatchedArgumentException) && !cmd.getUnmatchedArguments().isEmpty()) {
            // a typo'd option also makes a required one "missing": name the typo, which is the real problem
            ex = new UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments());
        }
        err.println("vqlens: " + oneLine(message(ex, cmd)));
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            err.println("Did you mean: " + unmatched.getSuggestions().get(0) + "?"); // picocli ranks the closest first
        }
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** picocli's words, except for a stray word where a subcommand belongs. */
    private static String message(ParameterException ex, CommandLine cmd) {
        List<String> unmatched = cmd.getUnmatchedArguments();
        if (ex instanceof UnmatchedArgumentException && !cmd.getSubcommands().isEmpty()
                && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
            return "unknown subcommand '" + unmatched.get(0) + "'";
        }
        return ex.getMessage();
    }

    static int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        return report(ex, cmd.getErr());
    }

    /** Prints the one-line message for {@code t} and returns its exit code. */
    static int report(Throwable t, PrintWriter err) {
        Throwable cause = t instanceof UncheckedIOException u ? u.getCause() : t;
        String message;
        int code = BAD_INPUT;
        if (cause instanceof AmbiguousCodebookException ambiguous) {
            message = ambiguous(ambiguous);
            code = USAGE; // the file is fine: the command line did not say which codebook to use
        } else if (cause instanceof VqException) {
            message = cause.getMessage();
        } else if (cause instanceof NoSuchFileException e) {
            message = e.getFile() + ": no such file";
        } else if (cause instanceof AccessDeniedException e) {
            message = e.getFile() + ": permission denied";
        } else if (cause instanceof IOException) { // FileSystemException's message names the file
            message = cause.getMessage();
        } else if (cause instanceof OutOfMemoryError) {
            message = "not enough memory (" + cause.getMessage() + "); use smaller inputs or a larger Java heap (-Xmx)";
        } else {
            code = INTERNAL;
            message = "internal error: " + cause.getClass().getName() + ": " + cause.getMessage() + " (details in the log)";
            DetailLog.record(cause);
        }
        err.println("vqlens: " + oneLine(message == null ? cause.getClass().getName() : message));
        err.flush();
        return code;
    }

    /**
     * {@code "FILE: 2 candidate codebooks: quantizer.codebooks, vq.codebooks; choose one with --key (e.g. --key
     * quantizer.codebooks)"}: every candidate, as the user would type it after {@code --key}.
     */
    static String ambiguous(AmbiguousCodebookException e) {
        List<String> candidates = e.candidates();
        return e.file() + ": " + candidates.size() + " candidate codebooks: "
                + Printable.list(candidates, CANDIDATES_SHOWN, "none")
                + "; choose one with --key (e.g. --key " + Printable.of(candidates.get(0)) + ")";
    }

    /** Messages must stay one line, whatever a library put into them. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
