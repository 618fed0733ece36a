package vqlens.ui.learn.model;

import java.util.ArrayList;
import java.util.List;
import vqlens.core.Codebooks;
import vqlens.core.DeadCodeRule;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.train.Hyperparameters;
import vqlens.train.Init;
import vqlens.train.Stepper;
import vqlens.train.StepperState;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSettings;
import vqlens.train.UpdateRule;

/**
 * Lesson 2, "learning the codebook": the plane of lesson 1, now the codebook learns through the trainer's own
 * {@link Stepper}: k-means as separate assign and update moves, or EMA / Adam / SGD one batch per step, with
 * dead-code restarts on or off, every move undoable. Changing a setting that shapes the run (data, method,
 * codes, start) starts again from move 0; the decay, learning rate and restarts apply from the next move.
 */
public final class LearningModel extends PlaneLessonModel {
    public static final int START_CODES = 12;
    static final int START_POINTS = 800;
    static final int BATCH = 64;
    static final long START_SEED = 3;
    /** k-means has converged when an assign changes nothing, or after this many moves. */
    public static final int KMEANS_MOVES = 300;
    /** Batch methods "converge" after this many steps (the lesson says so; they never stop moving exactly). */
    public static final int BATCH_STEPS = 400;

    private UpdateRule method;
    private StartCodes start;
    private int codeCount;
    private double decay;
    private double learningRate;
    private boolean restarts;
    private Stepper stepper;
    private StepperState state;
    private PlaneScene scene;
    private final List<Double> mseByMove = new ArrayList<>();
    private final List<Restart> restartLog = new ArrayList<>();

    /** A restart event of the run on show, at its move (undone moves take theirs with them). */
    private record Restart(long move, String text) {
    }
    private boolean steppedBackToStart;
    private boolean sawCornerRestart;

    public LearningModel() {
        task("Step k-means through five assign/update pairs and watch the MSE curve: it never goes up.",
                () -> method == UpdateRule.KMEANS && state.move() >= 10);
        task("Step back all the way to move 0, then forward again: the same moves come back exactly.",
                () -> steppedBackToStart && state.move() > 0);
        task("Start from the corner with restarts on: watch a dead code being re-seeded from the data.",
                () -> sawCornerRestart);
        restart();
        changed();
    }

    @Override
    protected void restart() {
        method = UpdateRule.KMEANS;
        start = StartCodes.RANDOM_ROWS;
        codeCount = START_CODES;
        decay = 0.9;
        learningRate = 0.05;
        restarts = false;
        steppedBackToStart = false;
        sawCornerRestart = false;
        draw(PlaneDataset.BLOBS, START_POINTS, START_SEED);
        begin();
    }

    /** A new stepper from move 0 with the current settings. */
    private void begin() {
        QuantizerConfig q = new QuantizerConfig(1, 2, codeCount);
        int batch = method == UpdateRule.KMEANS ? pointCount() : BATCH;
        TrainingSettings settings = TrainingSettings.of(q, method, batch, seed, 0)
                .withInit(start.init() == null ? Init.LAZY : start.init()).withHyper(hyper(batch));
        stepper = start == StartCodes.CORNER ? Stepper.start(settings, points, pointCount(), corner(q))
                : Stepper.start(settings, points, pointCount());
        mseByMove.clear();
        restartLog.clear();
        show(stepper.state());
    }

    private Hyperparameters hyper(int rowsPerStep) {
        double threshold = restarts ? Math.max(DeadCodeRule.fairShare(rowsPerStep, codeCount) / 4, 0.5) : 0;
        return new Hyperparameters(method.usesLearningRate() ? learningRate : method.defaultLearningRate(), decay,
                Hyperparameters.DEFAULT_BETA, threshold);
    }

    /** Codes side by side just outside the data's lower-left corner. */
    private Codebooks corner(QuantizerConfig q) {
        float[] values = new float[q.codes() * 2];
        float step = (float) (bounds.width() / 200);
        for (int k = 0; k < q.codes(); k++) {
            values[2 * k] = (float) (bounds.minX() + bounds.width() * 0.04) + step * k;
            values[2 * k + 1] = (float) (bounds.minY() + bounds.height() * 0.04);
        }
        return Codebooks.of(q, values, true);
    }

    private void show(StepperState s) {
        state = s;
        while (mseByMove.size() > s.move()) {
            mseByMove.remove(mseByMove.size() - 1);
        }
        mseByMove.add(s.mse());
        restartLog.removeIf(r -> r.move() >= s.move());
        for (TrainingEvent e : s.events()) {
            if (e.kind() == TrainingEvent.Kind.RESTART) {
                restartLog.add(new Restart(s.move(), "move " + s.move() + ": " + e.message()));
                sawCornerRestart |= start == StartCodes.CORNER;
            }
        }
        boolean[] inBatch = null;
        if (s.batchRows() > 0 && s.batchRows() < pointCount()) {
            inBatch = new boolean[pointCount()];
            for (int r = 0; r < pointCount(); r++) {
                inBatch[r] = s.inBatch(r);
            }
        }
        scene = PlaneScene.of(points, s.codebooks().toArray(), s.assignment(), bounds, inBatch);
    }

