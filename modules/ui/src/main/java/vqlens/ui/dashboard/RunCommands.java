package vqlens.ui.dashboard;

import javafx.beans.binding.Bindings;
import vqlens.ui.common.Command;

/**
 * The run's commands, defined once: the Training menu and the run bar's buttons bind to these (texts,
 * shortcuts, tooltips, when each can act). Made by {@link DashboardViewModel}.
 */
public record RunCommands(Command start, Command pauseOrResume, Command step, Command stop, Command reset) {

    static RunCommands of(DashboardViewModel vm) {
        var problem = vm.setup().problemProperty();
        return new RunCommands(
                Command.of("_Start", vm::start).withAccelerator("Shortcut+Enter").withButtonText("Start")
                        .withDescription(Bindings.createStringBinding(() -> problem.get().isEmpty()
                                ? "Start training with this set-up (Space)" : "Fix the set-up first — " + problem.get(), problem))
                        .enabledWhen(vm.canStartProperty()),
                // Space and Right are the run bar's own keys (DashboardController.installShortcuts), not accelerators
                Command.of("_Pause / resume        Space", vm::pauseOrResume)
                        .withButtonText(Bindings.when(vm.stateProperty().isEqualTo(RunState.PAUSED)).then("Resume").otherwise("Pause"))
                        .withDescription("Pause or resume (Space)")
                        .enabledWhen(vm.canPauseResumeProperty()),
                Command.of("S_tep once              →", vm::step).withButtonText("Step")
                        .withDescription("Exactly one step (Right arrow)")
                        .enabledWhen(vm.canStepProperty()),
                Command.of("St_op", vm::stop).withAccelerator("Shortcut+Period").withButtonText("Stop")
                        .withDescription("Stop for good (the codebooks stay and can be saved)")
                        .enabledWhen(vm.canStopProperty()),
                Command.of("_Reset", vm::reset).withAccelerator("Shortcut+R").withButtonText("Reset")
                        .withDescription("Discard the run and edit the set-up again")
                        .enabledWhen(vm.canResetProperty()));
    }
}
