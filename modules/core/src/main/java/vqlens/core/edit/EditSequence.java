package vqlens.core.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import vqlens.core.Codebooks;
import vqlens.core.VqException;

/**
 * Several edits under one description, applied in order and undone as one (e.g. "replace 12 dead codes",
 * "split code 3 into 3 and 41").
 *
 * @param steps       the edits, in order; not empty
 * @param description short text for people
 */
public record EditSequence(List<CodebookEdit> steps, String description) implements CodebookEdit {

    public EditSequence {
        Objects.requireNonNull(description, "description");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new VqException("an edit sequence needs at least one edit: " + description);
        }
    }

    @Override
    public Codebooks apply(Codebooks before) {
        Codebooks now = before;
        for (CodebookEdit step : steps) {
            now = step.apply(now);
        }
        return now;
    }

    @Override
    public CodebookEdit inverse(Codebooks before) {
        List<CodebookEdit> undo = new ArrayList<>(steps.size());
        Codebooks now = before;
        for (CodebookEdit step : steps) {
            undo.add(0, step.inverse(now));
            now = step.apply(now);
        }
        return new EditSequence(undo, "undo: " + description);
    }

    @Override
    public List<CodebookEdit> primitives() {
        List<CodebookEdit> all = new ArrayList<>();
        for (CodebookEdit step : steps) {
            all.addAll(step.primitives());
        }
        return List.copyOf(all);
    }
}
