package vqlens.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;
import vqlens.core.io.AmbiguousCodebookException;

/** The task helper with both threads under the test's control: results, failures and the busy count. */
class BackgroundTasksTest {

    private final ManualExecutor background = new ManualExecutor();
    private final ManualExecutor fx = new ManualExecutor();
    private final BackgroundTasks tasks = new BackgroundTasks(this, background, fx);
    private final List<Object> results = new ArrayList<>();
    private final List<TaskFailure> failures = new ArrayList<>();

    @Test
    void theResultArrivesOnTheFxThreadAndTheFeatureIsBusyUntilThen() {
        tasks.run(() -> 42, results::add, failures::add);
        assertTrue(tasks.busyProperty().get(), "busy from the moment the task is started");
        background.runAll();
        assertTrue(results.isEmpty(), "the result waits for the FX thread");
        assertTrue(tasks.busyProperty().get());
        fx.runAll();
        assertEquals(List.of(42), results);
        assertTrue(failures.isEmpty());
        assertFalse(tasks.busyProperty().get());
    }

    @Test
    void anErrorSuchAsOutOfMemoryIsAFailureAndDoesNotLeaveTheFeatureBusy() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        tasks.run(() -> {
            throw oom;
        }, results::add, failures::add);
        background.runAll();
        fx.runAll();
        assertTrue(results.isEmpty());
        assertEquals(1, failures.size());
        TaskFailure.Failed failed = assertInstanceOf(TaskFailure.Failed.class, failures.get(0));
        assertSame(oom, failed.cause());
        assertFalse(tasks.busyProperty().get());
    }

    @Test
    void aCheckedExceptionIsAFailureToo() {
        tasks.run(() -> {
            throw new java.io.IOException("disk full");
        }, results::add, failures::add);
        background.runAll();
        fx.runAll();
        assertEquals("disk full", assertInstanceOf(TaskFailure.Failed.class, failures.get(0)).cause().getMessage());
        assertFalse(tasks.busyProperty().get());
    }

    @Test
    void aFileOfSeveralCodebooksIsAQuestionWithItsKeys() {
        tasks.run(() -> {
            throw new AmbiguousCodebookException(Path.of("model.safetensors"), List.of("vq.codebooks", "rvq.codebooks"));
        }, results::add, failures::add);
        background.runAll();
        fx.runAll();
        TaskFailure.SeveralCodebooks several = assertInstanceOf(TaskFailure.SeveralCodebooks.class, failures.get(0));
        assertEquals(List.of("vq.codebooks", "rvq.codebooks"), several.keys());
    }

    @Test
    void busyCountsEveryTaskUnderWay() {
        tasks.run(() -> 1, results::add, failures::add);
        tasks.run(() -> 2, results::add, failures::add);
        background.runAll();
        fx.runNext();
        assertTrue(tasks.busyProperty().get(), "one task still under way");
        fx.runNext();
        assertFalse(tasks.busyProperty().get());
        assertEquals(List.of(1, 2), results);
    }

    @Test
    void aStageIsAwaitedWithoutAThreadAndItsFailureUnwrapped() {
        CompletableFuture<Integer> checkpoint = new CompletableFuture<>();
        tasks.after(checkpoint, n -> n * 10, results::add, failures::add);
        assertTrue(tasks.busyProperty().get());
        assertEquals(0, background.pendingCount(), "nothing runs before the stage completes");
        checkpoint.complete(4);
        background.runAll();
        fx.runAll();
        assertEquals(List.of(40), results);
        assertFalse(tasks.busyProperty().get());

        CompletableFuture<Integer> failing = new CompletableFuture<>();
        IllegalStateException cause = new IllegalStateException("trainer failed");
        tasks.after(failing, n -> n, results::add, failures::add);
        failing.completeExceptionally(new CompletionException(cause));
        background.runAll();
        fx.runAll();
        assertSame(cause, assertInstanceOf(TaskFailure.Failed.class, failures.get(0)).cause());
        assertFalse(tasks.busyProperty().get());
    }

    @Test
    void anExecutorThatRefusesTheTaskEndsItAtOnce() {
        BackgroundTasks refusing = new BackgroundTasks(this, task -> {
            throw new RejectedExecutionException("shut down");
        }, fx);
        refusing.run(() -> 1, results::add, failures::add);
        assertInstanceOf(RejectedExecutionException.class,
                assertInstanceOf(TaskFailure.Failed.class, failures.get(0)).cause());
        assertFalse(refusing.busyProperty().get());
    }
}
