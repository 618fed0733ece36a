package vqlens.train;

/**
 * Receives snapshots on the executor it was registered with (see {@link Trainer#addListener}), one at a
 * time and in order; may be slow: training never waits for it.
 */
@FunctionalInterface
public interface SnapshotListener {
    void onSnapshot(TrainingSnapshot snapshot);
}
