package vqlens.train.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.train.Hyperparameters;
import vqlens.train.Stepper;
import vqlens.train.StepperState;
import vqlens.train.StepperState.Move;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSettings;
import vqlens.train.UpdateRule;

/**
 * {@link Stepper}'s moves with the trainer's pieces: {@link BatchStats}, the update rules, {@link UsageEma},
 * {@link DeadCodes} and {@link Initialisation}; nearest codes from core's {@link NearestCodes} (the encoder's
 * formula and tie rule in plain Java). Each move first saves what it will change; {@link #stepBack()} puts it back.
 */
public final class SteppedTraining implements Stepper {
    private final TrainingSettings settings;
    private final QuantizerConfig config;
    private final float[] rows;
    private final int rowCount;
    private final UsageEma usage;
    private final CodebookRule rule;
    private final BatchStats stats;
    private final DeadCodes deadCodes;
    private final double[] nearestUpper;
    private final float[] batch;
    private final long[] indices;
    private final Deque<Saved> history = new ArrayDeque<>();
    private Hyperparameters hyper;
    private SplitMix64 random;
    private float[] codebook;
    private int[] assignment;
    private int cursor;
    private long move;
    private Move kind = Move.START;
    private int batchStart;
    private int batchRows;
    private List<TrainingEvent> events;
    private long historyBytes;

    private SteppedTraining(TrainingSettings settings, float[] rows, int rowCount) {
        if (settings.vqvae()) {
            throw new VqException("the stepper trains a quantizer; a VQ-VAE network trains with the Trainer");
        }
        this.settings = settings;
        this.config = settings.quantizer();
        if (rowCount < 1 || (long) rowCount * config.embeddingDim() != rows.length) {
            throw new VqException("the stepper needs at least one row of " + config.embeddingDim() + " values, got "
                    + rows.length + " values for " + rowCount + " rows");
        }
        this.rows = rows.clone();
        this.rowCount = rowCount;
        this.hyper = settings.hyper();
        this.usage = new UsageEma(config.heads() * config.codes());
        this.rule = switch (settings.method()) {
            case EMA -> new EmaRule(config);
            case ADAM, SGD -> new GradientRule(config, settings.method(), hyper.learningRate());
            case KMEANS -> new KMeansRule(config.headDim());
        };
        int maxRows = Math.max(rowCount, settings.batch());
        this.stats = new BatchStats(config, maxRows, 1);
        this.deadCodes = new DeadCodes(config);
        this.nearestUpper = new double[config.heads()];
        Arrays.fill(nearestUpper, Double.NaN);
        this.batch = new float[settings.batch() * config.embeddingDim()];
        this.indices = new long[maxRows * config.heads()];
        this.random = new SplitMix64(settings.seed());
    }

    /** See {@link Stepper#start}; {@code start == null} initialises as {@code settings.init()} says. */
    public static SteppedTraining start(TrainingSettings settings, float[] rows, int rowCount, Codebooks start) {
        SteppedTraining s = new SteppedTraining(settings, rows, rowCount);
        List<TrainingEvent> events = new ArrayList<>();
        Codebooks books = start;
        if (books == null) {
            int n = Math.min(rowCount, settings.batch());
            books = Initialisation.of(settings.init(), s.config, settings.seed(), s.rows, n, s.random);
            events.add(TrainingEvent.of(0, TrainingEvent.Kind.INIT, -1, "codebooks initialised ("
                    + settings.init().label() + ") from " + n + " rows"));
        } else if (!books.config().equals(s.config)) {
            throw new VqException("the start codebooks are " + books.config() + " but the settings are for " + s.config);
        }
        s.codebook = books.toArray();
        s.assignment = s.nearest(s.rows, rowCount);
        s.events = events;
        return s;
    }

    @Override
    public StepperState state() {
        return new StepperState(move, kind, Codebooks.of(config, codebook, true), assignment, batchStart, batchRows,
                rowCount, events, mse(), usage.averages(0, config.heads() * config.codes()));
    }

    @Override
    public StepperState assign() {
        save();
        assignment = nearest(rows, rowCount);
        finish(Move.ASSIGN, 0, 0, List.of());
        return state();
    }

    @Override
    public StepperState update() {
        if (settings.method() != UpdateRule.KMEANS) {
            throw new VqException("update is k-means' second move; " + settings.method().label() + " steps one batch");
        }
        save();
        long next = move + 1;
        for (int r = 0; r < rowCount * config.heads(); r++) {
            indices[r] = assignment[r];
        }
        stats.clear();
        stats.accumulate(rows, rowCount, indices, codebook, nearestUpper);
        List<TrainingEvent> restarts = learn(rows, rowCount, next);
        finish(Move.UPDATE, 0, 0, restarts);
        return state();
    }

    @Override
    public StepperState edit(Codebooks books) {
        if (settings.method() != UpdateRule.KMEANS) {
            throw new VqException("codes can be moved between moves of k-means only: " + settings.method().label()
                    + "'s running state would pull them back");
        }
        if (!books.config().equals(config)) {
            throw new VqException("the edited codebooks are " + books.config() + ", the run's are " + config);
        }
        save();
        codebook = books.toArray();
        finish(Move.EDIT, 0, 0, List.of());
        return state();
    }

