package vqlens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vqlens.app.cli.internal.Json;
import vqlens.app.cli.internal.TrainData;
import vqlens.app.cli.internal.TrainEvaluation;
import vqlens.app.cli.internal.TrainInterrupt;
import vqlens.app.cli.internal.TrainReport;
import vqlens.app.cli.internal.TrainSetup;
import vqlens.core.Codebooks;
import vqlens.core.SettingProblem;
import vqlens.core.VqException;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.CodebookFiles;
import vqlens.train.Checkpoint;
import vqlens.train.Init;
import vqlens.train.UpdateRule;
import vqlens.train.Subscription;
import vqlens.train.Trainer;
import vqlens.train.TrainerState;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingRules;
import vqlens.train.TrainingSettings;
import vqlens.train.TrainingSnapshot;
import vqlens.train.VqVaeReconstruction;
import vqlens.train.data.BuiltInDataset;
import vqlens.train.data.DataSource;

/** {@code vqlens train}: learns codebooks from a file or a generated set and saves them in the native format. */
@Command(name = "train",
        description = {"Trains the codebooks of a product quantizer; saves them as a native .npz.",
                "Data: --data (.npy [N, E] float32/float64, streamed; or CSV) or --dataset.",
                "Methods: ema (Sonnet's VectorQuantizerEMA), adam and sgd (ND4J updaters on",
                "the codebook loss), kmeans (full-batch Lloyd: one step is one pass).",
                "Metrics (--metrics, JSON lines): see src/site/markdown/command-line.md, \"Metrics\".",
                "Ctrl-C stops after the current step, saves --out (and the checkpoint with",
                "--checkpoint-every or --checkpoint) and exits with status 130."},
        footerHeading = "%nDatasets (--dataset NAME):%n")
final class TrainCommand implements Callable<Integer> {
    CommandSpec spec;

    /** picocli hands over the model before parsing; the dataset list in the help is built from the catalogue. */
    @Spec
    void setSpec(CommandSpec commandSpec) {
        this.spec = commandSpec;
        commandSpec.usageMessage().footer(datasetFooter());
    }

    // The option groups, in the order the help lists them.
    @Mixin
    TrainDataOptions data;

    @Mixin
    QuantizerShapeOptions shape;

    @Mixin
    UpdateRuleOptions rule;

    @Mixin
    VqVaeOptions network;

    @Mixin
    RunOptions run;

    @Option(names = "--out", required = true, paramLabel = "FILE.npz", description = "where the trained codebook goes (native .npz)")
    Path out;

    @Mixin
    CheckpointOptions checkpoints;

    @Mixin
    ReportingOptions reporting;

    static String datasetFooter() {
        StringBuilder s = new StringBuilder();
        for (BuiltInDataset d : BuiltInDataset.values()) {
            String line = d.helpLine();
            int options = line.indexOf("; options ");
            s.append("  ").append(line, 0, options).append("%n")
                    .append("               options: ").append(line.substring(options + "; options ".length())).append("%n");
        }
        return s.append("%nExample, the quality/speed benchmark (65,536 N(0, 1) rows, 4 x 256 codes):%n")
                .append("  vqlens train --dataset normal --rows 65536 --dim 384 --heads 4 --codes 256%n")
                .append("    --method kmeans --init kmeans++ --batch 65536 --steps 5 --seed 1%n")
                .append("    --dead-threshold 0 --holdout 65536 --out pq.npz")
                .toString();
    }

