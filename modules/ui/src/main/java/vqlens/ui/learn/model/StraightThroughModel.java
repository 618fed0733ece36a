package vqlens.ui.learn.model;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.core.geometry.Box;
import vqlens.train.Hyperparameters;
import vqlens.train.VqLosses;
import vqlens.train.data.SyntheticData;

/**
 * Lesson 6, "the straight-through estimator and the three losses": on a plane, one encoder output {@code z_e}, a
 * few codes, its nearest code {@code e} (core's {@link NearestCodes}) and the target the decoder wants. A step moves
 * {@code z_e} and {@code e} by the gradients the VQ-VAE step uses ({@link VqLosses}, from {@code vqlens.train}):
 * {@code z_e −= lr_enc·(∇rec + ∇commit)}, {@code e −= lr_code·∇codebook}, or, with EMA, {@code e} moves towards
 * {@code z_e} by the decay. The decoder is the identity, so the target lives on the same plane. Every step can be
 * undone; settings apply from the next step.
 */
public final class StraightThroughModel extends LessonModel {
    public static final int CODES = 5;
    static final long START_SEED = 1;
    /** Task (a): with β = 0 and a slow codebook, ‖z_e − e‖ passes this (it starts near 0.3) … */
    public static final double DRIFT_BOUND = 2.5;
    /** … within this many steps. */
    public static final int DRIFT_STEPS = 30;
    /** "Well below": the codebook's learning rate at most this fraction of the encoder's. */
    public static final double SLOW_CODEBOOK = 0.1;
    /** Task (b): steps with no codebook update after which "the codes never moved" counts. */
    public static final int FROZEN_STEPS = 10;
    /** Task (c): how far (plane units) EMA must have moved a code to count as moving. */
    public static final double EMA_MOVE = 0.1;
    public static final double MAX_BETA = 2;
    public static final double MAX_RATE = 0.5;
    public static final double MIN_DECAY = 0.5;
    public static final double MAX_DECAY = 0.999;
    /** Steps kept for step back, at most (a long run forgets its oldest). */
    public static final int MAX_HISTORY = 5_000;
    /** z_e's last positions drawn as its trail. */
    public static final int TRAIL = 200;
    /** Radius of the ring the codes start on. */
    private static final double RING = 2;

    private long seed;
    private double beta;
    private double encoderRate;
    private double codebookRate;
    private boolean codebookLoss;
    private boolean ema;
    private double decay;
    private State state;
    private final Deque<State> history = new ArrayDeque<>();

    /**
     * Everything a step changes, immutable: the positions, the step count, and where the tasks' windows opened
     * (the step a task's settings began to hold, and the distance or codes then; -1 when they do not hold).
     */
    private record State(float[] zE, float[] codes, float[] target, int steps, int driftFrom, double driftStart,
                         int frozenFrom, float[] frozenCodes, float[] frozenZe, int emaFrom, float[] emaCodes) {
    }

    public StraightThroughModel() {
        task("Set β = 0 and the codebook's learning rate to at most a tenth of the encoder's, then step: within "
                + DRIFT_STEPS + " steps ‖z_e − e‖ passes " + DRIFT_BOUND + " (nothing holds z_e near its code; with"
                + " β = 0.25 it stays below).", this::drifted);
        task("Untick the codebook loss (EMA off) and step " + FROZEN_STEPS + " times: z_e moves, the codes never"
                + " move.", this::frozen);
        task("Now tick EMA, codebook loss still off, and step: the code moves towards z_e without any codebook"
                + " loss.", this::emaMoved);
        restart();
        changed();
    }

    @Override
    protected void restart() {
        beta = Hyperparameters.DEFAULT_BETA;
        encoderRate = 0.2;
        codebookRate = 0.2;
        codebookLoss = true;
        ema = false;
        decay = 0.9;
        layOut(START_SEED);
    }

    /**
     * The start from {@code newSeed}: the codes on a ring (turned and their radii jittered by the seed), z_e just
     * beside code 0 and the target a step further out, so the reconstruction pulls z_e away from the codes.
     */
    private void layOut(long newSeed) {
        seed = newSeed;
        float[] u = SyntheticData.uniform(CODES + 1, 1, seed).values(); // U(−1, 1)
        double turn = Math.PI * u[0];
        float[] codes = new float[2 * CODES];
        for (int k = 0; k < CODES; k++) {
            double angle = turn + 2 * Math.PI * k / CODES;
            double radius = RING * (1 + 0.1 * u[k + 1]);
            codes[2 * k] = (float) (radius * Math.cos(angle));
            codes[2 * k + 1] = (float) (radius * Math.sin(angle));
        }
        double ux = Math.cos(turn);
        double uy = Math.sin(turn);
        float[] zE = {(float) (codes[0] - 0.3 * uy), (float) (codes[1] + 0.3 * ux)};
        float[] target = {(float) (codes[0] + ux - 0.4 * uy), (float) (codes[1] + uy + 0.4 * ux)};
        history.clear();
        state = windows(new State(zE, codes, target, 0, -1, 0, -1, null, null, -1, null));
    }

