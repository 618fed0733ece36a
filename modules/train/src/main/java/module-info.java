/**
 * Training for VQ Lens: the {@link vqlens.train.Trainer} (a background training loop on an injected
 * executor), its methods (EMA, gradient with ND4J's updaters, k-means), data sources, and immutable
 * metric snapshots for the UI and the command line. No JavaFX here: the UI observes training through
 * {@link vqlens.train.TrainingSnapshot}s, which hold plain Java values, never ND4J arrays.
 *
 * <p>ND4J lives on the class path (its module descriptors are broken), so this module reads the unnamed
 * module at compile and run time ({@code --add-reads vqlens.train=ALL-UNNAMED}).
 */
module vqlens.train {
    requires transitive vqlens.core;
    requires com.fasterxml.jackson.databind;

    exports vqlens.train;
    exports vqlens.train.data;
}
