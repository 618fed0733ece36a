package vqlens.ui.dashboard;

import java.util.List;

import vqlens.core.QuantizerConfig;
import vqlens.train.Checkpoint;
import vqlens.train.StepMetrics;
import vqlens.train.Trainer;
import vqlens.train.TrainingSettings;
import vqlens.train.data.DataSource;

/**
 * What a new run is made from: the set-up form's values and the opened codebook, if any. {@link RunControl}
 * reads it on the FX thread ({@link #read}), then makes the trainer from it on the background executor;
 * immutable, so the hand-over between the threads is safe.
 *
 * @param every snapshots every this many steps (the form's value, or the automatic cadence)
 * @param from  the opened codebook to continue from, or {@code null}
 */
record RunLaunch(DataChoice data, QuantizerConfig quantizer, int every, TrainingSettings settings, OpenedCodebook from) {

    /**
     * Reads the set-up, on the FX thread.
     *
     * @throws vqlens.core.VqException for a combination the form's checks let through
     */
    static RunLaunch read(SetupForm setup, DashboardServices services, OpenedCodebook from) {
        DataChoice data = setup.dataChoice();
        QuantizerConfig quantizer = setup.quantizer();
        long explicitEvery = setup.snapshotEveryValue();
        int every = (int) (explicitEvery > 0 ? explicitEvery
                : SnapshotCadence.auto(quantizer, setup.methodProperty().get(), setup.batchValue(), setup.dataRows(),
                        services.refreshHz()));
        RunLaunch launch = new RunLaunch(data, quantizer, every, setup.settings(every), from);
        if (launch.settings.vqvae() && from != null && !launch.resumesExactly()) {
            // a network cannot start from codebooks alone: it continues its checkpoint exactly or not at all
            throw new vqlens.core.VqException("a VQ-VAE continues its checkpoint only with the checkpoint's method, "
                    + "initialisation, batch and seed; set them back, or Forget " + from.file().getFileName()
                    + " to train a new network");
        }
        return launch;
    }

    /**
     * Whether the run continues the opened checkpoint exactly: it is one, and the set-up kept its method,
     * initialisation, batch and seed (else the run starts from its codebooks only).
     */
    boolean resumesExactly() {
        if (from == null || from.checkpoint() == null) {
            return false;
        }
        TrainingSettings c = from.checkpoint().settings();
        return c.quantizer().equals(settings.quantizer()) && c.method() == settings.method() && c.init() == settings.init()
                && c.batch() == settings.batch() && c.seed() == settings.seed();
    }

    /** The steps already recorded when the run resumes a checkpoint exactly; else none. */
    List<StepMetrics> history() {
        return resumesExactly() ? from.checkpoint().history() : List.of();
    }

    /** On the background thread: the trainer for the settings, continuing the opened codebook if any. */
    Trainer makeTrainer(DataSource source, DashboardServices services) {
        TrainerFactory factory = services.trainers();
        if (resumesExactly()) {
            Checkpoint c = from.checkpoint();
            TrainingSettings s = c.settings().withHyper(settings.hyper()).withSnapshotEvery(settings.snapshotEvery())
                    .withMaxSteps(settings.maxSteps());
            Checkpoint adjusted = new Checkpoint(s, c.codebooks(), c.state(), c.history(), c.dataRows(), c.dataDim(),
                    c.dataDescription());
            return factory.resume(adjusted, settings.maxSteps(), source, services.training());
        }
        if (from != null) {
            Checkpoint warm = Checkpoint.startingFrom(from.codebooks(), settings, source.rows(), source.dim(), source.describe());
            return factory.resume(warm, settings.maxSteps(), source, services.training());
        }
        return factory.create(settings, source, services.training());
    }
}
