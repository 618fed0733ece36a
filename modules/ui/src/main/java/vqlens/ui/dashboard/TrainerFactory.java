package vqlens.ui.dashboard;

import java.util.concurrent.Executor;

import vqlens.train.Checkpoint;
import vqlens.train.Trainer;
import vqlens.train.TrainingSettings;
import vqlens.train.data.DataSource;

/** Makes the dashboard's trainers; tests wrap it to watch or steer the trainer. */
public interface TrainerFactory {

    /** A fresh run ({@link Trainer#Trainer(TrainingSettings, DataSource, Executor)}). */
    Trainer create(TrainingSettings settings, DataSource data, Executor executor);

    /** A run continued from a checkpoint ({@link Trainer#resume}). */
    Trainer resume(Checkpoint checkpoint, long maxSteps, DataSource data, Executor executor);

    /** The plain trainer. */
    TrainerFactory DEFAULT = new TrainerFactory() {
        @Override
        public Trainer create(TrainingSettings settings, DataSource data, Executor executor) {
            return new Trainer(settings, data, executor);
        }

        @Override
        public Trainer resume(Checkpoint checkpoint, long maxSteps, DataSource data, Executor executor) {
            return Trainer.fromCheckpoint(checkpoint, maxSteps, data, executor);
        }
    };
}
