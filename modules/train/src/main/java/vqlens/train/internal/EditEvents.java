package vqlens.train.internal;

import java.util.TreeSet;
import vqlens.core.edit.CodebookEdit;
import vqlens.core.edit.PermuteCodes;
import vqlens.core.edit.SetCodes;
import vqlens.train.TrainingEvent;

/** The {@link TrainingEvent.Kind#EDIT} event that records an edit of a running trainer's codebooks. */
public final class EditEvents {
    private EditEvents() {
    }

    /**
     * An event at {@code step} (the steps done when the edit applied) with the edit's description; when the
     * edit concerns one head, that head and the codes it set or moved, else head -1 and no codes.
     */
    public static TrainingEvent of(long step, CodebookEdit edit) {
        int head = -2;
        TreeSet<Integer> codes = new TreeSet<>();
        for (CodebookEdit p : edit.primitives()) {
            int h;
            if (p instanceof SetCodes set) {
                h = set.head();
                for (int c : set.codes()) {
                    codes.add(c);
                }
            } else {
                PermuteCodes permute = (PermuteCodes) p;
                h = permute.head();
                int[] order = permute.order();
                for (int i = 0; i < order.length; i++) {
                    if (order[i] != i) {
                        codes.add(i);
                    }
                }
            }
            head = head == -2 || head == h ? h : -1;
        }
        if (head < 0) {
            return TrainingEvent.of(step, TrainingEvent.Kind.EDIT, -1, edit.description());
        }
        return new TrainingEvent(step, TrainingEvent.Kind.EDIT, head, codes.stream().mapToInt(Integer::intValue).toArray(),
                edit.description());
    }
}
