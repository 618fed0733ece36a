package vqlens.core.edit;

import java.util.List;

import vqlens.core.Codebooks;

/**
 * One change to a set of codebooks, as an immutable value. {@link #apply} never changes its argument.
 *
 * <p>An edit is made for codebooks of one shape; applying it to another shape, or to codes that do not
 * exist, throws {@link vqlens.core.VqException}. {@link #inverse} gives the edit that undoes it, computed
 * from the codebooks it is about to be applied to.
 */
public sealed interface CodebookEdit permits SetCodes, PermuteCodes, EditSequence {

    /** Short text for people, e.g. {@code "re-initialise head 0 code 17 from a data row"}. */
    String description();

    /** The codebooks after this edit; {@code before} is unchanged. */
    Codebooks apply(Codebooks before);

    /** The edit that takes {@code apply(before)} back to {@code before}. */
    CodebookEdit inverse(Codebooks before);

    /**
     * This edit as primitives in the order they apply: what a trainer walks to reset the per-code state of
     * changed codes ({@link SetCodes}) and to permute it ({@link PermuteCodes}). A primitive is its own list.
     */
    default List<CodebookEdit> primitives() {
        return List.of(this);
    }
}
