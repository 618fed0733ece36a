package vqlens.train;

/**
 * When the next slow-motion step comes ({@link Trainer#startSlowMotion}): the trainer hands over {@code next}
 * after each step, and the pacer runs it {@code delayNanos} later, on any thread. The desktop app schedules it
 * on its FX thread, so a step comes only after the previous one is on show; a test runs it when it likes.
 */
@FunctionalInterface
public interface Pacer {
    void schedule(Runnable next, long delayNanos);
}
