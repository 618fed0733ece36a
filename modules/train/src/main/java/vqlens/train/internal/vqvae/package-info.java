/**
 * The full VQ-VAE mode: an MLP encoder and decoder around the product quantizer, built and differentiated
 * with ND4J's SameDiff (no hand-written backprop). Not exported.
 */
package vqlens.train.internal.vqvae;
