/**
 * A restricted reader of Python pickles (the {@code data.pkl} of PyTorch checkpoints): a stack machine over an
 * allowlist of opcodes that builds inert Java values ({@link vqlens.core.io.internal.pickle.Py}) and never runs,
 * imports or constructs anything the file names. A global is only a name; calling one ({@code REDUCE},
 * {@code NEWOBJ}) or setting its state ({@code BUILD}) goes through a {@link
 * vqlens.core.io.internal.pickle.PicklePolicy}, which allows a short list (plain containers, PyTorch's tensor
 * rebuild functions) and refuses everything else naming it. Every length is checked against the bytes left
 * before anything is allocated; values and container slots are counted against a budget, so memo and list bombs
 * end in a one-line refusal, not an OutOfMemoryError.
 */
package vqlens.core.io.internal.pickle;
