package vqlens.ui.learn.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What every lesson's state has: its "Try this" tasks, checked after each change, and listeners told of changes
 * (the view redraws). Changes happen on one thread (the FX thread in the app, the test's own in tests).
 */
public abstract class LessonModel {
    private final List<Runnable> listeners = new ArrayList<>();
    private final List<TryThis> tasks = new ArrayList<>();

    protected final TryThis task(String text, java.util.function.BooleanSupplier check) {
        TryThis t = new TryThis(text, check);
        tasks.add(t);
        return t;
    }

    public final List<TryThis> tasks() {
        return List.copyOf(tasks);
    }

    public final void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Checks the tasks and tells the listeners; subclasses call it after every change. */
    protected final void changed() {
        for (TryThis t : tasks) {
            t.update();
        }
        for (Runnable l : List.copyOf(listeners)) {
            l.run();
        }
    }

    /** Back to the lesson's start, its tasks undone. */
    public final void reset() {
        tasks.forEach(TryThis::reset);
        restart();
        changed();
    }

    /** Puts the lesson's own state back to its start. */
    protected abstract void restart();

    /** The seed shown on screen: everything random in the lesson comes from it. */
    public abstract long seed();
}
