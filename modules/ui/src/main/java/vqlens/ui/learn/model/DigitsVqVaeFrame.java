package vqlens.ui.learn.model;

import java.util.List;

import vqlens.train.CodeUsage;
import vqlens.train.StepMetrics;
import vqlens.train.VqVaeView;

/**
 * What lesson 7 shows of a run at one moment, immutable (made on the training thread, read on the FX thread):
 * the pictures, every step's metrics so far, and what the network does to whole image sets now.
 *
 * @param settings      the run's settings
 * @param step          steps done
 * @param seconds       training time so far (without the lesson's pacing pauses)
 * @param pictures      sample inputs, their reconstructions and every code's decoded image, at {@code step}
 * @param steps         every step's metrics, step 1 first
 * @param heldOut       held-out reconstruction MSE after each measured step ({@link #measuredSteps})
 * @param measuredSteps the steps {@code heldOut} and {@code usage} were measured at
 * @param usage         how often every code is chosen by the 1,500 training images, at each measured step
 * @param finished      whether the run reached its last step (false while running or when stopped)
 */
public record DigitsVqVaeFrame(DigitsVqVaeSettings settings, long step, double seconds, VqVaeView pictures,
                               List<StepMetrics> steps, double[] heldOut, long[] measuredSteps,
                               List<CodeUsage> usage, boolean finished) {

    public DigitsVqVaeFrame {
        steps = List.copyOf(steps);
        heldOut = heldOut.clone();
        measuredSteps = measuredSteps.clone();
        usage = List.copyOf(usage);
        if (heldOut.length != measuredSteps.length || usage.size() != measuredSteps.length) {
            throw new IllegalArgumentException("held-out, usage and measured steps differ in length");
        }
    }

    @Override
    public double[] heldOut() {
        return heldOut.clone();
    }

    @Override
    public long[] measuredSteps() {
        return measuredSteps.clone();
    }

    /** The held-out MSE after step 1 (the first measurement). */
    public double firstHeldOut() {
        return heldOut[0];
    }

    public double lastHeldOut() {
        return heldOut[heldOut.length - 1];
    }

    /** The codebook usage over the training images now. */
    public CodeUsage lastUsage() {
        return usage.get(usage.size() - 1);
    }
}