    @Override
    public Integer call() {
        TrainSetup options = setup();
        PrintWriter stdout = spec.commandLine().getOut();
        Checkpoint from = checkpoints.resume == null ? null : Checkpoint.load(checkpoints.resume);
        // a generated set named without a seed is made from the seed the run has: with --resume, the checkpoint's
        TrainSetup setup = from != null && run.seed == null && data.seed == null
                ? options.withData(options.data().withSeed(from.settings().seed())) : options;
        Codebooks start = null;
        if (checkpoints.startFrom != null) {
            CodebookFileInfo startInfo = CodebookFiles.describe(checkpoints.startFrom, checkpoints.key.value());
            startInfo.keyWarning().ifPresent(w -> spec.commandLine().getErr().println("vqlens: warning: " + w));
            start = startInfo.codebooks();
        }
        DataSource source = setup.data().open();
        Trainer trainer;
        try {
            if (start != null) { // a fresh run whose codebooks come from a file: a checkpoint at step 0
                TrainingSettings settings = setup.settings(source, null);
                from = Checkpoint.startingFrom(start, settings, source.rows(), source.dim(), source.describe());
            }
            trainer = from == null ? new Trainer(setup.settings(source, null), source, Runnable::run)
                    : Trainer.fromCheckpoint(from, setup.settings(source, start != null ? null : from).maxSteps(), source, Runnable::run);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        try {
            if (from != null && start == null) {
                trainer.setHyperparameters(setup.settings(source, from).hyper());
            }
            return train(trainer, setup, from, stdout);
        } finally {
            trainer.close();
        }
    }

    /**
     * Option checks that need no file: each failure is a usage error (exit 2). The conflicts, missing options and
     * out-of-range numbers are gathered first and reported together, so one attempt shows everything to fix.
     */
    private TrainSetup setup() {
        boolean vqvae = network.vqvae();
        boolean resuming = checkpoints.resume != null;
        List<String> problems = optionProblems(vqvae, resuming);
        if (!problems.isEmpty()) {
            throw usage(String.join("; ", problems));
        }
        BuiltInDataset set = data.dataset == null ? null : generatedSet(vqvae);
        int rows = data.rows != null ? data.rows : set != null ? set.defaultRows() : BuiltInDataset.DEFAULT_ROWS;
        if (set != null && !set.rowsProblems(rows).isEmpty()) {
            throw usage("--rows: " + set.rowsProblems(rows).get(0).sentence());
        }
        if (set != null && reporting.holdout > 0 && !set.heldOutProblems(reporting.holdout).isEmpty()) {
            throw usage("--holdout: " + set.heldOutProblems(reporting.holdout).get(0).sentence());
        }
        Integer dim = shape.dim;
        int dataDim = set == null ? 0 : set.fixedDim() != 0 ? set.fixedDim() : dim != null ? dim : 8;
        long effectiveSeed = run.seed != null ? run.seed : RunOptions.DEFAULT_SEED;
        Long runSeed = resuming ? run.seed : Long.valueOf(effectiveSeed); // null: the checkpoint's
        TrainData trainData = new TrainData(data.file, set, rows, dataDim, data.clusters, data.spread,
                data.seed != null ? data.seed : effectiveSeed);
        UpdateRule m = rule.method == null ? null : parse(() -> UpdateRule.parse(rule.method));
        Init i = rule.init == null ? null : parse(() -> Init.parse(rule.init));
        long total = run.steps != null ? run.steps : 0;
        int snapshotEvery = (int) Math.max(1, Math.min(Integer.MAX_VALUE, total / 200));
        return new TrainSetup(trainData, shape.heads, shape.codes, dim, m, i, rule.lr, rule.decay, rule.beta, rule.deadThreshold,
                run.steps, run.batch, runSeed, snapshotEvery, checkpoints.fileFor(out), reporting.progressStyle(),
                vqvae && !resuming ? network.hiddenSizes() : null);
    }

    /** Every conflicting, missing or out-of-range option, in the order the help lists them; empty when all is well. */
    private List<String> optionProblems(boolean vqvae, boolean resuming) {
        List<String> problems = new ArrayList<>();
        if ((data.file == null) == (data.dataset == null)) {
            problems.add("give exactly one of --data FILE or --dataset NAME");
        }
        if (checkpoints.startFrom != null && (resuming || vqvae)) {
            problems.add("--codebook starts a quantizer-mode run from a codebook; it does not go with --resume or --mode vqvae");
        }
        if (checkpoints.key.value() != null && checkpoints.startFrom == null) {
            problems.add("--key goes with --codebook");
        }
        if (!network.known()) {
            problems.add("--mode must be quantizer or vqvae, got '" + network.mode + "'");
        }
        if (network.hidden != null && !vqvae) {
            problems.add("--hidden applies to --mode vqvae only");
        }
        if (vqvae && !resuming) {
            UpdateRule chosen = null;
            try {
                chosen = rule.method == null ? null : UpdateRule.parse(rule.method);
            } catch (VqException e) {
                problems.add(e.getMessage());
            }
            if (chosen == null || !chosen.usesLearningRate()) {
                problems.add("--mode vqvae trains the encoder, decoder and codebooks by gradients: give --method adam or sgd");
            }
            if (shape.dim == null) {
                problems.add("--mode vqvae needs --dim E, the width of the encoder output the quantizer sees");
            }
        }
        if (!resuming) {
            List<String> missing = new ArrayList<>();
            for (Object[] required : new Object[][] {{"--heads", shape.heads}, {"--codes", shape.codes}, {"--steps", run.steps},
                    {"--batch", run.batch}}) {
                if (required[1] == null) {
                    missing.add((String) required[0]);
                }
            }
            if (!missing.isEmpty()) { // all of them at once, not one per attempt
                problems.add("missing " + String.join(", ", missing) + " (required unless --resume)");
            }
        }
        if (data.rows != null && data.rows < 1) {
            problems.add("--rows must be at least 1");
        }
        if (reporting.holdout < 0) {
            problems.add("--holdout must be at least 0");
        } else if (reporting.holdout > 0 && data.file != null) {
            problems.add("--holdout needs a generated --dataset");
        }
        if (run.steps != null && run.steps < 1) {
            problems.add("--steps must be at least 1, got " + run.steps);
        }
        if (checkpoints.every < 0 || reporting.logEvery != null && reporting.logEvery < 1) {
            problems.add("--checkpoint-every must be >= 0 and --log-every >= 1");
        }
        if (!(reporting.speed >= 0) || Double.isInfinite(reporting.speed)) {
            problems.add("--speed must be a number of steps per second >= 0, got " + reporting.speed);
        }
        return problems;
    }

    /** The {@code --dataset} named, checked against the dimension and the mode asked for. */
    private BuiltInDataset generatedSet(boolean vqvae) {
        BuiltInDataset set = parse(() -> BuiltInDataset.parse(data.dataset));
        Integer dim = shape.dim;
        if (set.planar() && dim != null && dim != 2) {
            throw usage("--dataset " + set.label() + " is 2-D; --dim must be 2 or left out");
        }
        List<SettingProblem> vqvaeData = vqvae ? TrainingRules.vqvaeData(set) : List.of();
        if (!vqvaeData.isEmpty()) {
            throw usage(vqvaeData.get(0).sentence() + " (--dataset shapes, --dataset digits or --data FILE)");
        }
        if (!vqvae && set.fixedDim() > 2 && dim != null && dim != set.fixedDim()) {
            throw usage("--dataset " + set.label() + " has " + set.fixedDim() + " values per row; --dim must be "
                    + set.fixedDim() + " or left out (or use --mode vqvae, where --dim is the latent width)");
        }
        return set;
    }

    private <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (VqException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private int train(Trainer trainer, TrainSetup setup, Checkpoint from, PrintWriter stdout) {
        long total = trainer.settings().maxSteps();
        long first = from == null ? 0 : from.state().step();
        Path checkpointFile = setup.checkpointFile();
        if (checkpoints.every > 0) {
            trainer.checkpointEvery(checkpoints.every, c -> c.save(checkpointFile));
        }
        trainer.setSpeedLimit(reporting.speed);
        ExecutorService reporter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vqlens-train-report");
            t.setDaemon(true);
            return t;
        });
        long wallStart = System.nanoTime();
        TrainingSnapshot end;
        // Ctrl-C: the hook stops the loop after its step; this thread then saves, and the hook lets the JVM
        // exit (130) once the interrupt is closed, i.e. after everything below has been written and flushed.
        try (TrainInterrupt interrupt = new TrainInterrupt(trainer::stop, INTERRUPT_GRACE);
             TrainReport report = new TrainReport(stdout, setup.progressStyle(), first, total,
                reporting.logEvery(total - first), reporting.metrics)) {
            Subscription subscription = trainer.addListener(report::accept, reporter);
            trainer.start(); // the loop runs here, on this thread (a synchronous executor), until it ends
            boolean interrupted = interrupt.fired();
            awaitDelivered(subscription);
            subscription.close();
            end = trainer.snapshot();
            // a VQ-VAE's network lives only in a checkpoint: always write one, and say where
            boolean saveCheckpoint = checkpoints.every > 0 || interrupted && checkpoints.file != null || trainer.settings().vqvae();
            Checkpoint last = end.state() != TrainerState.FAILED ? trainer.checkpoint().join() : null;
            if (saveCheckpoint && last != null) {
                last.save(checkpointFile);
            }
            double wall = (System.nanoTime() - wallStart) / 1e9;
            Codebooks codebooks = end.codebooks();
            if (codebooks != null) { // with each code's usage and the training's meta, unless the run failed
                CodebookFiles.save(out, last != null ? last.document() : CodebookDocument.of(codebooks));
            }
            int holdout = reporting.holdout;
            Double heldOut = interrupted || holdout == 0 || codebooks == null ? null
                    : trainer.settings().vqvae() ? last == null ? null : VqVaeReconstruction.mse(last, setup.data().holdout(holdout).values())
                    : TrainEvaluation.mse(codebooks, setup.data().holdout(holdout));
            report.finish(summary(end, wall, heldOut, trainer.settings().vqvae() && last != null ? checkpointFile : null));
            if (interrupted) {
                stdout.println(interruptedLine(end, codebooks != null, saveCheckpoint && end.state() != TrainerState.FAILED,
                        checkpointFile));
                stdout.flush();
                return TrainInterrupt.EXIT_CODE;
            }
            printSummary(stdout, end, wall, heldOut, codebooks != null);
            if (trainer.settings().vqvae() && last != null) {
                stdout.println("the network (encoder " + trainer.settings().network().hiddenLabel() + ", decoder mirrored) and the"
                        + " codebooks: " + checkpointFile + " (--resume it, or open it in the window to continue)");
                stdout.flush();
            }
        } finally {
            reporter.shutdownNow();
        }
        return outcome(end);
    }

