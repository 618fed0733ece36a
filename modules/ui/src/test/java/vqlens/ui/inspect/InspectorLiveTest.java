package vqlens.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import vqlens.core.Codebooks;
import vqlens.train.Trainer;
import vqlens.train.TrainerState;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSnapshot;
import vqlens.ui.dashboard.DashboardViewModel;
import vqlens.ui.dashboard.RunState;

/** Following the dashboard's run while it trains: the codebooks follow, and an edit reaches the trainer between steps. */
@ExtendWith(ApplicationExtension.class)
class InspectorLiveTest {

    @RegisterExtension
    final InspectorFixture fixture = new InspectorFixture();

    @Test
    void followsTheRunAndAnEditMadeWhileRunningReachesTheTrainer(FxRobot robot) throws InterruptedException {
        DashboardViewModel dashboard = fixture.window.dashboard();
        InspectorFixture.fx(robot, () -> {
            var setup = dashboard.setup();
            setup.field("rows").setText("2000");
            setup.field("heads").setText("2");
            setup.field("codes").setText("16");
            setup.field("dim").setText("8");
            setup.field("batch").setText("256");
            setup.field("snapshotEvery").setText("5");
            setup.field("maxSteps").setText("0");
        });
        InspectorFixture.fx(robot, dashboard::start);
        InspectorFixture.until("the run has a trainer", () -> dashboard.trainerProperty().get() != null);
        Trainer trainer = dashboard.trainerProperty().get();

        ToggleButton follow = robot.lookup("#followButton").queryAs(ToggleButton.class);
        assertFalse(follow.isDisable(), "a run to follow");
        robot.clickOn(follow);
        InspectorViewModel vm = fixture.vm();
        InspectorFixture.until("following with codebooks", () -> vm.isFollowing() && vm.getCodebooks() != null);
        long first = vm.liveStep();
        InspectorFixture.until("a later snapshot is shown", () -> vm.liveStep() > first + 10);
        assertEquals(2, vm.getCodebooks().config().heads());
        assertNotNull(vm.getUsage(), "EMA usage from the snapshots");
        assertTrue(vm.getUsage().description().startsWith("EMA usage"), vm.getUsage().description());
        assertTrue(vm.sourceTextProperty().get().startsWith("Following training · step "), vm.sourceTextProperty().get());
        InspectorFixture.until("data rows from the run", () -> vm.getData() != null);
        assertEquals(8, vm.getData().dim());
        assertEquals(TrainerState.RUNNING, trainer.state(), "still training");

        // The trainer publishes a snapshot right after applying an edit; catch it on the training thread.
        AtomicReference<TrainingSnapshot> afterEdit = new AtomicReference<>();
        var subscription = trainer.addListener(s -> {
            if (afterEdit.get() == null && s.events().stream().anyMatch(e -> e.kind() == TrainingEvent.Kind.EDIT)) {
                afterEdit.set(s);
            }
        }, Runnable::run);
        InspectorFixture.fx(robot, () -> {
            vm.selectedHeadProperty().set(1);
            vm.selectedCodeProperty().set(3);
            assertTrue(fixture.controller().editor().setValue(0, 42f));
        });
        InspectorFixture.until("the trainer applied the edit", () -> afterEdit.get() != null);
        Codebooks edited = afterEdit.get().codebooks();
        assertEquals(42f, edited.value(1, 3, 0), "the trainer's next snapshot carries the edit");
        assertFalse(vm.isDirty(), "a followed run is saved from the Train tab, not marked unsaved here");
        assertTrue(vm.canUndoProperty().get());

        InspectorFixture.fx(robot, dashboard::pause);
        InspectorFixture.until("paused", () -> dashboard.getState() == RunState.PAUSED);
        assertTrue(trainer.awaitIdle(Duration.ofSeconds(60)));
        InspectorFixture.until("the last snapshot is shown",
                () -> trainer.snapshot().codebooks().equals(vm.getCodebooks()));
        assertEquals(trainer.snapshot().step(), vm.liveStep());

        // Undo while following sends the inverse to the trainer too.
        float before = edited.value(1, 3, 0);
        InspectorFixture.fx(robot, vm::undo);
        InspectorFixture.until("the undo reached the trainer",
                () -> trainer.snapshot().codebooks().value(1, 3, 0) != before);
        InspectorFixture.until("and shows", () -> trainer.snapshot().codebooks().equals(vm.getCodebooks()));
        subscription.close();

        robot.clickOn(follow);
        InspectorFixture.until("stopped following", () -> !vm.isFollowing());
        assertNotNull(vm.getCodebooks(), "the last codebooks stay on show");
    }
}
