package vqlens.ui.learn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import vqlens.train.Checkpoint;
import vqlens.train.CodeUsage;
import vqlens.train.Trainer;
import vqlens.train.TrainerState;
import vqlens.train.VqVaeReconstruction;
import vqlens.train.data.DataSource;
import vqlens.train.data.DigitsData;

/**
 * Trains lesson 7's VQ-VAE with the project's trainer in the calling thread (the lesson's background), in chunks of
 * {@value #FRAME_STEPS} steps; after step 1 and after each chunk it measures the held-out error and the codebook's
 * usage over the training images and hands a {@link DigitsVqVaeFrame} to the caller. The run is the same for any
 * pace or machine: the chunks only decide when it is looked at.
 */
public final class DigitsVqVaeRun {
    /** Steps between two frames (the pictures refresh this often). */
    public static final int FRAME_STEPS = 10;
    /** Held-out images measured: all there are. */
    public static final int HELD_OUT = DigitsData.HELD_OUT_ROWS;
    private static final Executor IN_THIS_THREAD = Runnable::run;

    private DigitsVqVaeRun() {
    }

    /**
     * Runs to {@link DigitsVqVaeSettings#STEPS} steps, or until {@code cancelled} says so (checked between chunks,
     * so within a chunk's time: ~0.1 s). {@code stepsPerSecond} paces the run for watching (≤ 0: full speed).
     *
     * @return the last frame (not finished when cancelled)
     */
    public static DigitsVqVaeFrame run(DigitsVqVaeSettings settings, double stepsPerSecond,
                                       Consumer<DigitsVqVaeFrame> frames, BooleanSupplier cancelled) {
        float[] heldOut = DigitsData.heldOut(HELD_OUT).values();
        float[] trainImages = DigitsData.train(DigitsData.TRAIN_ROWS, 0).values();
        List<Double> errors = new ArrayList<>();
        List<Long> measured = new ArrayList<>();
        List<CodeUsage> usage = new ArrayList<>();
        long began = System.nanoTime();
        DigitsVqVaeFrame frame = null;
        try (Trainer trainer = new Trainer(settings.training(FRAME_STEPS),
                DataSource.of(DigitsData.train(DigitsData.TRAIN_ROWS, settings.seed()), "digits"), IN_THIS_THREAD)) {
            long target = 1;
            VqVaeReconstruction measure = null;
            while (true) {
                trainer.setMaxSteps(target);
                trainer.start();
                if (trainer.state() != TrainerState.FINISHED) {
                    throw new IllegalStateException("training stopped: " + trainer.snapshot().events());
                }
                Checkpoint now = trainer.checkpoint().join();
                measure = measure == null ? VqVaeReconstruction.of(now) : measure.load(now);
                measured.add(target);
                errors.add(measure.mse(heldOut));
                usage.add(CodeUsage.of(measure.codes(trainImages), DigitsVqVaeSettings.HEADS, settings.codes()));
                boolean last = target >= DigitsVqVaeSettings.STEPS;
                frame = new DigitsVqVaeFrame(settings, target, trainer.snapshot().elapsedSeconds(),
                        trainer.snapshot().vqvae(), trainer.history(), unbox(errors), unboxLongs(measured), usage, last);
                frames.accept(frame);
                if (last || cancelled.getAsBoolean()) {
                    return frame;
                }
                target = Math.min(DigitsVqVaeSettings.STEPS, (target / FRAME_STEPS + 1) * FRAME_STEPS);
                pace(began, target, stepsPerSecond, cancelled);
            }
        }
    }

    /** Waits until step {@code target} is due at the pace, in short naps so a cancel is seen at once. */
    private static void pace(long began, long target, double stepsPerSecond, BooleanSupplier cancelled) {
        if (!(stepsPerSecond > 0)) {
            return;
        }
        long due = began + (long) ((target - FRAME_STEPS) / stepsPerSecond * 1e9);
        while (!cancelled.getAsBoolean()) {
            long wait = due - System.nanoTime();
            if (wait <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(50, wait / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long[] unboxLongs(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
