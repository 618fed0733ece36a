package vqlens.ui.learn.model;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import vqlens.train.CodeUsage;

/**
 * Lesson 7's classic failure side by side, from one seed: the same VQ-VAE at a high learning rate with dead-code
 * restarts off (it collapses: the encoder's outputs move faster than the codes, most codes are left behind and
 * never chosen again) and on (the fix: a code left behind is re-seeded from an encoder output). Both runs are
 * {@link DigitsVqVaeRun}s at full speed, so each is the run the learner would get by choosing those settings.
 *
 * @param collapse the run with restarts off
 * @param fix      the same run with restarts on
 */
public record CollapseComparison(DigitsVqVaeFrame collapse, DigitsVqVaeFrame fix) {

    /** The two settings compared: {@code base} with restarts off and on. */
    public static DigitsVqVaeSettings[] settings(DigitsVqVaeSettings base) {
        return new DigitsVqVaeSettings[] {base.withRestarts(false), base.withRestarts(true)};
    }

    /** The lesson's comparison for {@code seed}: {@link DigitsVqVaeSettings#COLLAPSE_RATE}, 128 codes. */
    public static DigitsVqVaeSettings collapseSetUp(long seed) {
        return new DigitsVqVaeSettings(seed, DigitsVqVaeSettings.COLLAPSE_RATE, DigitsVqVaeSettings.COLLAPSE_CODES, false);
    }

    /**
     * Runs both, one after the other; {@code progress} gets 0…1. Empty when cancelled (checked every few steps).
     */
    public static Optional<CollapseComparison> run(DigitsVqVaeSettings base, DoubleConsumer progress,
                                                   BooleanSupplier cancelled) {
        DigitsVqVaeSettings[] both = settings(base);
        DigitsVqVaeFrame[] ends = new DigitsVqVaeFrame[2];
        for (int i = 0; i < 2; i++) {
            int run = i;
            ends[i] = DigitsVqVaeRun.run(both[i], 0, f -> progress.accept((run + f.step()
                    / (double) DigitsVqVaeSettings.STEPS) / 2), cancelled);
            if (!ends[i].finished()) {
                return Optional.empty();
            }
        }
        return Optional.of(new CollapseComparison(ends[0], ends[1]));
    }

    /** The collapse run's mean perplexity over the fix's, over the training images at the end. */
    public double perplexityRatio() {
        return collapse.lastUsage().meanPerplexity() / fix.lastUsage().meanPerplexity();
    }

    /** Its share of codes no training image chooses at the end. */
    public double collapseUnused() {
        return collapse.lastUsage().unusedFraction();
    }

    public CodeUsage collapseUsage() {
        return collapse.lastUsage();
    }

    public CodeUsage fixUsage() {
        return fix.lastUsage();
    }
}
