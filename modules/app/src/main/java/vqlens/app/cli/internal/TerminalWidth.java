package vqlens.app.cli.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many columns the terminal under the progress bar has, found without native code: {@code COLUMNS}
 * when it is set, else {@code stty size} asked on {@code /dev/tty} (again every {@link #REASK_NANOS}, so a
 * resize while training is followed), else {@link #FALLBACK}. A terminal that does not answer once is not
 * asked again.
 */
public final class TerminalWidth {
    /** The width when nothing says otherwise: the classic terminal's. */
    static final int FALLBACK = 80;
    /** How often the terminal is asked again; a resize shows within this time, and redraws spawn no process. */
    static final long REASK_NANOS = 2_000_000_000L;
    /** How long one {@code stty} may take before it is killed and the last width kept. */
    private static final Duration STTY_DEADLINE = Duration.ofSeconds(1);
    /** Wider values are garbage, not terminals. */
    private static final int MAX_COLUMNS = 10_000;

    private final Integer fixed;
    private final Supplier<OptionalInt> terminal;
    private int columns = FALLBACK;
    private long askedAt;
    private boolean asked;
    private boolean answers = true;

    /**
     * @param columnsVariable the value of {@code COLUMNS}, or null
     * @param terminal        asks the terminal for its width (empty: no answer)
     */
    TerminalWidth(String columnsVariable, Supplier<OptionalInt> terminal) {
        OptionalInt variable = parseColumns(columnsVariable);
        this.fixed = variable.isPresent() ? variable.getAsInt() : null;
        this.terminal = terminal;
    }

    /** This process's terminal: its {@code COLUMNS}, else {@code stty} on its controlling terminal. */
    public static TerminalWidth ofThisProcess() {
        return new TerminalWidth(System.getenv("COLUMNS"), TerminalWidth::askStty);
    }

    /** The width at time {@code nanos} ({@link System#nanoTime()}), asking the terminal when the last answer is old. */
    int columns(long nanos) {
        if (fixed != null) {
            return fixed;
        }
        if (answers && (!asked || nanos - askedAt >= REASK_NANOS)) {
            OptionalInt answer = terminal.get();
            answers = answer.isPresent() || asked; // a terminal that answered once may fail once and recover
            asked = true;
            askedAt = nanos;
            if (answer.isPresent()) {
                columns = answer.getAsInt();
            }
        }
        return columns;
    }

    /** {@code COLUMNS}'s value when it is a plausible width. */
    static OptionalInt parseColumns(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(value.trim());
            return n >= 1 && n <= MAX_COLUMNS ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The columns in {@code stty size}'s answer, {@code "ROWS COLUMNS"}; a pty never sized says 0. */
    static OptionalInt parseSttySize(String answer) {
        String[] parts = answer.trim().split("\\s+");
        return parts.length == 2 ? parseColumns(parts[1]) : OptionalInt.empty();
    }

    /** Runs {@code stty size} with the controlling terminal as its input, within the deadline. */
    private static OptionalInt askStty() {
        Process stty;
        try {
            stty = new ProcessBuilder("stty", "size")
                    .redirectInput(new File("/dev/tty")) // fails when the process has no controlling terminal
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        try {
            if (!stty.waitFor(STTY_DEADLINE.toNanos(), TimeUnit.NANOSECONDS) || stty.exitValue() != 0) {
                return OptionalInt.empty();
            }
            // the answer is a few bytes, in the pipe's buffer by now
            return parseSttySize(new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } finally {
            stty.destroyForcibly();
        }
    }
}
