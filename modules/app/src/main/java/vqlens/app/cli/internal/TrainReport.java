package vqlens.app.cli.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vqlens.train.StepMetrics;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSnapshot;

/**
 * What {@code vqlens train} shows while it runs, fed with snapshots on its own thread: a progress bar with
 * ETA and a live metrics line redrawn in place (on a terminal, as wide as it is: {@link ProgressLine}), or a
 * plain line every {@code logEvery} steps; and the metrics JSON lines file, one line per step and per event
 * (schema in src/site/markdown/command-line.md).
 */
public final class TrainReport implements AutoCloseable {
    /** How progress is shown. */
    public enum Style { BAR, LINES, NONE }

    private static final long BAR_REDRAW_NANOS = 100_000_000L;
    /** The ETA while there is no pace to tell it from. */
    static final String NO_ETA = "--:--";

    private final PrintWriter out;
    private final Style style;
    private final long totalSteps;
    private final long firstStep;
    private final long logEvery;
    private final BufferedWriter metrics;
    private final TerminalWidth width;
    private final StepPace pace = new StepPace();
    private long lastRedraw;
    private boolean barDrawn;
    private IOException metricsError;

    public TrainReport(PrintWriter out, Style style, long firstStep, long totalSteps, long logEvery, Path metricsFile) {
        this(out, style, firstStep, totalSteps, logEvery, metricsFile, style == Style.BAR ? TerminalWidth.ofThisProcess() : null);
    }