    @Override
    public StepperState step() {
        if (settings.method() == UpdateRule.KMEANS) {
            return kind == Move.ASSIGN ? update() : assign(); // after an edit, assign first: the cells moved
        }
        save();
        long next = move + 1;
        int n = settings.batch();
        int width = config.embeddingDim();
        int start = cursor;
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows, ((start + i) % rowCount) * width, batch, i * width, width);
        }
        int[] nearest = nearest(batch, n);
        for (int i = 0; i < n * config.heads(); i++) {
            indices[i] = nearest[i];
        }
        stats.clear();
        stats.accumulate(batch, n, indices, codebook, nearestUpper);
        List<TrainingEvent> restarts = learn(batch, n, next);
        cursor = (int) ((start + (long) n) % rowCount);
        assignment = nearest(rows, rowCount);
        finish(Move.STEP, start, n, restarts);
        return state();
    }

    /** The usage EMA, the rule's update and the restarts from {@code from}, as the trainer's step does them. */
    private List<TrainingEvent> learn(float[] from, int n, long next) {
        usage.update(stats.counts, hyper.decay());
        rule.update(codebook, stats, usage, hyper, next, 0);
        for (float v : codebook) {
            if (!Float.isFinite(v)) {
                stepBack();
                throw new VqException("move " + next + " made a code " + v + " (learning rate " + hyper.learningRate()
                        + "); it was undone");
            }
        }
        return deadCodes.restart(codebook, from, n, n, usage, rule, hyper.deadThreshold(), random, next).events();
    }

    private void finish(Move what, int firstRow, int rowsRead, List<TrainingEvent> moveEvents) {
        move++;
        kind = what;
        batchStart = firstRow;
        batchRows = rowsRead;
        events = moveEvents;
    }

    @Override
    public boolean canStepBack() {
        return !history.isEmpty();
    }

    @Override
    public StepperState stepBack() {
        Saved s = history.pollLast();
        if (s == null) {
            throw new VqException("nothing to step back to: this is the start");
        }
        historyBytes -= s.bytes();
        codebook = s.codebook;
        usage.restore(s.usageHidden, s.decayProduct);
        rule.restore(s.emaSums, s.ruleState);
        random = new SplitMix64(s.rngState);
        deadCodes.restoreLastRestarts(s.lastRestarts);
        assignment = s.assignment.decode();
        cursor = s.cursor;
        move = s.move;
        kind = s.kind;
        batchStart = s.batchStart;
        batchRows = s.batchRows;
        events = s.events;
        System.arraycopy(s.nearestUpper, 0, nearestUpper, 0, nearestUpper.length);
        return state();
    }

    @Override
    public void setHyper(Hyperparameters value) {
        hyper = java.util.Objects.requireNonNull(value, "hyper");
    }

    @Override
    public Hyperparameters hyper() {
        return hyper;
    }

    @Override
    public long historyBytes() {
        return historyBytes;
    }

    @Override
    public int historySize() {
        return history.size();
    }

    private void save() {
        Saved s = new Saved(codebook.clone(), usage.hidden(), usage.decayProduct(), rule.emaSums(),
                rule.updateRuleState(), random.state(), deadCodes.lastRestarts(), CompactCodes.of(assignment,
                config.codes()), cursor, move, kind, batchStart, batchRows, events, nearestUpper.clone());
        history.addLast(s);
        historyBytes += s.bytes();
        if (history.size() > MAX_HISTORY) {
            historyBytes -= history.pollFirst().bytes();
        }
    }

    /** Every row's nearest code per head, {@code [n, heads]}: the encoder's answer. */
    private int[] nearest(float[] from, int n) {
        Codebooks books = Codebooks.of(config, codebook, true);
        float[] view = from.length == n * config.embeddingDim() ? from : Arrays.copyOf(from, n * config.embeddingDim());
        int heads = config.heads();
        int[] out = new int[n * heads];
        for (int h = 0; h < heads; h++) {
            int[] head = NearestCodes.ofHead(books, h, view, n);
            for (int r = 0; r < n; r++) {
                out[r * heads + h] = head[r];
            }
        }
        return out;
    }

    private double mse() {
        int heads = config.heads();
        int codes = config.codes();
        int dim = config.headDim();
        int width = config.embeddingDim();
        double sum = 0;
        for (int r = 0; r < rowCount; r++) {
            for (int h = 0; h < heads; h++) {
                int c = (h * codes + assignment[r * heads + h]) * dim;
                for (int d = 0; d < dim; d++) {
                    double diff = rows[r * width + h * dim + d] - codebook[c + d];
                    sum += diff * diff;
                }
            }
        }
        return sum / ((double) rowCount * width);
    }

    private record Saved(float[] codebook, double[] usageHidden, double decayProduct, double[] emaSums,
                         float[] ruleState, long rngState, long[] lastRestarts, CompactCodes assignment, int cursor,
                         long move, Move kind, int batchStart, int batchRows, List<TrainingEvent> events,
                         double[] nearestUpper) {
        long bytes() {
            return 4L * codebook.length + 8L * usageHidden.length + 8L * emaSums.length + 4L * ruleState.length
                    + 8L * lastRestarts.length + assignment.bytes() + 8L * nearestUpper.length + 96;
        }
    }

    /** An assignment stored in bytes when codes fit one, else in ints: a history of 10,000 moves stays small. */
    private record CompactCodes(byte[] small, int[] large) {
        static CompactCodes of(int[] codes, int codeCount) {
            if (codeCount <= 256) {
                byte[] b = new byte[codes.length];
                for (int i = 0; i < codes.length; i++) {
                    b[i] = (byte) codes[i];
                }
                return new CompactCodes(b, null);
            }
            return new CompactCodes(null, codes.clone());
        }

        int[] decode() {
            if (large != null) {
                return large.clone();
            }
            int[] out = new int[small.length];
            for (int i = 0; i < small.length; i++) {
                out[i] = small[i] & 0xFF;
            }
            return out;
        }

        long bytes() {
            return small != null ? small.length : 4L * large.length;
        }
    }
}
