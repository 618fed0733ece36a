package vqlens.app.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bar's line at every width: never wider than the terminal, the least important parts gone first. */
class ProgressLineTest {
    private static final ProgressLine LINE = new ProgressLine(0.45, " 45% step 450/1000 ETA 0:12", "mse 0.01234",
            "ppl 24.3/22.2/23.8/23.3", "used 32/31/32/32", "dead 0/1/0/0 restarted 0/1/0/0", "1.23M rows/s");

    /** The parts from the least important to the most: each one is gone only once those before it are. */
    private static final List<String> DROP_ORDER = List.of("rows/s", "used", "ppl", "dead", "[", "mse", "ETA");

    @Test
    void noWidthGivesALineThatReachesTheLastColumn() {
        for (int columns = 1; columns <= 250; columns++) {
            String line = LINE.fit(columns);
            assertTrue(ProgressLine.columns(line) <= Math.max(1, columns - 1), columns + " columns: '" + line + "'");
        }
    }

    @Test
    void partsGoInOrderOfImportanceAsTheTerminalNarrows() {
        List<String> seenGone = new ArrayList<>();
        for (int columns = 250; columns >= 1; columns--) {
            String line = LINE.fit(columns);
            for (int i = 0; i < DROP_ORDER.size(); i++) {
                String part = DROP_ORDER.get(i);
                if (!line.contains(part)) {
                    if (!seenGone.contains(part)) {
                        seenGone.add(part);
                    }
                } else {
                    for (String moreImportant : DROP_ORDER.subList(i + 1, DROP_ORDER.size())) {
                        assertTrue(line.contains(moreImportant), columns + " columns show " + part + " but not "
                                + moreImportant + ": '" + line + "'");
                    }
                }
            }
        }
        assertEquals(DROP_ORDER, seenGone, "the order parts disappeared in as the width went from 250 to 1");
        assertEquals(LINE.fit(250), LINE.fit(200), "all of it at 200 columns");
    }

    @Test
    void theBarShrinksToItsMinimumBeforeItGoes() {
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int columns = 250; columns >= 1; columns--) {
            String line = LINE.fit(columns);
            if (line.startsWith("[")) {
                int cells = line.indexOf(']') - 1;
                smallest = Math.min(smallest, cells);
                largest = Math.max(largest, cells);
                if (cells < ProgressLine.FULL_BAR) {
                    assertEquals(List.of(), otherStats(line), "the bar shrinks only once the stats have gone: " + line);
                    assertEquals(columns - 1, ProgressLine.columns(line), "a shrunk bar takes all the room there is");
                }
            }
        }
        assertEquals(ProgressLine.FULL_BAR, largest);
        assertEquals(ProgressLine.MIN_BAR, smallest);
    }

    @Test
    void aVeryNarrowTerminalGetsTheProgressCutWithAnEllipsis() {
        assertEquals("45% step 450/1000 ETA 0:12", LINE.fit(27), "the progress alone, as long as it fits");
        assertEquals("45% step 450/100\u2026", LINE.fit(18));
        assertEquals("\u2026", LINE.fit(2));
        assertEquals("\u2026", LINE.fit(1));
    }

    @Test
    void everyCharacterIsOneColumn() {
        for (int columns = 1; columns <= 250; columns++) {
            assertTrue(LINE.fit(columns).chars().allMatch(c -> c >= ' ' && c < 0x7f || c == 0x2026),
                    "only printable ASCII and the ellipsis, so code points are columns");
        }
    }

    private static List<String> otherStats(String line) {
        return List.of("ppl", "used", "dead", "rows/s").stream().filter(line::contains).toList();
    }
}