    /** As above, with the bar's width from {@code width} (null unless the style is {@link Style#BAR}). */
    TrainReport(PrintWriter out, Style style, long firstStep, long totalSteps, long logEvery, Path metricsFile,
                TerminalWidth width) {
        this.out = out;
        this.style = style;
        this.firstStep = firstStep;
        this.totalSteps = totalSteps;
        this.logEvery = Math.max(1, logEvery);
        this.width = width;
        try {
            this.metrics = metricsFile == null ? null : Files.newBufferedWriter(metricsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called for every delivered snapshot (possibly several steps coalesced). */
    public void accept(TrainingSnapshot s) {
        for (StepMetrics m : s.recentSteps()) {
            writeMetrics(stepJson(m));
            if (style == Style.LINES && (m.step() % logEvery == 0 || m.step() == totalSteps)) {
                out.println(line(m));
            }
        }
        for (TrainingEvent e : s.events()) {
            writeMetrics(eventJson(e));
        }
        if (style == Style.LINES) {
            out.flush();
        }
        if (style == Style.BAR && s.latest() != null) {
            long now = System.nanoTime();
            if (now - lastRedraw >= BAR_REDRAW_NANOS || s.step() >= totalSteps) {
                lastRedraw = now;
                out.print("\r" + bar(s.latest(), now) + "\u001b[K");
                out.flush();
                barDrawn = true;
            }
        }
    }

    /** Ends the bar's line and appends a final JSON line; call after the last delivery. */
    public void finish(ObjectNode summary) {
        if (barDrawn) {
            out.println();
            out.flush();
        }
        if (summary != null) {
            writeMetrics(summary);
        }
    }

    /** Closes the metrics file; reports a write failure that happened on the way. */
    @Override
    public void close() {
        if (metrics != null) {
            try {
                metrics.close();
            } catch (IOException e) {
                metricsError = metricsError == null ? e : metricsError;
            }
        }
        if (metricsError != null) {
            throw new UncheckedIOException(metricsError);
        }
    }

    private void writeMetrics(ObjectNode node) {
        if (metrics == null || metricsError != null) {
            return;
        }
        try {
            metrics.write(Json.line(node));
            metrics.newLine();
        } catch (IOException e) {
            metricsError = e;
        }
    }

    /** One plain line per logged step. */
    static String line(StepMetrics m) {
        return String.format(Locale.ROOT, "step %d  epoch %.2f  mse %.6f  loss %.6f  perplexity %s  used %s  dead %s%s  %s rows/s",
                m.step(), m.epoch(), m.mse(), m.lossTotal(), perHead(m.perplexity()), perHead(m.used()),
                perHead(m.dead()), restarts(m), rate(m.samplesPerSecond()));
    }

    /** The bar's line for step {@code m} at time {@code nanos}, fitted to the terminal's width. */
    String bar(StepMetrics m, long nanos) {
        long done = m.step() - firstStep;
        long todo = totalSteps - firstStep;
        double fraction = todo > 0 ? Math.min(1, (double) done / todo) : 1;
        StepPace.Pace recent = pace.after(nanos, m.step());
        String eta = fraction >= 1 ? "done" : recent == null ? NO_ETA : eta(recent.steps(), recent.seconds(), todo - done);
        ProgressLine line = new ProgressLine(fraction,
                String.format(Locale.ROOT, "%3.0f%% step %d/%d ETA %s", 100 * fraction, m.step(), totalSteps, eta),
                String.format(Locale.ROOT, "mse %.5f", m.mse()), "ppl " + perHead(m.perplexity()), "used " + perHead(m.used()),
                "dead " + perHead(m.dead()) + restarts(m), rate(m.samplesPerSecond()) + " rows/s");
        return line.fit(width.columns(nanos));
    }

    /** The step's restarts, when it had any: {@code " restarted 3/0/1/0 (2 thrashing)"}. */
    private static String restarts(StepMetrics m) {
        if (m.restarts() == 0) {
            return "";
        }
        int thrashing = m.thrashingCodes();
        return " restarted " + perHead(m.restarted()) + (thrashing > 0 ? " (" + thrashing + " thrashing)" : "");
    }

    /** The time left for {@code remaining} steps at the pace of the {@code steps} done in {@code seconds}. */
    static String eta(long steps, double seconds, long remaining) {
        return steps > 0 && seconds > 0 ? clock(seconds / steps * remaining) : NO_ETA;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.2fM", perSecond / 1e6)
                : perSecond >= 1e3 ? String.format(Locale.ROOT, "%.1fk", perSecond / 1e3)
                : String.format(Locale.ROOT, "%.0f", perSecond);
    }

    private static String perHead(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.1f", v));
        }
        return s.toString();
    }

    private static String perHead(int[] values) {
        StringBuilder s = new StringBuilder();
        for (int v : values) {
            s.append(s.length() == 0 ? "" : "/").append(v);
        }
        return s.toString();
    }

    /** The {@code "type": "step"} line of the metrics schema. */
    public static ObjectNode stepJson(StepMetrics m) {
        ObjectNode o = Json.object();
        o.put("type", "step");
        o.put("step", m.step());
        o.put("epoch", m.epoch());
        o.put("rows", m.rows());
        number(o, "loss_total", m.lossTotal());
        number(o, "loss_reconstruction", m.lossReconstruction());
        number(o, "loss_codebook", m.lossCodebook());
        number(o, "loss_commitment", m.lossCommitment());
        number(o, "mse", m.mse());
        o.put("restarts", m.restarts());
        number(o, "samples_per_s", m.samplesPerSecond());
        number(o, "elapsed_s", m.elapsedSeconds());
        ArrayNode heads = o.putArray("heads");
        for (int h = 0; h < m.heads(); h++) {
            ObjectNode head = heads.addObject();
            head.put("head", h);
            number(head, "perplexity", m.perplexity(h));
            head.put("used", m.used(h));
            head.put("dead", m.dead(h));
            head.put("restarted", m.restarted()[h]);
            head.put("thrashing", m.thrashing()[h]);
        }
        return o;
    }

    /** The {@code "type": "event"} line of the metrics schema. */
    public static ObjectNode eventJson(TrainingEvent e) {
        ObjectNode o = Json.object();
        o.put("type", "event");
        o.put("step", e.step());
        o.put("kind", e.kind().label());
        o.put("head", e.head());
        ArrayNode codes = o.putArray("codes");
        for (int c : e.codes()) {
            codes.add(c);
        }
        o.put("message", e.message());
        return o;
    }

    /** JSON has no NaN/Infinity: such values are written as null. */
    static void number(ObjectNode o, String field, double value) {
        if (Double.isFinite(value)) {
            o.put(field, value);
        } else {
            o.putNull(field);
        }
    }
}
