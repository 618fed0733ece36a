/**
 * PyTorch checkpoints ({@code torch.save}) read without running them: the zip format of PyTorch 1.6 and later
 * ({@link vqlens.core.io.internal.torch.TorchZipReader}), the restricted unpickling of their {@code data.pkl}
 * ({@link vqlens.core.io.internal.torch.TorchPolicy}: tensors as views of lazily opened storages) and the nested
 * dicts of a checkpoint flattened into keyed tensors ({@link vqlens.core.io.internal.torch.TensorTree}). Which
 * tensor is the codebook is decided once for every container, in {@code io.internal.model.CodebookRules}.
 */
package vqlens.core.io.internal.torch;
