package vqlens.ui.inspect;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import vqlens.core.Codebooks;
import vqlens.core.edit.CodebookEdit;

/**
 * The inspector's state and commands: the codebooks on show, per-code usage when known, the selected head
 * and code, the data rows shown with them, and the edit history (undo, redo, unsaved changes). No node and
 * no toolkit call: call it on the FX thread; panes bind to its read-only properties.
 *
 * <p>Lifecycle: empty (no codebooks) until codebooks are shown; every {@link #apply} records the edit and
 * its inverse, {@link #undo}/{@link #redo} walk the history, {@link #markSaved} sets the point that counts
 * as unchanged.
 */
public final class InspectorViewModel {

    private final ReadOnlyObjectWrapper<Codebooks> codebooks = new ReadOnlyObjectWrapper<>(this, "codebooks");
    private final ReadOnlyObjectWrapper<CodeUsage> usage = new ReadOnlyObjectWrapper<>(this, "usage");
    private final ReadOnlyObjectWrapper<DataSample> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final IntegerProperty selectedHead = new SimpleIntegerProperty(this, "selectedHead", 0);
    private final IntegerProperty selectedCode = new SimpleIntegerProperty(this, "selectedCode", -1);
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");

    private record Entry(CodebookEdit edit, CodebookEdit inverse) { }

    private final Deque<Entry> undoStack = new ArrayDeque<>();
    private final Deque<Entry> redoStack = new ArrayDeque<>();
    /** Undo depth that matches the saved file; -1 when no state in the history does. */
    private int savedDepth;

    /** The codebooks on show, {@code null} when none. */
    public ReadOnlyObjectProperty<Codebooks> codebooksProperty() {
        return codebooks.getReadOnlyProperty();
    }

    public Codebooks getCodebooks() {
        return codebooks.get();
    }

    /** Per-code usage when the source knows it, else {@code null}. */
    public ReadOnlyObjectProperty<CodeUsage> usageProperty() {
        return usage.getReadOnlyProperty();
    }

    /** Data rows shown with the codebooks, {@code null} when none. */
    public ReadOnlyObjectProperty<DataSample> dataProperty() {
        return data.getReadOnlyProperty();
    }

    /** The head whose codes the panes show, 0-based. */
    public IntegerProperty selectedHeadProperty() {
        return selectedHead;
    }

    /** The selected code of the selected head, -1 for none. */
    public IntegerProperty selectedCodeProperty() {
        return selectedCode;
    }

    /** Whether the codebooks differ from the last save (or from what was opened). */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** Shows new codebooks (a file just opened): clears the history and counts them as saved. */
    public void show(Codebooks newCodebooks, CodeUsage newUsage) {
        codebooks.set(Objects.requireNonNull(newCodebooks, "newCodebooks"));
        usage.set(newUsage);
        undoStack.clear();
        redoStack.clear();
        savedDepth = 0;
        if (selectedHead.get() >= newCodebooks.config().heads()) {
            selectedHead.set(0);
        }
        if (selectedCode.get() >= newCodebooks.config().codes()) {
            selectedCode.set(-1);
        }
        refreshFlags();
    }

    /** Sets the data rows shown with the codebooks ({@code null} for none). */
    public void setData(DataSample sample) {
        data.set(sample);
    }

    /**
     * Applies {@code edit} to the codebooks on show and records it for undo; clears redo.
     *
     * @throws vqlens.core.VqException if the edit does not fit these codebooks (nothing changes then)
     */
    public void apply(CodebookEdit edit) {
        Codebooks before = requireCodebooks();
        CodebookEdit inverse = edit.inverse(before);
        Codebooks after = edit.apply(before);
        if (savedDepth > undoStack.size()) {
            savedDepth = -1;
        }
        undoStack.push(new Entry(edit, inverse));
        redoStack.clear();
        codebooks.set(after);
        refreshFlags();
    }

    /** Undoes the last edit; false when there is none. */
    public boolean undo() {
        Entry last = undoStack.poll();
        if (last == null) {
            return false;
        }
        codebooks.set(last.inverse().apply(requireCodebooks()));
        redoStack.push(last);
        refreshFlags();
        return true;
    }

    /** Redoes the last undone edit; false when there is none. */
    public boolean redo() {
        Entry next = redoStack.poll();
        if (next == null) {
            return false;
        }
        codebooks.set(next.edit().apply(requireCodebooks()));
        undoStack.push(next);
        refreshFlags();
        return true;
    }

    /** The codebooks on show now count as saved. */
    public void markSaved() {
        savedDepth = undoStack.size();
        refreshFlags();
    }

    private Codebooks requireCodebooks() {
        Codebooks now = codebooks.get();
        if (now == null) {
            throw new IllegalStateException("no codebooks on show");
        }
        return now;
    }

    private void refreshFlags() {
        canUndo.set(!undoStack.isEmpty());
        canRedo.set(!redoStack.isEmpty());
        dirty.set(savedDepth != undoStack.size());
    }
}