    /** How long Ctrl-C waits for the step in progress and the saves before the JVM exits anyway. */
    private static final Duration INTERRUPT_GRACE = Duration.ofMinutes(2);

    private String interruptedLine(TrainingSnapshot end, boolean savedCodebook, boolean savedCheckpoint, Path checkpointFile) {
        String saved = savedCodebook ? "saved " + out + (savedCheckpoint ? " and checkpoint " + checkpointFile : "")
                : "nothing to save yet (no codebooks before the first step)";
        return "interrupted at step " + end.step() + ": " + saved;
    }

    private static void awaitDelivered(Subscription subscription) {
        try {
            subscription.awaitDelivered(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode summary(TrainingSnapshot end, double wall, Double heldOut, Path network) {
        ObjectNode o = Json.object();
        o.put("type", "summary");
        o.put("state", end.state().name().toLowerCase(Locale.ROOT));
        o.put("step", end.step());
        o.put("epoch", end.epoch());
        o.put("train_seconds", end.elapsedSeconds());
        o.put("wall_seconds", wall);
        if (end.latest() != null) {
            o.put("mse", end.latest().mse());
        }
        if (heldOut != null) {
            o.put("holdout_mse", heldOut);
            o.put("holdout_rows", reporting.holdout);
        }
        o.put("codebook", out.toString());
        if (network != null) {
            o.put("network", network.toString());
        }
        return o;
    }

    private void printSummary(PrintWriter stdout, TrainingSnapshot end, double wall, Double heldOut, boolean saved) {
        if (saved) {
            stdout.println(String.format(Locale.ROOT, "saved %s (%s) after %d steps (seed %d), %.2f s training (%.2f s wall)%s",
                    out, end.settings().quantizer(), end.step(), end.settings().seed(), end.elapsedSeconds(), wall,
                    end.latest() == null ? "" : String.format(Locale.ROOT, ", last mse %.6f", end.latest().mse())));
        }
        if (heldOut != null) {
            stdout.println(String.format(Locale.ROOT, "held-out MSE per element: %.6f (%d held-out rows)", heldOut, reporting.holdout));
        }
        stdout.flush();
    }

    /** 0 when training ran to its end; a non-finite value or a failure is bad input (1) with its message. */
    private int outcome(TrainingSnapshot end) {
        if (end.state() == TrainerState.FINISHED) {
            return 0;
        }
        TrainingEvent why = null;
        for (TrainingEvent e : end.events()) {
            why = e.kind() == TrainingEvent.Kind.NON_FINITE || e.kind() == TrainingEvent.Kind.ERROR ? e : why;
        }
        String reason = why != null ? why.message() : "training ended in state " + end.state().name().toLowerCase(Locale.ROOT);
        if (end.codebooks() != null) {
            reason += "; the codebook of step " + end.step() + " was saved";
        }
        throw new VqException(reason);
    }
}
