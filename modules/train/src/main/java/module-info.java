/**
 * Training for VQ Lens: data sources now; the trainer, its methods and metric snapshots arrive with the
 * training-engine issue. No JavaFX here: the UI observes training through immutable snapshots.
 */
module vqlens.train {
    requires transitive vqlens.core;

    exports vqlens.train.data;
}
