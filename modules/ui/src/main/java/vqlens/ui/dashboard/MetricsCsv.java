package vqlens.ui.dashboard;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

import vqlens.core.io.AtomicFiles;
import vqlens.core.io.CodebookFileException;
import vqlens.train.StepMetrics;

/**
 * The metrics of every recorded step as CSV, one row per step, with the field names of the metrics JSON
 * lines that {@code vqlens train --metrics} writes ({@code step, epoch, rows, loss_total, …}); the
 * per-head array {@code heads[h].perplexity|used|dead} becomes columns {@code perplexity_h}, {@code used_h},
 * {@code dead_h}. A value JSON writes as {@code null} (NaN, infinite) is an empty cell.
 */
public final class MetricsCsv {

    /** The columns before the per-head ones. */
    public static final List<String> COLUMNS = List.of("step", "epoch", "rows", "loss_total", "loss_reconstruction",
            "loss_codebook", "loss_commitment", "mse", "restarts", "samples_per_s", "elapsed_s");

    private MetricsCsv() {
    }

    /** The header line for {@code heads} heads. */
    public static String header(int heads) {
        StringBuilder s = new StringBuilder(String.join(",", COLUMNS));
        for (int h = 0; h < heads; h++) {
            s.append(",perplexity_").append(h).append(",used_").append(h).append(",dead_").append(h)
                    .append(",restarted_").append(h).append(",thrashing_").append(h);
        }
        return s.toString();
    }

    /** Writes the rows to {@code out}, header first. */
    public static void write(Writer out, List<StepMetrics> steps) throws IOException {
        int heads = steps.isEmpty() ? 0 : steps.get(0).heads();
        out.write(header(heads));
        out.write('\n');
        StringBuilder s = new StringBuilder();
        for (StepMetrics m : steps) {
            s.setLength(0);
            s.append(m.step()).append(',');
            number(s, m.epoch()).append(',');
            s.append(m.rows()).append(',');
            number(s, m.lossTotal()).append(',');
            number(s, m.lossReconstruction()).append(',');
            number(s, m.lossCodebook()).append(',');
            number(s, m.lossCommitment()).append(',');
            number(s, m.mse()).append(',');
            s.append(m.restarts()).append(',');
            number(s, m.samplesPerSecond()).append(',');
            number(s, m.elapsedSeconds());
            for (int h = 0; h < heads; h++) {
                s.append(',');
                number(s, h < m.heads() ? m.perplexity(h) : Double.NaN).append(',');
                s.append(h < m.heads() ? m.used(h) : 0).append(',');
                s.append(h < m.heads() ? m.dead(h) : 0).append(',');
                s.append(h < m.heads() ? m.restarted()[h] : 0).append(',');
                s.append(h < m.heads() ? m.thrashing()[h] : 0);
            }
            s.append('\n');
            out.write(s.toString());
        }
    }

    /**
     * Writes the CSV file atomically, as every VQ Lens save ({@link AtomicFiles}).
     *
     * @throws CodebookFileException with a one-line message if it cannot be written
     */
    public static void write(Path file, List<StepMetrics> steps) {
        StringWriter text = new StringWriter();
        try {
            write(text, steps);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        AtomicFiles.writeText(file, text.toString());
    }

    private static StringBuilder number(StringBuilder s, double v) {
        if (Double.isFinite(v)) {
            s.append(v);
        }
        return s;
    }
}
