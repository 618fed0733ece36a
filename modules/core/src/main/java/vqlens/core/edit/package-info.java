/**
 * Edits of codebooks, as values: what the inspector's editor applies, undoes and redoes, and what a
 * running trainer applies between two steps.
 *
 * <p>Every edit is a {@link vqlens.core.edit.CodebookEdit}: a pure function from one
 * {@link vqlens.core.Codebooks} to the next, built from two primitives the trainer knows how to
 * reconcile its per-code state with — {@link vqlens.core.edit.SetCodes} (new values for some codes) and
 * {@link vqlens.core.edit.PermuteCodes} (a reordering of one head's codes). {@link vqlens.core.edit.EditSequence}
 * groups primitives under one description so they undo as one. Operations people ask for (re-initialise,
 * split, merge, normalise, …) are built by {@link vqlens.core.edit.CodebookEdits} from the current codebooks
 * and, where they need it, data rows. No JavaFX, no ND4J.
 */
package vqlens.core.edit;
