package vqlens.ui.dashboard;

import java.util.function.BooleanSupplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableLongValue;
import javafx.beans.value.ObservableObjectValue;

/**
 * Which run commands the buttons and keys may trigger now, from the run's state and the set-up form.
 * Created by {@link RunControl}; the bindings are read and invalidated on the FX thread only.
 */
final class CommandAvailability {
    final BooleanBinding canStart;
    final BooleanBinding canPauseResume;
    final BooleanBinding canStep;
    final BooleanBinding canStop;
    final BooleanBinding canReset;

    /**
     * @param canContinueFinished whether a finished run may go on (its step limit was raised); it reads
     *                            the step and the limit field, so {@link #canStart} depends on both
     */
    CommandAvailability(ObservableObjectValue<RunState> state, ObservableLongValue step, SetupForm setup,
            BooleanSupplier canContinueFinished) {
        canStart = Bindings.createBooleanBinding(() -> switch (state.get()) {
            case NONE -> setup.isValid();
            case IDLE -> true;
            case FINISHED -> canContinueFinished.getAsBoolean();
            default -> false;
        }, state, setup.validProperty(), step, setup.field("maxSteps").textProperty());
        canPauseResume = Bindings.createBooleanBinding(() -> state.get() == RunState.RUNNING || state.get() == RunState.PAUSED, state);
        canStep = Bindings.createBooleanBinding(() -> switch (state.get()) {
            case NONE -> setup.isValid();
            case IDLE, PAUSED -> true;
            default -> false;
        }, state, setup.validProperty());
        canStop = Bindings.createBooleanBinding(() -> switch (state.get()) {
            case IDLE, RUNNING, PAUSED -> true;
            default -> false;
        }, state);
        canReset = Bindings.createBooleanBinding(() -> state.get() != RunState.NONE && state.get() != RunState.PREPARING, state);
    }
}
