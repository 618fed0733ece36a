package vqlens.ui.inspect;

import java.util.Locale;

import vqlens.core.Codebooks;
import vqlens.core.edit.CodebookEdit;
import vqlens.core.edit.PermuteCodes;

/**
 * Apply, undo and redo: the one place edits take effect. The codebooks on show and their usage change at
 * once, the selection stays on its code, the history records the edit, and a followed run gets it too.
 * Created once by {@link InspectorViewModel}; FX thread only.
 */
final class EditCommands {

    private final InspectorState state;
    private final EditHistory history;
    private final DataRows dataRows;
    private final RunFollower follower;

    EditCommands(InspectorState state, EditHistory history, DataRows dataRows, RunFollower follower) {
        this.state = state;
        this.history = history;
        this.dataRows = dataRows;
        this.follower = follower;
    }

    void apply(CodebookEdit edit) {
        Codebooks before = state.requireCodebooks();
        CodebookEdit inverse = edit.inverse(before);
        Codebooks after = edit.apply(before); // may throw: nothing has changed yet
        CodeUsage usageBefore = state.usage.get();
        CodeUsage usageAfter = Usages.afterEdit(usageBefore, edit);
        EditHistory.Entry entry = history.record(edit, inverse, usageBefore, usageAfter);
        commit(edit, after, usageAfter, entry);
        state.statusText.set(capitalised(edit.description()));
    }

    boolean undo() {
        EditHistory.Entry last = history.popUndo();
        return last != null && replay(last.inverse(), last.usageBefore(), "Undid: " + last.edit().description());
    }

    boolean redo() {
        EditHistory.Entry next = history.popRedo();
        return next != null && replay(next.edit(), next.usageAfter(), "Redid: " + next.edit().description());
    }

    /** Applies an edit the history already holds (an undo's inverse or a redo). */
    private boolean replay(CodebookEdit edit, CodeUsage usage, String status) {
        commit(edit, edit.apply(state.requireCodebooks()), usage, null);
        state.statusText.set(status);
        return true;
    }

    /**
     * Shows {@code after} and sends {@code edit} to a followed run. {@code entry} is the history entry to drop
     * if the run refuses the edit ({@code null} for undo and redo).
     */
    private void commit(CodebookEdit edit, Codebooks after, CodeUsage usage, EditHistory.Entry entry) {
        state.codebooks.set(after);
        if (state.usageDerived) {
            dataRows.deriveUsage();
        } else {
            state.usage.set(usage);
        }
        followSelection(edit);
        history.refreshFlags();
        follower.sendEdit(edit, () -> history.dropIfLatest(entry));
    }

    /** Keeps the selection on the same code when codes are reordered. */
    private void followSelection(CodebookEdit edit) {
        for (CodebookEdit step : edit.primitives()) {
            int code = state.selectedCode.get();
            if (step instanceof PermuteCodes p && p.head() == state.selectedHead.get() && code >= 0 && code < p.order().length) {
                int[] order = p.order();
                for (int i = 0; i < order.length; i++) {
                    if (order[i] == code) {
                        state.selectedCode.set(i);
                        break;
                    }
                }
            }
        }
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
