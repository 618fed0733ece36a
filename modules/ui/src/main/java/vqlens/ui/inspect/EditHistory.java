package vqlens.ui.inspect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import vqlens.core.edit.CodebookEdit;

/**
 * The undo and redo stacks and the depth that matches the saved file; keeps the view model's canUndo,
 * canRedo, undoText, redoText and dirty flags in step with them. Created once by {@link InspectorViewModel};
 * FX thread only.
 */
final class EditHistory {

    /** An edit and the edit that takes it back. */
    /** An edit, its inverse, and the usage on show before and after it (undo puts the counts back). */
    record Entry(CodebookEdit edit, CodebookEdit inverse, CodeUsage usageBefore, CodeUsage usageAfter) { }

    private final InspectorState state;
    private final Deque<Entry> undoStack = new ArrayDeque<>();
    private final Deque<Entry> redoStack = new ArrayDeque<>();
    /** Undo depth that matches the saved file; -1 when no state in the history does. */
    private int savedDepth;

    EditHistory(InspectorState state) {
        this.state = state;
    }

    /** Records a new edit (clearing redo); the flags are refreshed when it takes effect. */
    Entry record(CodebookEdit edit, CodebookEdit inverse, CodeUsage usageBefore, CodeUsage usageAfter) {
        if (savedDepth > undoStack.size()) {
            savedDepth = -1; // the saved state was undone past and can no longer be reached
        }
        Entry entry = new Entry(edit, inverse, usageBefore, usageAfter);
        undoStack.push(entry);
        redoStack.clear();
        return entry;
    }

    /** Moves the last edit to the redo stack; {@code null} when there is none. */
    Entry popUndo() {
        Entry last = undoStack.poll();
        if (last != null) {
            redoStack.push(last);
        }
        return last;
    }

    /** Moves the last undone edit back to the undo stack; {@code null} when there is none. */
    Entry popRedo() {
        Entry next = redoStack.poll();
        if (next != null) {
            undoStack.push(next);
        }
        return next;
    }

    /** Forgets {@code entry} if it is still the latest edit (a followed run refused it). */
    void dropIfLatest(Entry entry) {
        if (entry != null && undoStack.peek() == entry) {
            undoStack.poll();
            refreshFlags();
        }
    }

    int depth() {
        return undoStack.size();
    }

    /**
     * What was done to the codebooks on show since the saved (or opened) state, oldest first: the edits above
     * it, or all the history holds when that state was undone past; empty at the saved state or below it.
     */
    List<String> editsSinceSaved() {
        List<String> all = new ArrayList<>();
        undoStack.descendingIterator().forEachRemaining(e -> all.add(e.edit().description()));
        int from = savedDepth < 0 ? 0 : Math.min(savedDepth, all.size());
        return List.copyOf(all.subList(from, all.size()));
    }

    /** The codebooks on show now count as saved. */
    void markSaved() {
        savedDepth = undoStack.size();
        refreshFlags();
    }

    /** A save of the state at undo depth {@code depth} finished; edits may have come since. */
    void savedAt(int depth) {
        if (undoStack.size() == depth) {
            markSaved();
        } else {
            savedDepth = depth <= undoStack.size() ? depth : -1;
            refreshFlags();
        }
    }

    void clear() {
        undoStack.clear();
        redoStack.clear();
        savedDepth = 0;
        refreshFlags();
    }

    void refreshFlags() {
        state.canUndo.set(!undoStack.isEmpty());
        state.canRedo.set(!redoStack.isEmpty());
        state.undoText.set(undoStack.isEmpty() ? "" : undoStack.peek().edit().description());
        state.redoText.set(redoStack.isEmpty() ? "" : redoStack.peek().edit().description());
        state.dirty.set(!state.following.get() && state.codebooks.get() != null && savedDepth != undoStack.size());
    }
}
