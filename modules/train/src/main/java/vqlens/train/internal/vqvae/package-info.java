/**
 * The full VQ-VAE mode: an MLP encoder and decoder around the product quantizer. On the CPU backend each step
 * is written out ({@code MlpFastPath}: BLAS products on flat buffers, Adam in {@code FlatUpdater}); the same
 * network as a SameDiff graph is the fallback off the CPU and the oracle its gradients are tested against.
 * Not exported.
 */
package vqlens.train.internal.vqvae;
