package vqlens.ui.learn.model;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One "Try this" task: what to do, and the check that the lesson runs after every change. Once done it stays
 * done until the lesson is reset.
 */
public final class TryThis {
    private final String text;
    private final BooleanSupplier check;
    private boolean done;

    public TryThis(String text, BooleanSupplier check) {
        this.text = Objects.requireNonNull(text, "text");
        this.check = Objects.requireNonNull(check, "check");
    }

    public String text() {
        return text;
    }

    public boolean isDone() {
        return done;
    }

    /** Runs the check; true when this call completed the task. */
    public boolean update() {
        if (!done && check.getAsBoolean()) {
            done = true;
            return true;
        }
        return false;
    }

    public void reset() {
        done = false;
    }
}
