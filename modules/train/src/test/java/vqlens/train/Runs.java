package vqlens.train;

import java.time.Duration;
import java.util.concurrent.Executor;
import vqlens.core.QuantizerConfig;
import vqlens.train.data.DataSource;
import vqlens.train.data.SyntheticData;

/** Small, fixed-seed training set-ups shared by the tests. */
final class Runs {
    /** Runs the training loop in the calling thread: control calls return when the loop has nothing left to do. */
    static final Executor SYNC = Runnable::run;

    static final QuantizerConfig SMALL = new QuantizerConfig(2, 8, 16);

    private Runs() {
    }

    /** 1000 rows of a 16-cluster mixture in 8-D (seed 5). */
    static DataSource mixture() {
        return DataSource.of(SyntheticData.gaussianMixture(1000, 8, 16, 0.1, 5), "mixture");
    }

    static TrainingSettings settings(UpdateRule method, long steps) {
        return TrainingSettings.of(SMALL, method, 64, 42, steps);
    }

    /** Trains synchronously to the step limit and returns the finished trainer. */
    static Trainer trained(TrainingSettings settings, DataSource data) {
        Trainer t = new Trainer(settings, data, SYNC);
        t.start();
        return t;
    }

    static void awaitIdle(Trainer t) {
        try {
            if (!t.awaitIdle(Duration.ofSeconds(60))) {
                throw new AssertionError("trainer still busy after 60 s");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code t} has done {@code step} steps; fails after 60 s (a run that stopped early never gets there). */
    static void awaitStep(Trainer t, long step) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (t.snapshot().step() < step) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("trainer at step " + t.snapshot().step() + " (" + t.snapshot().state()
                        + ") after 60 s, waiting for step " + step);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
