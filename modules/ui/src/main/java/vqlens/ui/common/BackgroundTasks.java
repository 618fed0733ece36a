package vqlens.ui.common;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import vqlens.core.VqException;

/**
 * A feature's slow work (reading and writing files, waiting for the trainer): the work runs on the
 * injected background executor, its result or its {@link TaskFailure} comes back on the injected FX
 * executor, and {@link #busyProperty()} is true while any task is under way. Everything a task throws,
 * {@link Error}s included, ends as a failure, so no task leaves the feature busy. Tests inject
 * {@code Runnable::run} (or a manual executor) for both and need no toolkit.
 *
 * <p>Start tasks and read the property on the FX thread.
 */
public final class BackgroundTasks {

    private final Executor background;
    private final Executor fxThread;
    private final ReadOnlyBooleanWrapper busy;
    private int running;

    public BackgroundTasks(Object bean, Executor background, Executor fxThread) {
        this.background = Objects.requireNonNull(background, "background");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        busy = new ReadOnlyBooleanWrapper(bean, "busy", false);
    }

    /** True while a task is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Runs {@code work} in the background; {@code done} gets its result, or {@code failed} its failure, on the FX thread. */
    public <T> void run(Callable<? extends T> work, Consumer<? super T> done, Consumer<? super TaskFailure> failed) {
        Objects.requireNonNull(work, "work");
        started();
        try {
            background.execute(() -> attempt(work, done, failed));
        } catch (RuntimeException | Error notQueued) { // a shut-down executor: the task ends at once
            ended();
            failed.accept(TaskFailure.of(notQueued));
        }
    }

    /**
     * Waits for {@code stage} (e.g. the trainer's checkpoint) without blocking a thread, then runs {@code work}
     * on its result in the background; a failed stage is the task's failure.
     */
    public <S, T> void after(CompletionStage<S> stage, Function<? super S, ? extends T> work, Consumer<? super T> done,
            Consumer<? super TaskFailure> failed) {
        Objects.requireNonNull(work, "work");
        started();
        stage.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                fail(failure, failed);
            } else {
                attempt(() -> work.apply(value), done, failed);
            }
        }, background);
    }

    private <T> void attempt(Callable<? extends T> work, Consumer<? super T> done, Consumer<? super TaskFailure> failed) {
        T result;
        try {
            result = work.call();
        } catch (Throwable t) { // an Error too: the busy count must come down whatever happened
            fail(t, failed);
            return;
        }
        finish(() -> done.accept(result));
    }

    private void fail(Throwable thrown, Consumer<? super TaskFailure> failed) {
        TaskFailure failure = TaskFailure.of(thrown);
        if (failure instanceof TaskFailure.Failed f && !(f.cause() instanceof VqException)) {
            log().log(Level.WARNING, "Background task failed", f.cause()); // a VqException's message says it all
        }
        finish(() -> failed.accept(failure));
    }

    private void finish(Runnable onFx) {
        fxThread.execute(() -> {
            ended();
            onFx.run();
        });
    }

    private void started() {
        running++;
        busy.set(true);
    }

    private void ended() {
        running--;
        busy.set(running > 0);
    }

    /** Looked up on first use, not at class load: the first lookup costs the window's first frame ~20 ms. */
    private static System.Logger log() {
        return System.getLogger(BackgroundTasks.class.getName());
    }
}
