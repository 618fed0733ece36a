/**
 * Codebooks inside files that hold many tensors (safetensors, PyTorch checkpoints, FAISS indexes), whatever the
 * container: every reader describes its tensors as {@link vqlens.core.io.internal.model.StoredTensor}s (element
 * type, shape, strides, offset and byte order over a storage's bytes), and the code here does the rest once:
 * which tensors are codebooks and which is chosen ({@link vqlens.core.io.internal.model.CodebookRules}), reading
 * exactly the chosen tensor's values ({@link vqlens.core.io.internal.model.TensorValues}). The view and storage
 * details a write-back into a copy of the file needs are kept ({@code vqlens.core.io.CodebookSource}), and
 * {@link vqlens.core.io.internal.model.TensorPatch} writes new values through them.
 */
package vqlens.core.io.internal.model;
