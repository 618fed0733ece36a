package vqlens.app.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vqlens.core.Printable;
import vqlens.core.CodebookReport;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookCandidate;
import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.EmaUsage;

/**
 * What {@code vqlens inspect} prints about a codebook file: what the file holds ({@link CodebookFileInfo})
 * and how healthy the codes are ({@link CodebookReport}), as aligned text for a terminal or as one JSON
 * object. Names from the file are made printable in the text; JSON escapes them itself.
 */
public final class CodebookInspection {
    /** Keys listed in the text (a whole model's state_dict may have thousands; {@code --json} lists all). */
    private static final int KEYS_SHOWN = 12;
    /** Code points of the meta JSON shown in the text. */
    private static final int META_SHOWN = 160;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final CodebookFileInfo info;
    private final CodebookReport report;
    private final long[] usage;

    public CodebookInspection(Path file, CodebookFileInfo info, CodebookReport report) {
        this.file = file;
        this.info = info;
        this.report = report;
        this.usage = info.document().usage().orElse(null);
    }

    // ---------------------------------------------------------------- JSON

    /**
     * The fields of the first {@code inspect --json} ({@code file}, {@code shape}, {@code heads},
     * {@code codes}, {@code head_dim}, {@code embedding_dim}, {@code inited}, {@code norms}) and the file's
     * facts and the per-head report. Non-finite numbers (a head without a finite code) are {@code null}.
     */
    public ObjectNode json() {
        QuantizerConfig config = info.codebooks().config();
        ObjectNode root = Json.object();
        root.put("file", file.toString());
        root.put("format", info.source().id());
        root.put("format_name", info.source().displayName());
        root.put("saved_as", info.format().extension());
        strings(root.putArray("keys"), info.keys());
        strings(root.putArray("candidates"), info.candidates());
        ArrayNode details = root.putArray("candidate_details");
        for (CodebookCandidate c : info.candidateDetails()) {
            ObjectNode d = details.addObject().put("key", c.key());
            ArrayNode shape = d.putArray("shape");
            c.shape().forEach(shape::add);
            d.put("dtype", c.dtype()).put("reason", c.reason()).put("automatic", c.automatic());
        }
        root.put("key", info.key());
        root.putArray("shape").add(config.heads()).add(config.codes()).add(config.headDim());
        ArrayNode stored = root.putArray("stored_shape");
        info.shape().forEach(stored::add);
        root.put("dtype", info.dtype());
        root.put("heads", config.heads());
        root.put("codes", config.codes());
        root.put("head_dim", config.headDim());
        root.put("embedding_dim", config.embeddingDim());
        root.put("inited", info.inited());
        root.put("inited_source", info.initedFrom());
        root.put("has_usage", usage != null);
        Optional<EmaUsage> ema = info.ema();
        if (ema.isPresent()) {
            ObjectNode e = root.putObject("ema_usage").put("key", ema.get().key());
            ArrayNode totals = e.putArray("totals");
            for (int h = 0; h < ema.get().heads(); h++) {
                totals.add(ema.get().total(h));
            }
        } else {
            root.putNull("ema_usage");
        }
        strings(root.putArray("notes"), info.notes());
        info.document().source().ifPresentOrElse(source -> root.putObject("write_back").put("possible", source.patchable())
                .put("refusal", source.whyNotPatchable().orElse(null)), () -> root.putNull("write_back"));
        Optional<String> meta = info.document().meta();
        if (meta.isPresent()) {
            root.set("meta", parsedMeta(meta.get()));
        } else {
            root.putNull("meta");
        }
        ArrayNode norms = root.putArray("norms");
        for (CodebookReport.Head h : report.heads()) {
            ObjectNode n = norms.addObject().put("head", h.head());
            number(n, "min", h.normMin());
            number(n, "mean", h.normMean());
            number(n, "max", h.normMax());
        }
        root.put("duplicate_codes", report.duplicates());
        root.put("non_finite_values", report.nonFiniteValues());
        position(root, "first_non_finite", report.firstNonFinite(), true);
        ArrayNode heads = root.putArray("heads_report");
        for (CodebookReport.Head h : report.heads()) {
            ObjectNode o = heads.addObject();
            o.put("head", h.head());
            o.put("finite_codes", h.finiteCodes());
            number(o, "norm_min", h.normMin());
            number(o, "norm_mean", h.normMean());
            number(o, "norm_max", h.normMax());
            o.put("duplicate_codes", h.duplicates());
            if (h.nearestPair().isPresent()) {
                CodebookReport.CodePair p = h.nearestPair().get();
                ObjectNode pair = o.putObject("nearest_pair");
                pair.putArray("codes").add(p.first()).add(p.second());
                number(pair, "distance", p.distance());
            } else {
                o.putNull("nearest_pair");
            }
            o.put("nearest_pair_skipped", h.nearestPairSkipped());
            o.put("non_finite_values", h.nonFiniteValues());
            position(o, "first_non_finite", h.firstNonFinite(), false);
            if (usage != null) {
                o.put("usage_total", usageTotal(h.head()));
                o.put("unused_codes", unusedCodes(h.head()));
            }
        }
        return root;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void number(ObjectNode o, String field, double value) {
        if (Double.isFinite(value)) {
            o.put(field, value);
        } else {
            o.putNull(field);
        }
    }

    private static void position(ObjectNode o, String field, Optional<CodebookReport.Position> position, boolean withHead) {
        if (position.isEmpty()) {
            o.putNull(field);
            return;
        }
        CodebookReport.Position p = position.get();
        ObjectNode at = o.putObject(field);
        if (withHead) {
            at.put("head", p.head());
        }
        at.put("code", p.code()).put("dim", p.dim());
    }

    /** The document checked that meta is a JSON object; should parsing still fail, it is kept as text. */
    private static JsonNode parsedMeta(String meta) {
        try {
            return MAPPER.readTree(meta);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(meta);
        }
    }

    // ---------------------------------------------------------------- text

    /** Facts as {@code name  value} lines, then one aligned row per head. */
    public void printText(PrintWriter out) {
        QuantizerConfig config = info.codebooks().config();
        boolean named = !info.keys().isEmpty();
        List<String[]> facts = new ArrayList<>();
        facts.add(fact("file", Printable.of(file.toString(), Integer.MAX_VALUE)));
        facts.add(fact("format", info.source().isModelFile()
                ? info.source().displayName() + " (saves write ." + info.format().extension() + ")"
                : info.format().displayName() + " (." + info.format().extension() + ")"));
        facts.add(fact("keys", named ? info.keys().size() + ": " + Printable.list(info.keys(), KEYS_SHOWN, "")
                : "- (one unnamed array)"));
        if (named) {
            facts.add(fact("candidates", Printable.list(info.candidates(), KEYS_SHOWN, "none (read with --key)")));
            for (CodebookCandidate c : info.candidateDetails()) {
                facts.add(fact("", "  " + Printable.of(c.key()) + "  " + c.dtype() + " " + c.shape() + "  " + Printable.of(c.reason())
                        + (c.automatic() ? "" : " (only with --key)")));
            }
            facts.add(fact("key", info.key() == null ? "-" : Printable.of(info.key())));
        }
        facts.add(fact("stored", Printable.of(info.dtype()) + " " + info.shape()));
        facts.add(fact("shape", "[" + config.heads() + ", " + config.codes() + ", " + config.headDim() + "]  (heads, codes, head dim)"));
        facts.add(fact("heads", Integer.toString(config.heads())));
        facts.add(fact("codes", config.codes() + " per head"));
        facts.add(fact("head dim", Integer.toString(config.headDim())));
        facts.add(fact("embedding dim", Integer.toString(config.embeddingDim())));
        facts.add(fact("inited", info.inited() + "  (" + initedSource() + ")"));
        facts.add(fact("usage", usage == null ? info.ema().map(CodebookInspection::emaSummary).orElse("none") : usageSummary()));
        facts.add(fact("meta", info.document().meta().map(CodebookInspection::metaSummary).orElse("none")));
        facts.add(fact("duplicates", report.duplicates() == 0 ? "none" : report.duplicates() == 1
                ? "1 code equals an earlier code of its head" : report.duplicates() + " codes equal an earlier code of their head"));
        facts.add(fact("NaN/Inf", nonFiniteSummary()));
        info.document().source().ifPresent(source -> facts.add(fact("write-back", source.whyNotPatchable()
                .map(why -> "no: " + Printable.of(why, Integer.MAX_VALUE))
                .orElse("'vqlens patch' can write an edited codebook into a copy of this file"))));
        info.notes().forEach(n -> facts.add(fact("note", Printable.of(n, Integer.MAX_VALUE))));
        int width = facts.stream().mapToInt(f -> f[0].length()).max().orElse(0) + 2;
        for (String[] f : facts) {
            out.println(f[0] + " ".repeat(width - f[0].length()) + f[1]);
        }
        out.println("per head (norms, duplicates and nearest pair over codes without NaN/Inf)");
        printHeadTable(out);
    }

    private static String[] fact(String name, String value) {
        return new String[] {name, value};
    }

    /** {@code from tensor 'inited'}, or why there is no flag. */
    private String initedSource() {
        String source = Printable.of(info.initedFrom());
        return source.startsWith("absent") ? "the file has no inited flag: counts as initialised" : "from " + source;
    }

    private String usageSummary() {
        long total = 0;
        long unused = 0;
        for (CodebookReport.Head h : report.heads()) {
            long next = total + usageTotal(h.head());
            total = next < total ? Long.MAX_VALUE : next;
            unused += unusedCodes(h.head());
        }
        return total + " assignments, " + unused + " codes never used (per head below)";
    }

    /** vector-quantize-pytorch's moving average: decayed assignments per step, not counts. */
    private static String emaSummary(EmaUsage ema) {
        List<String> totals = new ArrayList<>();
        for (int h = 0; h < ema.heads(); h++) {
            totals.add(num(ema.total(h)));
        }
        return "EMA average of assignments per step (" + Printable.of(ema.key()) + "; not counts), sum per head: "
                + String.join(", ", totals);
    }

    private static String metaSummary(String meta) {
        String shown = Printable.of(meta, META_SHOWN);
        return shown.length() < meta.length() ? shown + "  (--json shows all)" : shown;
    }

    private String nonFiniteSummary() {
        long count = report.nonFiniteValues();
        if (count == 0) {
            return "none";
        }
        CodebookReport.Position p = report.firstNonFinite().orElseThrow();
        return count + (count == 1 ? " value" : " values") + "; the first at head " + p.head() + ", code " + p.code()
                + ", dim " + p.dim() + " (encode refuses this codebook)";
    }

    private void printHeadTable(PrintWriter out) {
        List<String> header = new ArrayList<>(List.of("head", "norm min", "norm mean", "norm max", "duplicates",
                "nearest pair", "distance", "NaN/Inf", "first NaN/Inf"));
        if (usage != null) {
            header.addAll(List.of("assignments", "unused"));
        }
        // right-aligned numbers; the pair and the position are text
        boolean[] left = new boolean[header.size()];
        left[5] = true;
        left[8] = true;
        List<String[]> rows = new ArrayList<>();
        rows.add(header.toArray(String[]::new));
        for (CodebookReport.Head h : report.heads()) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(h.head()));
            row.add(num(h.normMin()));
            row.add(num(h.normMean()));
            row.add(num(h.normMax()));
            row.add(Integer.toString(h.duplicates()));
            if (h.nearestPair().isPresent()) {
                CodebookReport.CodePair p = h.nearestPair().get();
                row.add(p.first() + " & " + p.second());
                row.add(num(p.distance()));
            } else {
                row.add(h.nearestPairSkipped() ? "skipped (> " + CodebookReport.MAX_CODES_FOR_NEAREST_PAIR + " codes)" : "-");
                row.add("-");
            }
            row.add(Long.toString(h.nonFiniteValues()));
            row.add(h.firstNonFinite().map(p -> "code " + p.code() + ", dim " + p.dim()).orElse("-"));
            if (usage != null) {
                row.add(Long.toString(usageTotal(h.head())));
                row.add(Integer.toString(unusedCodes(h.head())));
            }
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = new int[header.size()];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String pad = " ".repeat(widths[c] - row[c].length());
                line.append("  ").append(left[c] ? row[c] + pad : pad + row[c]);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String num(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "-";
    }

    private long usageTotal(int head) {
        int codes = info.codebooks().config().codes();
        long sum = 0;
        for (int k = 0; k < codes; k++) {
            long next = sum + usage[head * codes + k]; // counts are >= 0: only an absurd file overflows
            sum = next < sum ? Long.MAX_VALUE : next;
        }
        return sum;
    }

    private int unusedCodes(int head) {
        int codes = info.codebooks().config().codes();
        int unused = 0;
        for (int k = 0; k < codes; k++) {
            unused += usage[head * codes + k] == 0 ? 1 : 0;
        }
        return unused;
    }
}
