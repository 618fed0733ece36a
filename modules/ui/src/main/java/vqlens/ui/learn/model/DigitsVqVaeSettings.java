package vqlens.ui.learn.model;

import java.util.List;

import vqlens.core.DeadCodeRule;
import vqlens.core.QuantizerConfig;
import vqlens.train.Hyperparameters;
import vqlens.train.Init;
import vqlens.train.TrainingSettings;
import vqlens.train.UpdateRule;
import vqlens.train.VqVaeShape;
import vqlens.train.data.DigitsData;
import vqlens.ui.chart.NumberText;

/**
 * One run of lesson 7's VQ-VAE on the digits: what the learner can change (seed, learning rate, codes per head,
 * dead-code restarts); the rest is fixed (an MLP 64 → 128 → 64 → 16 and back, 4 heads × 4 dims, batch 64, Adam,
 * {@value #STEPS} steps). With restarts on, a code the batches have not chosen for a while (usage EMA below a quarter
 * of the fair share, batch ÷ codes rows per step) is re-seeded from an encoder output.
 */
public record DigitsVqVaeSettings(long seed, double learningRate, int codes, boolean restarts) {
    public static final int STEPS = 300;
    public static final int BATCH = 64;
    public static final int HEADS = 4;
    public static final int LATENT = 16;
    public static final List<Integer> HIDDEN = List.of(128, 64);
    public static final List<Integer> CODE_CHOICES = List.of(16, 32, 64, 128);
    /** The lesson's restart threshold as a share of the fair share (the product's default is 1/16, see DeadCodeRule). */
    public static final double RESTART_SHARE = 0.25;
    /** A learning rate that learns well: held-out error ~0.13× step 1's in 300 steps (calibrated, seeds 1–3). */
    public static final double GOOD_RATE = 0.003;
    /**
     * The collapse set-up: five times {@link #GOOD_RATE} with 128 codes. Calibrated on seeds 1–8 (300 steps, whole
     * training set): restarts off 25–67 of 128 perplexity and 40–77 % of codes unused; restarts on 71–110 and 2–27 %.
     */
    public static final double COLLAPSE_RATE = 0.015;
    public static final int COLLAPSE_CODES = 128;

    public DigitsVqVaeSettings {
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learning rate " + learningRate);
        }
        if (!CODE_CHOICES.contains(codes)) {
            throw new IllegalArgumentException(codes + " codes");
        }
    }

    /** Where the lesson starts: a run that learns. */
    public static DigitsVqVaeSettings start(long seed) {
        return new DigitsVqVaeSettings(seed, GOOD_RATE, 32, true);
    }

    public DigitsVqVaeSettings withSeed(long value) {
        return new DigitsVqVaeSettings(value, learningRate, codes, restarts);
    }

    public DigitsVqVaeSettings withLearningRate(double value) {
        return new DigitsVqVaeSettings(seed, value, codes, restarts);
    }

    public DigitsVqVaeSettings withCodes(int value) {
        return new DigitsVqVaeSettings(seed, learningRate, value, restarts);
    }

    public DigitsVqVaeSettings withRestarts(boolean value) {
        return new DigitsVqVaeSettings(seed, learningRate, codes, value);
    }

    /** The threshold restarts use: a quarter of the fair share, or 0 (off). */
    public double deadThreshold() {
        return restarts ? RESTART_SHARE * DeadCodeRule.fairShare(BATCH, codes) : 0;
    }

    /** The project's training settings for this run (pictures every {@code snapshotEvery} steps). */
    public TrainingSettings training(int snapshotEvery) {
        Hyperparameters hyper = Hyperparameters.defaults(UpdateRule.ADAM, BATCH, codes).withLearningRate(learningRate)
                .withDeadThreshold(deadThreshold());
        return new TrainingSettings(new QuantizerConfig(HEADS, LATENT, codes), UpdateRule.ADAM, Init.LAZY, BATCH, seed,
                STEPS, hyper, snapshotEvery, new VqVaeShape(DigitsData.DIM, HIDDEN));
    }

    /** "lr 0.003 · 32 codes · restarts on · seed 1". */
    public String label() {
        return "lr " + NumberText.compact(learningRate, 3) + " · " + codes + " codes · restarts " + (restarts ? "on" : "off")
                + " · seed " + seed;
    }
}
