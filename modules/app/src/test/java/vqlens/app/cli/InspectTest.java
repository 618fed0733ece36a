package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vqlens.core.testing.GoldenFiles.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFiles;
import vqlens.core.testing.TestNpy;
import vqlens.core.testing.TestSafetensors;

class InspectTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void jsonHasShapeFlagAndPerHeadNorms() throws IOException {
        Cli.Result r = Cli.run("inspect", golden("codebook_export.npz"), "--json");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err());
        assertEquals(1, r.outLines().size(), "one JSON object on one line");
        JsonNode json = JSON.readTree(r.out());
        assertTrue(json.get("file").asText().endsWith("codebook_export.npz"));
        assertEquals(List.of(4, 256, 96), ints(json.get("shape")));
        assertEquals(4, json.get("heads").asInt());
        assertEquals(256, json.get("codes").asInt());
        assertEquals(96, json.get("head_dim").asInt());
        assertEquals(384, json.get("embedding_dim").asInt());
        assertTrue(json.get("inited").asBoolean());
        // what the file holds: numpy.savez members, without .npy
        assertEquals("npz", json.get("format").asText());
        assertEquals(List.of("codebooks", "inited"), strings(json.get("keys")));
        assertEquals(List.of("codebooks"), strings(json.get("candidates")));
        assertEquals("codebooks", json.get("key").asText());
        assertEquals("float32", json.get("dtype").asText());
        assertTrue(json.get("inited_source").asText().contains("inited"), json::toString);
        assertFalse(json.get("has_usage").asBoolean());
        assertTrue(json.get("meta").isNull());

        float[] values = TestNpy.read(golden("case1_codebooks.npy")).floats();
        JsonNode norms = json.get("norms");
        assertEquals(4, norms.size());
        for (int h = 0; h < 4; h++) {
            double min = Double.MAX_VALUE;
            double max = 0;
            double sum = 0;
            for (int k = 0; k < 256; k++) {
                double norm = norm(values, (h * 256 + k) * 96, 96);
                min = Math.min(min, norm);
                max = Math.max(max, norm);
                sum += norm;
            }
            JsonNode head = norms.get(h);
            // norms are computed in double on both sides; only the summation order may differ
            assertEquals(min, head.get("min").asDouble(), 1e-9);
            assertEquals(sum / 256, head.get("mean").asDouble(), 1e-9);
            assertEquals(max, head.get("max").asDouble(), 1e-9);
        }
    }

    @Test
    void goldenSafetensorsShowsItsFactsAndEveryHeadsReport() throws IOException {
        Cli.Result r = Cli.run("inspect", golden("codebook_export.safetensors"), "--json");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals("safetensors", json.get("format").asText());
        assertEquals(List.of("codebooks"), strings(json.get("keys")));
        assertEquals(List.of("codebooks"), strings(json.get("candidates")));
        assertEquals("codebooks", json.get("key").asText());
        assertEquals("F32", json.get("dtype").asText());
        assertEquals(List.of(4, 256, 96), ints(json.get("stored_shape")));
        assertTrue(json.get("inited").asBoolean());
        assertTrue(json.get("inited_source").asText().contains("__metadata__"), json::toString);
        assertEquals(0, json.get("non_finite_values").asLong());
        assertTrue(json.get("first_non_finite").isNull());
        assertEquals(0, json.get("duplicate_codes").asInt());

        float[] values = TestNpy.read(golden("case1_codebooks.npy")).floats();
        JsonNode heads = json.get("heads_report");
        assertEquals(4, heads.size());
        for (int h = 0; h < 4; h++) {
            JsonNode head = heads.get(h);
            assertEquals(h, head.get("head").asInt());
            assertEquals(256, head.get("finite_codes").asInt());
            assertEquals(0, head.get("duplicate_codes").asInt());
            assertEquals(0, head.get("non_finite_values").asLong());
            assertTrue(head.get("first_non_finite").isNull());
            assertFalse(head.get("nearest_pair_skipped").asBoolean());
            double[] expected = nearestPair(values, h, 256, 96);
            JsonNode pair = head.get("nearest_pair");
            assertEquals(List.of((int) expected[0], (int) expected[1]), ints(pair.get("codes")), "head " + h);
            assertEquals(expected[2], pair.get("distance").asDouble(), 1e-9);
            assertEquals(json.get("norms").get(h).get("min").asDouble(), head.get("norm_min").asDouble());
            assertEquals(json.get("norms").get(h).get("mean").asDouble(), head.get("norm_mean").asDouble());
            assertEquals(json.get("norms").get(h).get("max").asDouble(), head.get("norm_max").asDouble());
        }
    }

    @Test
    void nanInfAndDuplicatesAreReportedWhereTheyAre() throws IOException {
        QuantizerConfig config = new QuantizerConfig(2, 6, 7); // 2 heads x 7 codes x 3 dims
        float[] values = new float[config.codebookValues()];
        Random random = new Random(20240601);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        System.arraycopy(values, (0 * 7 + 1) * 3, values, (0 * 7 + 5) * 3, 3); // head 0: code 5 = code 1
        values[(1 * 7 + 2) * 3 + 1] = Float.NaN;                                  // head 1, code 2, dim 1
        values[(1 * 7 + 6) * 3 + 0] = Float.NEGATIVE_INFINITY;                    // head 1, code 6, dim 0
        Path file = dir.resolve("sick.npz");
        CodebookFiles.save(file, Codebooks.of(config, values, true));

        Cli.Result r = Cli.run("inspect", file, "--json");
        assertEquals(0, r.exitCode(), "inspect reports a NaN, it does not refuse it: " + r);
        assertEquals("", r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals(2, json.get("non_finite_values").asLong());
        JsonNode first = json.get("first_non_finite");
        assertEquals(List.of(1, 2, 1), List.of(first.get("head").asInt(), first.get("code").asInt(), first.get("dim").asInt()));
        assertEquals(1, json.get("duplicate_codes").asInt());

        JsonNode h0 = json.get("heads_report").get(0);
        assertEquals(7, h0.get("finite_codes").asInt());
        assertEquals(1, h0.get("duplicate_codes").asInt());
        assertEquals(0, h0.get("non_finite_values").asLong());
        JsonNode h1 = json.get("heads_report").get(1);
        assertEquals(5, h1.get("finite_codes").asInt());
        assertEquals(0, h1.get("duplicate_codes").asInt());
        assertEquals(2, h1.get("non_finite_values").asLong());
        assertEquals(2, h1.get("first_non_finite").get("code").asInt());
        assertEquals(1, h1.get("first_non_finite").get("dim").asInt());
        for (int h = 0; h < 2; h++) {
            double[] expected = nearestPair(values, h, 7, 3);
            JsonNode pair = json.get("heads_report").get(h).get("nearest_pair");
            assertEquals(List.of((int) expected[0], (int) expected[1]), ints(pair.get("codes")), "head " + h);
            assertEquals(expected[2], pair.get("distance").asDouble(), 1e-9);
        }
        // norms leave the codes holding NaN/Inf out (their norms mean nothing)
        double max = 0;
        for (int k : new int[] {0, 1, 3, 4, 5}) {
            max = Math.max(max, norm(values, (7 + k) * 3, 3));
        }
        assertEquals(max, json.get("norms").get(1).get("max").asDouble(), 1e-12);

        Cli.Result text = Cli.run("inspect", file);
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().matches("(?s).*NaN/Inf\\s+2 values; the first at head 1, code 2, dim 1\\b.*"), text.out());
        assertTrue(text.out().matches("(?s).*duplicates\\s+1 code equals.*"), text.out());
        List<String[]> rows = tableRows(text.out(), 2);
        assertEquals("2", rows.get(1)[7], "NaN/Inf of head 1: " + text.out());
        assertEquals("code 2, dim 1", rows.get(1)[8], text.out());
    }

    @Test
    void textNamesTheFactsInAnAlignedTable() throws IOException {
        Cli.Result r = Cli.run("inspect", golden("case2_codebooks.npy"));
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err());
        assertTrue(r.out().contains("[2, 5, 4]"), r.out());
        assertTrue(r.out().matches("(?s).*heads\\s+2\\b.*"), r.out());
        assertTrue(r.out().matches("(?s).*head dim\\s+4\\b.*"), r.out());
        assertTrue(r.out().matches("(?s).*inited\\s+true\\b.*"), r.out());
        assertTrue(r.out().matches("(?s).*format\\s+NumPy array \\(\\.npy\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*stored\\s+float32 \\[2, 5, 4\\].*"), r.out());
        assertEquals(2, tableRows(r.out(), 2).size());

        Cli.Result st = Cli.run("inspect", golden("codebook_export.safetensors"));
        assertEquals(0, st.exitCode(), st::toString);
        assertTrue(st.out().matches("(?s).*format\\s+safetensors.*"), st.out());
        assertTrue(st.out().matches("(?s).*stored\\s+F32 \\[4, 256, 96\\].*"), st.out());
        assertTrue(st.out().matches("(?s).*inited\\s+true\\s+\\(from __metadata__.*"), st.out());
        assertTrue(st.out().matches("(?s).*NaN/Inf\\s+none.*"), st.out());
        List<String[]> rows = tableRows(st.out(), 4);
        float[] values = TestNpy.read(golden("case1_codebooks.npy")).floats();
        for (int h = 0; h < 4; h++) {
            double[] pair = nearestPair(values, h, 256, 96);
            assertEquals((int) pair[0] + " & " + (int) pair[1], rows.get(h)[5], st.out());
            assertEquals(pair[2], Double.parseDouble(rows.get(h)[6]), 1e-5);
        }
    }

    @Test
    void keyChoosesAmongSeveralCandidatesAndAmbiguityIsAUsageError() throws IOException {
        Path file = twoCodebooks(dir.resolve("model.safetensors"));
        Cli.Result ambiguous = Cli.run("inspect", file);
        assertEquals(2, ambiguous.exitCode(), ambiguous::toString);
        assertEquals(1, ambiguous.errLines().size(), ambiguous::toString);
        assertTrue(ambiguous.err().startsWith("vqlens: "), ambiguous::toString);
        assertTrue(ambiguous.err().contains("quantizer.codebooks") && ambiguous.err().contains("vq.codebooks")
                && ambiguous.err().contains("--key"), ambiguous::toString);
        assertEquals("", ambiguous.out());

        Cli.Result r = Cli.run("inspect", file, "--key", "vq.codebooks", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode json = JSON.readTree(r.out());
        assertEquals(List.of("quantizer.codebooks", "quantizer.inited", "vq.codebooks", "vq.inited"), strings(json.get("keys")));
        assertEquals(List.of("quantizer.codebooks", "vq.codebooks"), strings(json.get("candidates")));
        assertEquals("vq.codebooks", json.get("key").asText());
        assertEquals(List.of(3, 2), ints(json.get("stored_shape")));
        assertEquals(List.of(1, 3, 2), ints(json.get("shape")));
        assertFalse(json.get("inited").asBoolean());
        assertEquals("tensor 'vq.inited'", json.get("inited_source").asText());

        Cli.Result text = Cli.run("inspect", file, "--key", "quantizer.codebooks");
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().matches("(?s).*\\nkey\\s+quantizer\\.codebooks\\n.*"), text.out());
        assertTrue(text.out().matches("(?s).*candidates\\s+quantizer\\.codebooks, vq\\.codebooks\\n.*"), text.out());
        assertTrue(text.out().matches("(?s).*inited\\s+true\\s+\\(from tensor 'quantizer\\.inited'\\).*"), text.out());

        Cli.Result missing = Cli.run("inspect", file, "--key", "encoder.weight");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertEquals(1, missing.errLines().size(), missing::toString);
    }

    @Test
    void namesFromTheFileCannotReachTheTerminalAsControlCharacters() throws IOException {
        Path file = dir.resolve("hostile.safetensors");
        new TestSafetensors().f32("\u001b[2Jevil\u0007.codebooks", new long[] {2, 2}, new float[] {1, 2, 3, 4}).write(file);
        Cli.Result r = Cli.run("inspect", file);
        assertEquals(0, r.exitCode(), r::toString);
        assertFalse(r.out().chars().anyMatch(c -> c < 0x20 && c != '\n'), r.out());
        assertTrue(r.out().contains("?[2Jevil?.codebooks"), r.out());
        Cli.Result json = Cli.run("inspect", file, "--json");
        assertEquals(0, json.exitCode(), json::toString);
        assertEquals("\u001b[2Jevil\u0007.codebooks", JSON.readTree(json.out()).get("key").asText(), "JSON escapes, and keeps, the name");
    }

    @Test
    void usageAndMetaOfANativeFileAreShown() throws IOException {
        QuantizerConfig config = new QuantizerConfig(2, 4, 3); // 2 heads x 3 codes x 2 dims
        float[] values = {0, 0, 1, 0, 0, 1, 5, 5, 6, 5, 5, 7};
        Path file = dir.resolve("trained.npz");
        CodebookFiles.save(file, CodebookDocument.of(Codebooks.of(config, values, true), new long[] {10, 0, 5, 0, 0, 7},
                "{\"app\":\"VQ Lens\",\"steps\":20}"));
        Cli.Result r = Cli.run("inspect", file, "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode json = JSON.readTree(r.out());
        assertTrue(json.get("has_usage").asBoolean());
        assertEquals(20, json.get("meta").get("steps").asInt());
        assertEquals(15, json.get("heads_report").get(0).get("usage_total").asLong());
        assertEquals(1, json.get("heads_report").get(0).get("unused_codes").asInt());
        assertEquals(7, json.get("heads_report").get(1).get("usage_total").asLong());
        assertEquals(2, json.get("heads_report").get(1).get("unused_codes").asInt());

        Cli.Result text = Cli.run("inspect", file);
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().matches("(?s).*usage\\s+22 assignments, 3 codes never used.*"), text.out());
        assertTrue(text.out().contains("{\"app\":\"VQ Lens\",\"steps\":20}"), text.out());
        List<String[]> rows = tableRows(text.out(), 2);
        assertEquals(List.of("15", "1"), List.of(rows.get(0)[9], rows.get(0)[10]), text.out());
    }

    @Test
    void theShippedSampleCodebooksOpen() throws IOException {
        Path samples = Path.of(System.getProperty("user.dir")).resolve("../../resources/codebooks").normalize();
        assertTrue(Files.isDirectory(samples), "the samples folder " + samples);
        List<Path> files;
        try (var list = Files.list(samples)) {
            files = list.sorted().filter(f -> !f.getFileName().toString().endsWith(".rows.npy")).toList();
        }
        assertEquals(4, files.size(), files::toString); // beside them, the teaching codebook's data rows
        assertTrue(Files.isRegularFile(samples.resolve("teaching-1x16x2.rows.npy")));
        for (Path file : files) {
            Cli.Result r = Cli.run("inspect", file, "--json");
            assertEquals(0, r.exitCode(), () -> file + ": " + r);
            JsonNode json = JSON.readTree(r.out());
            assertTrue(json.get("inited").asBoolean(), file::toString);
            assertEquals(0, json.get("non_finite_values").asLong(), file::toString);
            String name = file.getFileName().toString();
            assertEquals(name.startsWith("reference-") ? List.of(4, 256, 96) : List.of(1, 16, 2), ints(json.get("shape")), name);
            if (name.equals("teaching-1x16x2.npz")) {
                assertTrue(json.get("has_usage").asBoolean());
                assertTrue(json.get("meta").isObject());
                assertEquals(0, json.get("heads_report").get(0).get("unused_codes").asInt());
            }
        }
    }

    /** A state_dict holding two quantizers: case 2's codebooks (inited) and a 3 x 2 one (not inited). */
    @Test
    void aKeyThatIsNoCodebookCandidateIsReadWithAOneLineWarning() throws IOException {
        Path model = dir.resolve("weights.safetensors");
        new TestSafetensors()
                .f32("quantizer.codebooks", new long[] {2, 5, 4}, TestNpy.read(golden("case2_codebooks.npy")).floats())
                .f32("encoder.weight", new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6})
                .write(model);
        Cli.Result r = Cli.run("inspect", model, "--key", "encoder.weight");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of("vqlens: warning: " + model + ": 'encoder.weight' is not one of the tensors that look like"
                + " codebooks (quantizer.codebooks); reading it as 1 heads x 3 codes x 2 dims (embedding 2) anyway"),
                r.err().lines().toList());
        Cli.Result candidate = Cli.run("inspect", model, "--key", "quantizer.codebooks");
        assertEquals("", candidate.err(), "a candidate is read without a word");
    }

    static Path twoCodebooks(Path file) throws IOException {
        new TestSafetensors()
                .f32("quantizer.codebooks", new long[] {2, 5, 4}, TestNpy.read(golden("case2_codebooks.npy")).floats())
                .bool("quantizer.inited", true)
                .f32("vq.codebooks", new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6})
                .bool("vq.inited", false)
                .write(file);
        return file;
    }

    /**
     * The closest pair {first, second, distance} among codes of head {@code h} that are finite and not a
     * duplicate of an earlier code, by brute force in double (first pair on ties).
     */
    static double[] nearestPair(float[] values, int h, int codes, int dim) {
        List<Integer> kept = new ArrayList<>();
        for (int k = 0; k < codes; k++) {
            int at = (h * codes + k) * dim;
            boolean finite = true;
            for (int d = 0; d < dim; d++) {
                finite &= Float.isFinite(values[at + d]);
            }
            boolean duplicate = false;
            for (int j : kept) {
                boolean equal = true;
                for (int d = 0; d < dim; d++) {
                    equal &= values[at + d] == values[(h * codes + j) * dim + d];
                }
                duplicate |= equal;
            }
            if (finite && !duplicate) {
                kept.add(k);
            }
        }
        double[] best = {-1, -1, Double.POSITIVE_INFINITY};
        for (int a = 0; a < kept.size(); a++) {
            for (int b = a + 1; b < kept.size(); b++) {
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    double diff = (double) values[(h * codes + kept.get(a)) * dim + d] - values[(h * codes + kept.get(b)) * dim + d];
                    s += diff * diff;
                }
                if (Math.sqrt(s) < best[2]) {
                    best = new double[] {kept.get(a), kept.get(b), Math.sqrt(s)};
                }
            }
        }
        return best;
    }

    private static double norm(float[] values, int from, int dim) {
        double sq = 0;
        for (int d = 0; d < dim; d++) {
            sq += (double) values[from + d] * values[from + d];
        }
        return Math.sqrt(sq);
    }

    /**
     * The rows of the per-head table split into cells, after checking that the header and every row line
     * up: each right-aligned cell ends where its header ends, each left-aligned one starts where it starts.
     */
    static List<String[]> tableRows(String out, int heads) {
        List<String> lines = out.lines().toList();
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s+head\\s+norm min\\s+norm mean\\s+norm max\\s+duplicates\\s+nearest pair\\s+distance\\s+NaN/Inf\\s+first NaN/Inf.*")) {
                at = i;
            }
        }
        assertTrue(at >= 0, "a per-head table: " + out);
        List<int[]> headerCells = cells(lines.get(at));
        assertTrue(lines.size() >= at + 1 + heads, out);
        List<String[]> rows = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            String line = lines.get(at + 1 + h);
            List<int[]> cells = cells(line);
            assertEquals(headerCells.size(), cells.size(), "cells of row " + h + " in\n" + out);
            String[] row = new String[cells.size()];
            for (int c = 0; c < cells.size(); c++) {
                boolean leftAligned = c == 5 || c == 8; // the pair and the position are text
                int headerEdge = leftAligned ? headerCells.get(c)[0] : headerCells.get(c)[1];
                int rowEdge = leftAligned ? cells.get(c)[0] : cells.get(c)[1];
                assertEquals(headerEdge, rowEdge, "column " + c + " of row " + h + " is aligned in\n" + out);
                row[c] = line.substring(cells.get(c)[0], cells.get(c)[1]);
            }
            assertEquals(Integer.toString(h), row[0]);
            rows.add(row);
        }
        return rows;
    }

    /** Cells are separated by two or more spaces: {start, end} of each. */
    private static List<int[]> cells(String line) {
        List<int[]> cells = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+(?: \\S+)*").matcher(line);
        while (m.find()) {
            cells.add(new int[] {m.start(), m.end()});
        }
        return cells;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
