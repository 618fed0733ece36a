package vqlens.app.cli.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The progress bar's line, fitted to the terminal's width. At full width it reads
 * {@code [####....]  45% step 450/1000 ETA 0:12 | mse 0.01234 ppl … used … dead … | 1.2M rows/s}; where that
 * does not fit, the least important parts go first: the rows per second, the codes used, the perplexity,
 * the dead and restarted counts; then the bar shrinks to {@link #MIN_BAR} cells and goes; then the mse.
 * Percent, step/total and the ETA stay, cut with "…" only on a terminal narrower than they are.
 *
 * <p>Every part is ASCII and the ellipsis one column, so a line's display columns are its code points.
 *
 * @param fraction   of the run done, 0 to 1
 * @param position   {@code " 45% step 450/1000 ETA 0:12"}
 * @param mse        {@code "mse 0.01234"}
 * @param perplexity {@code "ppl 24.3/22.2"}
 * @param used       {@code "used 32/31"}
 * @param dead       {@code "dead 0/1"} and the restarts, if any
 * @param rate       {@code "1.2M rows/s"}
 */
record ProgressLine(double fraction, String position, String mse, String perplexity, String used, String dead, String rate) {
    static final int FULL_BAR = 24;
    static final int MIN_BAR = 8;
    static final String ELLIPSIS = "\u2026";

    /**
     * The line for a terminal {@code columns} wide. It leaves the last column empty: a line that reaches it
     * makes some terminals wrap at once, which is the scrolling this is here to prevent.
     */
    String fit(int columns) {
        int budget = Math.max(1, columns - 1);
        List<String> stats = new ArrayList<>(List.of(perplexity, used, dead));
        String full = compose(FULL_BAR, true, stats, rate);
        if (columns(full) <= budget) {
            return full;
        }
        for (String leastImportant : List.of(used, perplexity, dead)) { // rows/s went first
            String line = compose(FULL_BAR, true, stats, null);
            if (columns(line) <= budget) {
                return line;
            }
            stats.remove(leastImportant);
        }
        // the stats have gone: the bar gives up what is still too much, if it keeps its minimum
        int cells = Math.min(FULL_BAR, FULL_BAR - (columns(compose(FULL_BAR, true, stats, null)) - budget));
        if (cells >= MIN_BAR) {
            return compose(cells, true, stats, null);
        }
        String withoutBar = compose(0, true, stats, null);
        if (columns(withoutBar) <= budget) {
            return withoutBar;
        }
        String core = compose(0, false, stats, null);
        return columns(core) <= budget ? core : core.substring(0, budget - 1) + ELLIPSIS;
    }

    private String compose(int barCells, boolean withMse, List<String> stats, String withRate) {
        StringBuilder s = new StringBuilder();
        if (barCells > 0) {
            int filled = (int) Math.round(fraction * barCells);
            s.append('[').append("#".repeat(filled)).append(".".repeat(barCells - filled)).append("] ");
        }
        s.append(barCells > 0 ? position : position.stripLeading());
        if (withMse) {
            s.append(" | ").append(mse);
            stats.forEach(stat -> s.append(' ').append(stat));
        }
        if (withRate != null) {
            s.append(" | ").append(withRate);
        }
        return s.toString();
    }

    /** Display columns: every character drawn here is one column wide (ASCII, and the ellipsis). */
    static int columns(String line) {
        return line.codePointCount(0, line.length());
    }
}
