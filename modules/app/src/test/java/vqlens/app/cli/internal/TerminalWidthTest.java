package vqlens.app.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** Where the progress bar's width comes from: COLUMNS, else the terminal asked now and then, else 80. */
class TerminalWidthTest {

    /** A terminal whose answers are queued; counts how often it was asked. */
    private static final class ScriptedTerminal implements Supplier<OptionalInt> {
        final Queue<OptionalInt> answers;
        int asked;

        ScriptedTerminal(OptionalInt... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public OptionalInt get() {
            asked++;
            return answers.isEmpty() ? OptionalInt.empty() : answers.remove();
        }
    }

    @Test
    void columnsWinsAndTheTerminalIsNotAsked() {
        ScriptedTerminal terminal = new ScriptedTerminal(OptionalInt.of(200));
        TerminalWidth width = new TerminalWidth("120", terminal);
        assertEquals(120, width.columns(0));
        assertEquals(120, width.columns(10 * TerminalWidth.REASK_NANOS));
        assertEquals(0, terminal.asked);
    }

    @Test
    void aResizeIsFollowedAtTheNextAskNotAtEveryRedraw() {
        ScriptedTerminal terminal = new ScriptedTerminal(OptionalInt.of(120), OptionalInt.of(60));
        TerminalWidth width = new TerminalWidth(null, terminal);
        assertEquals(120, width.columns(0));
        assertEquals(120, width.columns(TerminalWidth.REASK_NANOS - 1), "too soon to ask again");
        assertEquals(1, terminal.asked);
        assertEquals(60, width.columns(TerminalWidth.REASK_NANOS), "the terminal was made narrower");
        assertEquals(2, terminal.asked);
    }

    @Test
    void aTerminalThatNeverAnswersGivesEightyAndIsAskedOnce() {
        ScriptedTerminal terminal = new ScriptedTerminal();
        TerminalWidth width = new TerminalWidth(null, terminal);
        assertEquals(TerminalWidth.FALLBACK, width.columns(0));
        assertEquals(TerminalWidth.FALLBACK, width.columns(5 * TerminalWidth.REASK_NANOS));
        assertEquals(1, terminal.asked, "no process spawned per redraw for a terminal that has no answer");
    }

    @Test
    void aTerminalThatAnsweredKeepsItsWidthThroughAFailedAsk() {
        ScriptedTerminal terminal = new ScriptedTerminal(OptionalInt.of(150), OptionalInt.empty(), OptionalInt.of(90));
        TerminalWidth width = new TerminalWidth(null, terminal);
        assertEquals(150, width.columns(0));
        assertEquals(150, width.columns(TerminalWidth.REASK_NANOS), "one failed stty keeps the last width");
        assertEquals(90, width.columns(2 * TerminalWidth.REASK_NANOS));
    }

    @Test
    void implausibleValuesAreIgnored() {
        assertEquals(OptionalInt.empty(), TerminalWidth.parseColumns("wide"));
        assertEquals(OptionalInt.empty(), TerminalWidth.parseColumns("0"));
        assertEquals(OptionalInt.empty(), TerminalWidth.parseColumns("-3"));
        assertEquals(OptionalInt.empty(), TerminalWidth.parseColumns("99999999999"));
        assertEquals(OptionalInt.of(132), TerminalWidth.parseColumns(" 132 "));
        assertEquals(TerminalWidth.FALLBACK, new TerminalWidth("", OptionalInt::empty).columns(0), "an empty COLUMNS is unset");
    }

    @Test
    void sttySizeAnswersRowsThenColumns() {
        assertEquals(OptionalInt.of(200), TerminalWidth.parseSttySize("50 200\n"));
        assertEquals(OptionalInt.empty(), TerminalWidth.parseSttySize("0 0\n"), "a pty nobody sized");
        assertEquals(OptionalInt.empty(), TerminalWidth.parseSttySize("stty: 'standard input': Inappropriate ioctl\n"));
        assertEquals(OptionalInt.empty(), TerminalWidth.parseSttySize(""));
    }
}