    // ------------------------------------------------------------------ what the view shows

    public float[] zE() {
        return state.zE.clone();
    }

    /** {@code [CODES, 2]}. */
    public float[] codes() {
        return state.codes.clone();
    }

    public float[] target() {
        return state.target.clone();
    }

    /** The index of z_e's nearest code, by core's encoder (its formula and first-index tie rule). */
    public int nearest() {
        return nearest(state.zE, state.codes);
    }

    private static int nearest(float[] zE, float[] codes) {
        Codebooks books = Codebooks.of(new QuantizerConfig(1, 2, codes.length / 2), codes, true);
        return NearestCodes.ofHead(books, 0, zE, 1)[0];
    }

    /** z_e's nearest code e. */
    public float[] code() {
        return codeOf(state, nearest());
    }

    private static float[] codeOf(State s, int k) {
        return Arrays.copyOfRange(s.codes, 2 * k, 2 * k + 2);
    }

    /** ‖z_e − e‖. */
    public double distance() {
        return distance(state.zE, code());
    }

    private static double distance(float[] a, float[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    /** The three losses and gradients at the state on show, from the training module. */
    public VqLosses.Terms terms() {
        return VqLosses.of(state.zE, code(), state.target, beta);
    }

    /**
     * The three forces drawn as arrows: each gradient negated (the way a step moves), in plane units. The
     * reconstruction's and the commitment's act on z_e, the codebook's on e.
     */
    public record Forces(float[] reconstruction, float[] commitment, float[] codebook) {
    }

    public Forces forces() {
        VqLosses.Terms t = terms();
        return new Forces(negated(t.reconstructionGradient()), negated(t.commitmentGradient()),
                negated(t.codebookGradient()));
    }

    private static float[] negated(float[] g) {
        float[] out = new float[g.length];
        for (int d = 0; d < g.length; d++) {
            out[d] = -g[d];
        }
        return out;
    }

    /** Everything on the plane with a margin, square; it grows with a run and never jumps back while stepping. */
    public Box bounds() {
        double[] xs = new double[CODES + 4];
        double[] ys = new double[CODES + 4];
        for (int k = 0; k < CODES; k++) {
            xs[k] = state.codes[2 * k];
            ys[k] = state.codes[2 * k + 1];
        }
        xs[CODES] = state.zE[0];
        ys[CODES] = state.zE[1];
        xs[CODES + 1] = state.target[0];
        ys[CODES + 1] = state.target[1];
        xs[CODES + 2] = -RING * 1.8; // the start's view, so a short run does not zoom in
        ys[CODES + 2] = -RING * 1.8;
        xs[CODES + 3] = RING * 1.8;
        ys[CODES + 3] = RING * 1.8;
        return PlaneLessonModel.boundsOf(interleave(xs, ys));
    }

    private static float[] interleave(double[] xs, double[] ys) {
        float[] out = new float[2 * xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[2 * i] = (float) xs[i];
            out[2 * i + 1] = (float) ys[i];
        }
        return out;
    }

    /** z_e's positions before the last {@link #TRAIL} steps, oldest first, {@code [n, 2]}. */
    public float[] trail() {
        int n = Math.min(TRAIL, history.size());
        float[] out = new float[2 * n];
        java.util.Iterator<State> newestFirst = history.iterator();
        for (int i = n - 1; i >= 0; i--) {
            float[] z = newestFirst.next().zE;
            out[2 * i] = z[0];
            out[2 * i + 1] = z[1];
        }
        return out;
    }

    public int steps() {
        return state.steps;
    }

    public boolean canStepBack() {
        return !history.isEmpty();
    }

    @Override
    public long seed() {
        return seed;
    }

    public double beta() {
        return beta;
    }

    public double encoderRate() {
        return encoderRate;
    }

    public double codebookRate() {
        return codebookRate;
    }

    public boolean codebookLoss() {
        return codebookLoss;
    }

    public boolean ema() {
        return ema;
    }

    public double decay() {
        return decay;
    }

    /** What moves the code in a step: "EMA", "codebook loss" or "nothing". */
    public String codeUpdate() {
        return ema ? "EMA" : codebookLoss ? "codebook loss" : "nothing";
    }

    // ------------------------------------------------------------------ moves

    /** One gradient step on z_e and e (or an EMA move of e), by the training module's gradients. */
    public void step() {
        int k = nearest();
        float[] e = codeOf(state, k);
        VqLosses.Terms t = VqLosses.of(state.zE, e, state.target, beta);
        float[] g = t.encoderGradient();
        float[] zE = {(float) (state.zE[0] - encoderRate * g[0]), (float) (state.zE[1] - encoderRate * g[1])};
        float[] moved = e;
        if (ema) {
            moved = VqLosses.emaMove(e, state.zE, decay); // towards the z_e this step's code was chosen for
        } else if (codebookLoss) {
            float[] c = t.codebookGradient();
            moved = new float[] {(float) (e[0] - codebookRate * c[0]), (float) (e[1] - codebookRate * c[1])};
        }
        float[] codes = state.codes.clone();
        codes[2 * k] = moved[0];
        codes[2 * k + 1] = moved[1];
        history.push(state);
        if (history.size() > MAX_HISTORY) {
            history.removeLast();
        }
        State s = state;
        state = new State(zE, codes, s.target, s.steps + 1, s.driftFrom, s.driftStart, s.frozenFrom, s.frozenCodes,
                s.frozenZe, s.emaFrom, s.emaCodes);
        changed();
    }

    public void stepBack() {
        if (history.isEmpty()) {
            return;
        }
        state = windows(history.pop()); // the settings now on show decide which windows are open
        changed();
    }

    /** New codes, z_e and target from {@code value} (0 to 9,999), from step 0. */
    public void setSeed(long value) {
        if (value < 0 || value > 9_999) {
            throw new VqException("seed: 0 to 9999, got " + value);
        }
        layOut(value);
        changed();
    }

    public void setBeta(double value) {
        beta = checked("β", value, 0, MAX_BETA);
        settingChanged();
    }

    public void setEncoderRate(double value) {
        encoderRate = checked("encoder learning rate", value, 0, MAX_RATE);
        settingChanged();
    }

    public void setCodebookRate(double value) {
        codebookRate = checked("codebook learning rate", value, 0, MAX_RATE);
        settingChanged();
    }

    public void setCodebookLoss(boolean value) {
        codebookLoss = value;
        settingChanged();
    }

    public void setEma(boolean value) {
        ema = value;
        settingChanged();
    }

    public void setDecay(double value) {
        decay = checked("EMA decay", value, MIN_DECAY, MAX_DECAY);
        settingChanged();
    }

    private static double checked(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new VqException(String.format(java.util.Locale.ROOT, "%s: %.3g to %.3g, got %s", what, min, max, value));
        }
        return value;
    }

    private void settingChanged() {
        state = windows(state);
        changed();
    }

    // ------------------------------------------------------------------ the tasks' windows and checks

    private boolean driftSettings() {
        return beta == 0 && codebookRate <= SLOW_CODEBOOK * encoderRate && encoderRate > 0;
    }

    private boolean frozenSettings() {
        return !codebookLoss && !ema;
    }

    private boolean emaSettings() {
        return !codebookLoss && ema;
    }

    /** {@code s} with each task's window closed when its settings no longer hold, opened now when they begin to. */
    private State windows(State s) {
        int driftFrom = s.driftFrom;
        double driftStart = s.driftStart;
        if (!driftSettings()) {
            driftFrom = -1;
        } else if (driftFrom < 0) {
            driftFrom = s.steps;
            driftStart = distance(s.zE, codeOf(s, nearest(s.zE, s.codes)));
        }
        int frozenFrom = frozenSettings() ? (s.frozenFrom < 0 ? s.steps : s.frozenFrom) : -1;
        float[] frozenCodes = frozenFrom < 0 ? null : s.frozenFrom < 0 ? s.codes : s.frozenCodes;
        float[] frozenZe = frozenFrom < 0 ? null : s.frozenFrom < 0 ? s.zE : s.frozenZe;
        int emaFrom = emaSettings() ? (s.emaFrom < 0 ? s.steps : s.emaFrom) : -1;
        float[] emaCodes = emaFrom < 0 ? null : s.emaFrom < 0 ? s.codes : s.emaCodes;
        return new State(s.zE, s.codes, s.target, s.steps, driftFrom, driftStart, frozenFrom, frozenCodes, frozenZe,
                emaFrom, emaCodes);
    }

    private boolean drifted() {
        State s = state;
        return s.driftFrom >= 0 && s.driftStart <= DRIFT_BOUND && s.steps - s.driftFrom <= DRIFT_STEPS
                && distance() > DRIFT_BOUND;
    }

    private boolean frozen() {
        State s = state;
        return s.frozenFrom >= 0 && s.steps - s.frozenFrom >= FROZEN_STEPS && Arrays.equals(s.codes, s.frozenCodes)
                && !Arrays.equals(s.zE, s.frozenZe);
    }

    private boolean emaMoved() {
        State s = state;
        if (s.emaFrom < 0) {
            return false;
        }
        for (int k = 0; k < CODES; k++) {
            if (distance(codeOf(s, k), Arrays.copyOfRange(s.emaCodes, 2 * k, 2 * k + 2)) > EMA_MOVE) {
                return true;
            }
        }
        return false;
    }

    public TryThis driftTask() {
        return tasks().get(0);
    }

    public TryThis frozenTask() {
        return tasks().get(1);
    }

    public TryThis emaTask() {
        return tasks().get(2);
    }
}
