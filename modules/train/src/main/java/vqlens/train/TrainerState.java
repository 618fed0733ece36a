package vqlens.train;

/**
 * Where a {@link Trainer} is in its lifecycle.
 *
 * <pre>
 *   IDLE ──start──▶ RUNNING ──pause──▶ PAUSED ──resume/start──▶ RUNNING
 *    │  ╲            │   │                │
 *    │   step        │   └─ max steps ──▶ FINISHED
 *    │    ╲          │      non-finite loss ──▶ PAUSED (rolled back)
 *    │     ▶ PAUSED  └─ data error ──▶ FAILED
 *   any ──stop──▶ STOPPED          any ──reset──▶ IDLE (fresh codebooks)
 * </pre>
 */
public enum TrainerState {
    /** Nothing has run since construction or {@link Trainer#reset()}. */
    IDLE,
    /** Steps are running (possibly slowed down by the speed limit). */
    RUNNING,
    /** Waiting; {@link Trainer#step()} runs one step, {@link Trainer#resume()} continues. */
    PAUSED,
    /** The step limit of the settings was reached; raising it with {@link Trainer#setMaxSteps} allows more. */
    FINISHED,
    /** {@link Trainer#stop()} was called; only {@link Trainer#reset()} starts again. */
    STOPPED,
    /** A step failed for a reason other than a non-finite value (e.g. an unreadable data file). */
    FAILED
}
