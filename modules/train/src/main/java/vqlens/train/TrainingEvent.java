package vqlens.train;

import java.util.Locale;

/**
 * Something that happened at a step, apart from the regular update.
 *
 * @param step    the step it happened at (0 for before the first step)
 * @param kind    what happened
 * @param head    the head it concerns, or -1
 * @param codes   for {@link Kind#RESTART}: the codes re-seeded in {@code head}; for {@link Kind#EDIT}: the
 *                codes of {@code head} it changed or moved; else empty
 * @param message one line for people, e.g. {@code "head 2: 5 dead codes re-seeded from batch rows"}
 */
public record TrainingEvent(long step, Kind kind, int head, int[] codes, String message) {

    /** The kinds of events. */
    public enum Kind {
        /** The codebooks were initialised (lazy or k-means++). */
        INIT,
        /** Dead codes were re-seeded from rows of the current batch. */
        RESTART,
        /** A loss or a codebook value was NaN or infinite: training paused and rolled back to the last good step. */
        NON_FINITE,
        /** A live setting (learning rate, decay, β, dead-code threshold, speed) changed. */
        SETTING_CHANGED,
        /** The codebooks were edited between two steps (the message describes the edit). */
        EDIT,
        /** The step failed (e.g. the data file became unreadable); the trainer is FAILED. */
        ERROR;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TrainingEvent {
        codes = codes.clone();
    }

    /** An event without codes. */
    public static TrainingEvent of(long step, Kind kind, int head, String message) {
        return new TrainingEvent(step, kind, head, new int[0], message);
    }

    @Override
    public int[] codes() {
        return codes.clone();
    }
}
