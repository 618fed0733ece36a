package vqlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFiles;
import vqlens.core.testing.TestNpy;
import vqlens.train.Checkpoint;
import vqlens.train.data.BuiltInDataset;
import vqlens.train.data.SyntheticData;

/** {@code vqlens train}: small runs, fixed seeds; speed is never asserted. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private static final Object[] MIXTURE = {"--dataset", "mixture", "--rows", 600, "--dim", 8, "--clusters", 8,
            "--heads", 2, "--codes", 8, "--batch", 100, "--seed", 3};

    private static Object[] args(Object[] base, Object... more) {
        Object[] all = new Object[base.length + more.length + 1];
        all[0] = "train";
        System.arraycopy(base, 0, all, 1, base.length);
        System.arraycopy(more, 0, all, 1 + base.length, more.length);
        return all;
    }

    @Test
    void helpListsTheDatasetsAndTheOptions() {
        Cli.Result r = Cli.run("train", "--help");
        assertEquals(0, r.exitCode(), r::toString);
        for (BuiltInDataset d : BuiltInDataset.values()) {
            assertTrue(r.out().contains("  " + d.label() + " "), d.label() + " in\n" + r.out());
        }
        for (String option : List.of("--data", "--dataset", "--heads", "--codes", "--dim", "--method", "--init", "--lr",
                "--decay", "--beta", "--dead-threshold", "--mode", "--hidden", "--steps", "--batch", "--seed", "--out",
                "--checkpoint-every", "--resume", "--metrics", "--speed", "--clusters", "--spread")) {
            assertTrue(r.out().contains(option), option);
        }
        assertTrue(Cli.run("--help").out().contains("train"), "listed among the subcommands");
    }

    @Test
    void trainsAGeneratedSetSavesTheNativeCodebookAndWritesMetricsLines() throws IOException {
        Path out = dir.resolve("cb.npz");
        Path metrics = dir.resolve("m.jsonl");
        Cli.Result r = Cli.run(args(MIXTURE, "--method", "kmeans", "--init", "kmeans++", "--steps", 5, "--out", out,
                "--metrics", metrics));
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err());
        Codebooks books = CodebookFiles.load(out);
        assertEquals(new QuantizerConfig(2, 8, 8), books.config());
        assertTrue(books.inited());
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).startsWith("step 1  epoch 1.00  mse "), r.out()); // not a terminal: plain lines
        assertTrue(lines.get(lines.size() - 1).startsWith("saved " + out + " (2 heads x 8 codes x 4 dims"), r.out());

        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> steps = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        JsonNode summary = null;
        for (String line : Files.readAllLines(metrics)) {
            JsonNode j = mapper.readTree(line);
            switch (j.get("type").asText()) {
                case "step" -> steps.add(j);
                case "event" -> events.add(j);
                case "summary" -> summary = j;
                default -> throw new AssertionError(line);
            }
        }
        assertEquals(5, steps.size());
        for (int i = 0; i < 5; i++) {
            JsonNode s = steps.get(i);
            assertEquals(i + 1, s.get("step").asInt());
            assertEquals(i + 1, s.get("epoch").asDouble(), 1e-12, "k-means: a step is a pass");
            assertTrue(s.get("loss_reconstruction").isNull(), "no decoder: null, never NaN");
            assertEquals(s.get("mse").asDouble(), s.get("loss_codebook").asDouble());
            assertEquals(2, s.get("heads").size());
            assertTrue(s.get("heads").get(1).get("perplexity").asDouble() >= 1);
            assertTrue(s.get("samples_per_s").asDouble() > 0);
        }
        assertTrue(steps.get(4).get("mse").asDouble() <= steps.get(0).get("mse").asDouble(), "Lloyd never increases the error");
        assertEquals("init", events.get(0).get("kind").asText());
        assertEquals("finished", summary.get("state").asText());
        assertEquals(5, summary.get("step").asInt());
    }

    @Test
    void theSavedCodebookCarriesEachCodesUsageAndTheTrainingsMeta() throws IOException {
        Path out = dir.resolve("used.npz");
        Cli.Result r = Cli.run(args(MIXTURE, "--steps", 4, "--dead-threshold", 0, "--out", out));
        assertEquals(0, r.exitCode(), r::toString);
        CodebookDocument doc = CodebookFiles.loadDocument(out);
        long[] usage = doc.usage().orElseThrow();
        long perHead = 0;
        for (int k = 0; k < 8; k++) {
            perHead += usage[k];
        }
        assertEquals(4 * 100, perHead, "restarts off: head 0's codes were assigned every row of every step");
        JsonNode meta = new ObjectMapper().readTree(doc.meta().orElseThrow());
        assertEquals("ema", meta.get("training").get("method").asText());
        assertEquals(4, meta.get("training").get("steps").asInt());
        assertEquals(100, meta.get("training").get("batch").asInt());
        assertTrue(meta.get("created_by").asText().startsWith("VQ Lens"), meta.toString());
    }

    /** A threshold far above the fair share thrashes; the progress lines and the JSON lines both say so. */
    @Test
    void thrashingRestartsAreReportedOnTheProgressLineAndInTheMetrics() throws IOException {
        Path metrics = dir.resolve("thrash.jsonl");
        Cli.Result r = Cli.run(args(MIXTURE, "--steps", 3, "--dead-threshold", 1000, "--log-every", 1,
                "--out", dir.resolve("thrash.npz"), "--metrics", metrics));
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.outLines().get(2).contains("restarted 8/8 (16 thrashing)"), r.out());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode third = null;
        boolean explained = false;
        for (String line : Files.readAllLines(metrics)) {
            JsonNode j = mapper.readTree(line);
            if (j.get("type").asText().equals("step") && j.get("step").asInt() == 3) {
                third = j;
            }
            explained |= j.get("type").asText().equals("event") && j.get("message").asText().contains("thrashing");
        }
        assertEquals(16, third.get("restarts").asInt());
        for (JsonNode head : third.get("heads")) {
            assertEquals(8, head.get("dead").asInt(), "re-seeded codes were dead before their restart");
            assertEquals(8, head.get("restarted").asInt());
            assertEquals(8, head.get("thrashing").asInt(), "every code was re-seeded one step before too");
        }
        assertTrue(explained, "a restart event says why");
    }

    @Test
    void trainsOnNpyAndCsvFilesAndTheySeeTheSameRows() throws IOException {
        SyntheticData.Dataset d = SyntheticData.gaussianMixture(300, 4, 5, 0.1, 9);
        Path npy = dir.resolve("z.npy");
        TestNpy.writeFloats(npy, new long[] {300, 4}, d.values());
        StringBuilder csv = new StringBuilder("a,b,c,d\n");
        for (int r = 0; r < 300; r++) {
            for (int c = 0; c < 4; c++) {
                csv.append(c == 0 ? "" : ",").append(d.values()[r * 4 + c]); // Float.toString round-trips exactly
            }
            csv.append('\n');
        }
        Path csvFile = dir.resolve("z.csv");
        Files.writeString(csvFile, csv);
        Object[] common = {"--heads", 2, "--codes", 5, "--batch", 64, "--seed", 1, "--steps", 20, "--method", "adam",
                "--progress", "none"};
        Cli.Result a = Cli.run(args(common, "--data", npy, "--out", dir.resolve("a.npz")));
        Cli.Result b = Cli.run(args(common, "--data", csvFile, "--out", dir.resolve("b.npz")));
        assertEquals(0, a.exitCode(), a::toString);
        assertEquals(0, b.exitCode(), b::toString);
        assertEquals(1, a.outLines().size(), "--progress none: only the summary");
        assertEquals(CodebookFiles.load(dir.resolve("a.npz")), CodebookFiles.load(dir.resolve("b.npz")));
    }

    @Test
    void resumingACheckpointGivesWhatAnUninterruptedRunGives() {
        Object[] run = {"--method", "adam", "--lr", 0.05, "--progress", "none"};
        Path straight = dir.resolve("straight.npz");
        assertEquals(0, Cli.run(args(MIXTURE, concat(run, "--steps", 12, "--out", straight))).exitCode());

        Path part = dir.resolve("part.npz");
        Path ckpt = dir.resolve("part.ckpt.npz");
        Cli.Result first = Cli.run(args(MIXTURE, concat(run, "--steps", 5, "--checkpoint-every", 2, "--out", part)));
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(Files.exists(ckpt), "default checkpoint name beside --out");

        Path resumed = dir.resolve("resumed.npz");
        Cli.Result second = Cli.run("train", "--dataset", "mixture", "--rows", 600, "--dim", 8, "--clusters", 8,
                "--seed", 3, "--resume", ckpt, "--steps", 12, "--progress", "none", "--out", resumed);
        assertEquals(0, second.exitCode(), second::toString);
        assertEquals(CodebookFiles.load(straight), CodebookFiles.load(resumed), "bit-identical");
        assertNotEquals(CodebookFiles.load(straight), CodebookFiles.load(part));

        // without --seed the generated set is made from the checkpoint's seed (3), as the training continues with
        Path seedless = dir.resolve("seedless.npz");
        Cli.Result third = Cli.run("train", "--dataset", "mixture", "--rows", 600, "--dim", 8, "--clusters", 8,
                "--resume", ckpt, "--steps", 12, "--progress", "none", "--out", seedless);
        assertEquals(0, third.exitCode(), third::toString);
        assertEquals(CodebookFiles.load(straight), CodebookFiles.load(seedless), "the same rows: bit-identical");

        Cli.Result clash = Cli.run(args(MIXTURE, "--resume", ckpt, "--method", "ema", "--steps", 12, "--out", resumed));
        assertEquals(1, clash.exitCode(), clash::toString);
        assertTrue(clash.err().contains("--method ema differs from the checkpoint's adam"), clash::toString);
    }

    private static Object[] concat(Object[] a, Object... b) {
        Object[] all = new Object[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void heldOutErrorIsReportedForGeneratedSets() {
        Cli.Result r = Cli.run("train", "--dataset", "normal", "--rows", 2000, "--dim", 16, "--heads", 2, "--codes", 16,
                "--method", "kmeans", "--batch", 2000, "--steps", 10, "--seed", 1, "--holdout", 1000,
                "--progress", "none", "--out", dir.resolve("n.npz"));
        assertEquals(0, r.exitCode(), r::toString);
        String last = r.outLines().get(r.outLines().size() - 1);
        assertTrue(last.matches("held-out MSE per element: 0\\.\\d{6} \\(1000 held-out rows\\)"), last);
        double mse = Double.parseDouble(last.split(" ")[4]);
        // 16 codes for 8-D N(0, 1) heads leave well under the unit variance, but never zero
        assertTrue(mse > 0.3 && mse < 1.0, last);
    }

    @Test
    void aNonFiniteValueStopsWithAShortMessageAndKeepsTheLastGoodCodebook() throws IOException {
        float[] values = SyntheticData.standardNormal(400, 4, 2).values();
        values[250 * 4 + 1] = Float.NaN;
        Path npy = dir.resolve("nan.npy");
        TestNpy.writeFloats(npy, new long[] {400, 4}, values);
        Path out = dir.resolve("nan.npz");
        Cli.Result r = Cli.run("train", "--data", npy, "--heads", 1, "--codes", 4, "--batch", 100, "--steps", 4,
                "--seed", 1, "--progress", "none", "--out", out);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        String err = r.err();
        assertTrue(err.startsWith("vqlens: step 3: ") && err.contains("row 250") && err.contains("rolled back to step 2")
                && err.contains("the codebook of step 2 was saved"), err);
        assertTrue(CodebookFiles.load(out).inited());
    }

    @Test
    void badOptionsAreUsageErrors() {
        List<Cli.Result> results = List.of(
                Cli.run("train", "--heads", 1, "--codes", 2, "--steps", 1, "--batch", 1, "--seed", 1, "--out", "x.npz"),
                Cli.run(args(MIXTURE, "--data", "z.npy", "--steps", 1, "--out", "x.npz")),
                Cli.run("train", "--dataset", "mixture", "--codes", 2, "--steps", 1, "--batch", 1, "--seed", 1, "--out", "x.npz"),
                Cli.run(args(MIXTURE, "--steps", 1, "--method", "lbfgs", "--out", "x.npz")),
                Cli.run(args(MIXTURE, "--steps", 1, "--init", "random", "--out", "x.npz")),
                Cli.run(args(MIXTURE, "--steps", 1, "--mode", "vqvae", "--out", "x.npz")),
                Cli.run(args(MIXTURE, "--steps", 0, "--out", "x.npz")),
                Cli.run(new Object[] {"train", "--dataset", "spirals", "--dim", 8, "--heads", 1, "--codes", 2, "--steps", 1,
                        "--batch", 1, "--seed", 1, "--out", "x.npz"}),
                Cli.run(args(MIXTURE, "--steps", 1, "--out", "x.npz", "--dataset", "nope")));
        for (Cli.Result r : results) {
            assertEquals(2, r.exitCode(), r::toString);
            assertTrue(r.errLines().size() <= 3, r::toString);
            assertTrue(r.err().startsWith("vqlens: "), r::toString);
            assertFalse(r.err().contains("\tat "), "no stack trace");
        }
        assertTrue(results.get(0).err().contains("give exactly one of --data FILE or --dataset NAME"));
        assertTrue(results.get(2).err().contains("missing --heads"));
        assertTrue(results.get(5).err().contains("give --method adam or sgd"), results.get(5)::toString);
    }

    @Test
    void everyMissingOptionIsNamedInOneMessage() {
        Cli.Result r = Cli.run("train", "--dataset", "mixture", "--out", dir.resolve("x.npz"));
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("missing --heads, --codes, --steps, --batch (required unless --resume)"),
                r::toString);
        assertFalse(r.err().contains("--seed"), "the seed has a default");
    }

    @Test
    void conflictsAndMissingOptionsAreReportedTogether() {
        Cli.Result r = Cli.run("train", "--data", dir.resolve("z.npy"), "--dataset", "mixture", "--key", "codebooks",
                "--hidden", "32", "--heads", 1, "--codes", 2, "--steps", 1, "--out", dir.resolve("x.npz"));
        assertEquals(2, r.exitCode(), r::toString);
        String first = r.errLines().get(0);
        assertEquals("vqlens: give exactly one of --data FILE or --dataset NAME; --key goes with --codebook; "
                + "--hidden applies to --mode vqvae only; missing --batch (required unless --resume)", first, r::toString);
        assertEquals(2, r.errLines().size(), "the problems on one line, then the pointer to --help: " + r);
        assertFalse(Files.exists(dir.resolve("x.npz")), "nothing written");
    }

    @Test
    void withoutSeedARunUsesTheDefaultSeedAndSaysSo() throws IOException {
        Object[] unseeded = {"--dataset", "mixture", "--rows", 600, "--dim", 8, "--clusters", 8,
                "--heads", 2, "--codes", 8, "--batch", 100, "--steps", 3};
        Path implicit = dir.resolve("implicit.npz");
        Path explicit = dir.resolve("explicit.npz");
        Cli.Result a = Cli.run(args(unseeded, "--progress", "none", "--out", implicit));
        Cli.Result b = Cli.run(args(unseeded, "--progress", "none", "--seed", RunOptions.DEFAULT_SEED, "--out", explicit));
        assertEquals(0, a.exitCode(), a::toString);
        assertEquals(0, b.exitCode(), b::toString);
        assertTrue(a.out().contains("(seed " + RunOptions.DEFAULT_SEED + ")"), a::toString);
        assertEquals(CodebookFiles.load(explicit), CodebookFiles.load(implicit), "the default seed is that seed");
        assertTrue(Cli.run("train", "--help").out().contains("random seed (default: " + RunOptions.DEFAULT_SEED),
                "the help prints the default");
    }

    @Test
    void theHelpGivesEveryOptionalOptionsDefault() {
        // Required ones (unless --resume) and the choice between --data and --dataset have none to give.
        List<String> noDefault = List.of("--heads", "--codes", "--steps", "--batch", "--out", "--data", "--dataset");
        var options = VqLensCommand.commandLine().getSubcommands().get("train").getCommandSpec().options();
        List<String> without = new ArrayList<>();
        for (var option : options) {
            String name = option.longestName();
            boolean helpOption = option.usageHelp() || option.versionHelp();
            if (!helpOption && !noDefault.contains(name) && !String.join(" ", option.description()).contains("default")) {
                without.add(name);
            }
        }
        assertEquals(List.of(), without, "options whose help does not say their default");
    }

    @Test
    void vqvaeModeTrainsOnShapesWithQuietStdout() {
        Path out = dir.resolve("vae.npz");
        Path metricsFile = dir.resolve("vae.jsonl");
        Cli.Result r = Cli.run("train", "--mode", "vqvae", "--dataset", "shapes", "--rows", 128, "--dim", 8,
                "--hidden", "32", "--heads", 2, "--codes", 8, "--method", "adam", "--batch", 32, "--steps", 2,
                "--seed", 4, "--progress", "lines", "--out", out, "--metrics", metricsFile);
        assertEquals(0, r.exitCode(), r::toString);
        assertFalse(r.out().contains("Added differentiated"), "SameDiff chatter must stay off stdout");
        assertTrue(CodebookFiles.load(out).inited());
        Path network = dir.resolve("vae.ckpt.npz");
        assertTrue(r.out().contains("the network (encoder 32, decoder mirrored) and the codebooks: " + network), r::toString);
        assertEquals(List.of(32), Checkpoint.load(network).settings().network().hidden(), "the network went there");
        Cli.Result bad = Cli.run("train", "--mode", "vqvae", "--dataset", "mixture", "--dim", 8, "--heads", 2,
                "--codes", 8, "--method", "adam", "--batch", 32, "--steps", 1, "--seed", 4, "--out", out);
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("--dataset shapes"), bad::toString);
    }

    @Test
    void vqvaeModeTrainsOnTheDigitsAndHoldsOutTheirFixedImages() throws IOException {
        Path out = dir.resolve("digits.npz");
        Path refused = dir.resolve("refused.npz");
        Path metrics = dir.resolve("digits.jsonl");
        Cli.Result r = Cli.run("train", "--mode", "vqvae", "--dataset", "digits", "--dim", 8, "--hidden", "32",
                "--heads", 2, "--codes", 8, "--method", "adam", "--batch", 32, "--steps", 3, "--seed", 4,
                "--holdout", 297, "--out", out, "--metrics", metrics);
        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = Files.readAllLines(metrics);
        JsonNode summary = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals(297, summary.get("holdout_rows").asInt(), summary::toString);
        double heldOut = summary.get("holdout_mse").asDouble();
        // pixels are in [0, 1]: a reconstruction error per value outside [0, 1] means the wrong rows or widths
        assertTrue(heldOut > 0 && heldOut < 1, summary::toString);
        Checkpoint saved = Checkpoint.load(dir.resolve("digits.ckpt.npz"));
        assertEquals(64, saved.settings().network().inputDim(), "8 x 8 images");
        assertEquals("digits: 1500 x 64, seed 4", saved.dataDescription(), "all 1,500 training images by default");
        Cli.Result tooMany = Cli.run("train", "--mode", "vqvae", "--dataset", "digits", "--rows", 5000, "--dim", 8,
                "--hidden", "32", "--heads", 2, "--codes", 8, "--method", "adam", "--batch", 32, "--steps", 1, "--out", refused);
        assertEquals(2, tooMany.exitCode(), tooMany::toString);
        assertEquals("vqlens: --rows: the digits have 1500 training images: rows must be 1 to 1500, got 5000", tooMany.err().strip().lines().findFirst().orElse(""));
        Cli.Result heldTooMany = Cli.run("train", "--dataset", "digits", "--heads", 2, "--codes", 8, "--batch", 32, "--steps", 1,
                "--holdout", 1000, "--out", refused);
        assertEquals(2, heldTooMany.exitCode(), heldTooMany::toString);
        assertEquals("vqlens: --holdout: the digits hold out 297 images: the held-out rows must be 1 to 297, got 1000",
                heldTooMany.err().strip().lines().findFirst().orElse(""));
        assertFalse(Files.exists(refused), "refused before training: nothing written");
    }

    @Test
    void badInputIsExitOneNamingTheFile() throws IOException {
        Path junk = dir.resolve("junk.npy");
        Files.writeString(junk, "not an array");
        Cli.Result r = Cli.run("train", "--data", junk, "--heads", 1, "--codes", 2, "--steps", 1, "--batch", 4,
                "--seed", 1, "--out", dir.resolve("x.npz"));
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("vqlens: " + junk), r::toString);
        assertEquals(1, r.errLines().size());

        Path narrow = dir.resolve("narrow.npy");
        TestNpy.writeFloats(narrow, new long[] {2, 4}, new float[8]);
        Cli.Result wide = Cli.run("train", "--data", narrow, "--dim", 8, "--heads", 1, "--codes", 2, "--steps", 1,
                "--batch", 2, "--seed", 1, "--out", dir.resolve("x.npz"));
        assertEquals(1, wide.exitCode(), wide::toString);
        assertTrue(wide.err().contains("rows have 4 values, but --dim is 8"), wide::toString);
        Cli.Result heads = Cli.run("train", "--dataset", "normal", "--dim", 6, "--heads", 4, "--codes", 2, "--steps", 1,
                "--batch", 4, "--seed", 1, "--out", dir.resolve("x.npz"));
        assertEquals(1, heads.exitCode(), heads::toString);
        assertTrue(heads.err().contains("heads (4) must divide the embedding dimension (6)"), heads::toString);
    }

    @Test
    void startsFromACodebookFileInAnyFormat() throws IOException {
        // 64 rows: four copies of 16 distinct points. Started from exactly those 16 points, the first step
        // already quantizes every row exactly (MSE 0); a lazy init would draw repeated rows and miss some.
        float[] codes = new float[16 * 2];
        for (int k = 0; k < 16; k++) {
            codes[2 * k] = k % 4;
            codes[2 * k + 1] = k / 4 * 0.5f;
        }
        float[] rows = new float[64 * 2];
        for (int r = 0; r < 64; r++) {
            System.arraycopy(codes, 2 * (r % 16), rows, 2 * r, 2);
        }
        Path data = dir.resolve("rows.npy");
        TestNpy.writeFloats(data, new long[] {64, 2}, rows);
        Path start = dir.resolve("start.csv");
        CodebookFiles.save(start, Codebooks.of(new QuantizerConfig(1, 2, 16), codes, true));
        Path metrics = dir.resolve("m.jsonl");

        Cli.Result r = Cli.run("train", "--data", data, "--codebook", start, "--heads", 1, "--codes", 16, "--method", "ema",
                "--dead-threshold", 0, "--batch", 64, "--steps", 1, "--seed", 5, "--out", dir.resolve("cb.npz"),
                "--metrics", metrics);

        assertEquals(0, r.exitCode(), r::toString);
        JsonNode first = new ObjectMapper().readTree(Files.readAllLines(metrics).get(0));
        assertEquals("step", first.get("type").asText(), first.toString());
        assertEquals(0.0, first.get("mse").asDouble(), 0.0);
        assertEquals(2, Cli.run("train", "--data", data, "--codebook", start, "--resume", metrics, "--out",
                dir.resolve("x.npz")).exitCode(), "--codebook does not go with --resume");
    }

    @Test
    void keyPicksTheStartCodebookAndGoesOnlyWithCodebook() throws IOException {
        Path model = InspectTest.twoCodebooks(dir.resolve("model.safetensors"));
        Object[] run = {"--dataset", "mixture", "--rows", 200, "--dim", 8, "--heads", 2, "--codes", 5, "--batch", 50,
                "--seed", 3, "--steps", 1, "--progress", "none"};
        Path out = dir.resolve("k.npz");
        Cli.Result r = Cli.run(args(run, "--codebook", model, "--key", "quantizer.codebooks", "--out", out));
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(Files.exists(out), r::toString);
        Cli.Result alone = Cli.run(args(run, "--key", "quantizer.codebooks", "--out", dir.resolve("x.npz")));
        assertEquals(2, alone.exitCode(), alone::toString);
        assertTrue(alone.err().contains("--key goes with --codebook"), alone::toString);
    }
}
