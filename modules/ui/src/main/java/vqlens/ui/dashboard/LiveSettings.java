package vqlens.ui.dashboard;

import vqlens.core.VqException;
import vqlens.train.Hyperparameters;
import vqlens.train.Trainer;

/**
 * Hands the set-up form's live fields (step limit, hyperparameters) to a running trainer; a value the
 * trainer refuses is marked at its field. Stateless; {@link RunControl} calls it on the FX thread.
 */
final class LiveSettings {
    private LiveSettings() {
    }

    /**
     * Applies the form's live values to {@code trainer}.
     *
     * @return false when it stopped early at a refused step limit or unreadable hyperparameters
     */
    static boolean apply(SetupForm setup, Trainer trainer) {
        FormField steps = setup.field("maxSteps");
        try {
            trainer.setMaxSteps(setup.maxStepsValue());
        } catch (VqException e) {
            steps.setError(e.getMessage());
            return false;
        }
        Hyperparameters h;
        try {
            h = setup.hyperparameters();
        } catch (VqException e) {
            setup.field("decay").setError(e.getMessage());
            return false;
        }
        if (!h.equals(trainer.hyperparameters())) {
            try {
                trainer.setHyperparameters(h);
            } catch (VqException e) {
                setup.field("learningRate").setError(e.getMessage());
            }
        }
        return true;
    }
}
