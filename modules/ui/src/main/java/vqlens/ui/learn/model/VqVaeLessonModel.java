package vqlens.ui.learn.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Lesson 7, "a VQ-VAE that learns in front of you": the settings of the next run, the run on show (its latest
 * {@link DigitsVqVaeFrame}), the runs finished before it, and the collapse-versus-fix comparison. The training
 * itself ({@link DigitsVqVaeRun}, {@link CollapseComparison}) runs in the background; its frames come back here on
 * the lesson's thread.
 */
public final class VqVaeLessonModel extends LessonModel {
    static final long START_SEED = 1;
    /** Task 1's bar: the held-out error after the run at most this share of step 1's (the 0.6). */
    public static final double LEARNED_RATIO = 0.6;
    /** Task 2's bar: the collapsed run's perplexity at most this share of the fix's. */
    public static final double COLLAPSE_RATIO = 0.5;

    private DigitsVqVaeSettings settings = DigitsVqVaeSettings.start(START_SEED);
    private DigitsVqVaeFrame frame;
    private final List<DigitsVqVaeFrame> finished = new ArrayList<>();
    private boolean running;
    private CollapseComparison comparison;
    private boolean comparing;
    private double comparisonProgress;

    public VqVaeLessonModel() {
        task("Press Train: the held-out reconstruction error falls to " + LEARNED_RATIO + "× its first step's or less.",
                () -> frame != null && frame.finished() && frame.lastHeldOut() <= LEARNED_RATIO * frame.firstHeldOut());
        task("Change one setting (learning rate, codes or restarts) and train again: compare the two runs' curves.",
                this::rerunWithAChange);
        task("Compare collapse and fix: with restarts off, perplexity ends at half the fix's or less.",
                () -> comparison != null && comparison.perplexityRatio() <= COLLAPSE_RATIO);
    }

    private boolean rerunWithAChange() {
        for (int i = 1; i < finished.size(); i++) {
            if (!finished.get(i).settings().withSeed(0).equals(finished.get(i - 1).settings().withSeed(0))) {
                return true;
            }
        }
        return false;
    }

    public DigitsVqVaeSettings settings() {
        return settings;
    }

    /** Sets what the next run uses (the run on show keeps its own). */
    public void setSettings(DigitsVqVaeSettings value) {
        if (!value.equals(settings)) {
            settings = value;
            changed();
        }
    }

    /** Begins a run of the current settings: returns them, for the background. */
    public DigitsVqVaeSettings beginRun() {
        running = true;
        frame = null;
        changed();
        return settings;
    }

    /** A frame of the run in progress. */
    public void accept(DigitsVqVaeFrame value) {
        frame = value;
        changed();
    }

    /** The run ended: finished, stopped or failed ({@code last} null). */
    public void runEnded(DigitsVqVaeFrame last) {
        running = false;
        if (last != null) {
            frame = last;
            if (last.finished()) {
                finished.add(last);
            }
        }
        changed();
    }

    public boolean isRunning() {
        return running;
    }

    /** The run on show, or {@code null} before the first frame. */
    public DigitsVqVaeFrame frame() {
        return frame;
    }

    /** Runs that reached their last step, oldest first. */
    public List<DigitsVqVaeFrame> finishedRuns() {
        return List.copyOf(finished);
    }

    /** Begins the comparison: the two settings it runs (from the current seed). */
    public DigitsVqVaeSettings beginComparison() {
        comparing = true;
        comparisonProgress = 0;
        changed();
        return CollapseComparison.collapseSetUp(settings.seed());
    }

    public void comparisonProgress(double value) {
        comparisonProgress = value;
        changed();
    }

    /** The comparison ended ({@code null}: cancelled or failed; the last result stays). */
    public void comparisonEnded(CollapseComparison value) {
        comparing = false;
        if (value != null) {
            comparison = value;
        }
        changed();
    }

    public boolean isComparing() {
        return comparing;
    }

    public double comparisonProgress() {
        return comparisonProgress;
    }

    /** The latest comparison, or {@code null}. */
    public CollapseComparison comparison() {
        return comparison;
    }

    @Override
    protected void restart() {
        settings = DigitsVqVaeSettings.start(START_SEED);
        frame = null;
        finished.clear();
        comparison = null;
        comparisonProgress = 0;
    }

    @Override
    public long seed() {
        return settings.seed();
    }
}