    /** A new lesson state with this one's data, method, codes, seed, decay and learning rate, at move 0. */
    public LearningModel copySetUp() {
        LearningModel copy = new LearningModel();
        copy.dataset = dataset;
        copy.seed = seed;
        copy.method = method;
        copy.start = start;
        copy.codeCount = codeCount;
        copy.decay = decay;
        copy.learningRate = learningRate;
        copy.restarts = restarts;
        copy.points = points.clone();
        copy.bounds = bounds;
        copy.begin();
        return copy;
    }

    // ------------------------------------------------------------------ what the view shows

    public PlaneScene scene() {
        return scene;
    }

    public StepperState state() {
        return state;
    }

    /** The MSE after each move since move 0, oldest first. */
    public List<Double> mseByMove() {
        return List.copyOf(mseByMove);
    }

    /** The restarts seen in this run, newest last ("move 12: head 0: 3 dead codes … re-seeded …"). */
    public List<String> restartLog() {
        return restartLog.stream().map(Restart::text).toList();
    }

    public UpdateRule method() {
        return method;
    }

    public StartCodes start() {
        return start;
    }

    public int codeCount() {
        return codeCount;
    }

    public double decay() {
        return decay;
    }

    public double learningRate() {
        return learningRate;
    }

    public boolean restarts() {
        return restarts;
    }

    /** Codes no point chose in the state on show. */
    public int deadCodes() {
        int dead = 0;
        for (int u : scene.usage()) {
            dead += u == 0 ? 1 : 0;
        }
        return dead;
    }

    /** The next move's name: "assign" or "update" for k-means, "step" otherwise. */
    public String nextMove() {
        if (method != UpdateRule.KMEANS) {
            return "step";
        }
        return state.kind() == StepperState.Move.ASSIGN ? "update" : "assign";
    }

    public boolean canStepBack() {
        return stepper.canStepBack();
    }

    // ------------------------------------------------------------------ moves

    /** The method's next move. */
    public void step() {
        show(stepper.step());
        changed();
    }

    public void assign() {
        show(stepper.assign());
        changed();
    }

    public void update() {
        show(stepper.update());
        changed();
    }

    /**
     * k-means: moves code {@code code} to {@code (x, y)} as a move of its own (undone by step back). A drag makes
     * many calls; they fold into one move while nothing else happens in between. False for the batch methods.
     */
    public boolean moveCode(int code, double x, double y) {
        if (method != UpdateRule.KMEANS) {
            return false;
        }
        float[] codes = state.codebooks().toArray();
        codes[2 * code] = (float) x;
        codes[2 * code + 1] = (float) y;
        if (state.kind() == StepperState.Move.EDIT && stepper.canStepBack()) {
            stepper.stepBack(); // the same drag: one move, not one per mouse event
        }
        show(stepper.edit(vqlens.core.Codebooks.of(state.codebooks().config(), codes, true)));
        changed();
        return true;
    }

    public void stepBack() {
        if (!stepper.canStepBack()) {
            return;
        }
        show(stepper.stepBack());
        steppedBackToStart |= state.move() == 0;
        changed();
    }

    /** Whether the run has converged: an assign that changed nothing (k-means) or {@link #BATCH_STEPS} steps. */
    public boolean converged() {
        if (method != UpdateRule.KMEANS) {
            return state.move() >= BATCH_STEPS;
        }
        if (state.move() >= KMEANS_MOVES) {
            return true;
        }
        int n = mseByMove.size();
        return state.kind() == StepperState.Move.ASSIGN && n >= 3
                && Double.compare(mseByMove.get(n - 1), mseByMove.get(n - 2)) == 0;
    }

    public void setDataset(PlaneDataset value) {
        redraw(value, pointCount(), seed);
    }

    public void setSeed(long value) {
        redraw(dataset, pointCount(), value);
    }

    /** New points, and a run from move 0 on them. */
    private void redraw(PlaneDataset value, int rows, long newSeed) {
        draw(value, rows, newSeed);
        begin();
        changed();
    }

    /** A new draw of {@code value} points (10 to 5,000) from the same data set and seed, from move 0. */
    public void setPointCount(int value) {
        if (value < 10 || value > NearestCodeModel.MAX_POINTS) {
            throw new VqException("points: 10 to " + NearestCodeModel.MAX_POINTS + ", got " + value);
        }
        redraw(dataset, value, seed);
    }

    public void setMethod(UpdateRule value) {
        method = value;
        begin();
        changed();
    }

    public void setStart(StartCodes value) {
        start = value;
        begin();
        changed();
    }

    public void setCodeCount(int value) {
        if (value < NearestCodeModel.MIN_CODES || value > NearestCodeModel.MAX_CODES) {
            throw new VqException("codes: " + NearestCodeModel.MIN_CODES + " to " + NearestCodeModel.MAX_CODES);
        }
        codeCount = value;
        begin();
        changed();
    }

    /** From the next move on. */
    public void setDecay(double value) {
        decay = value;
        stepper.setHyper(hyper(rowsPerStep()));
        changed();
    }

    /** From the next move on (Adam and SGD). */
    public void setLearningRate(double value) {
        learningRate = value;
        stepper.setHyper(hyper(rowsPerStep()));
        changed();
    }

    /** Dead-code restarts on or off from the next move on. */
    public void setRestarts(boolean value) {
        restarts = value;
        stepper.setHyper(hyper(rowsPerStep()));
        changed();
    }

    private int rowsPerStep() {
        return method == UpdateRule.KMEANS ? pointCount() : BATCH;
    }
}
