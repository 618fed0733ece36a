/**
 * The product quantizer and its values: {@link vqlens.core.QuantizerConfig} (the shape),
 * {@link vqlens.core.ProductQuantizer} (forward, encode, decode on ND4J), {@link vqlens.core.Codebooks}
 * (an immutable copy that crosses threads and modules), {@link vqlens.core.StraightThrough} (the
 * training contract) and {@link vqlens.core.VqException} (user-facing one-line errors).
 */
package vqlens.core;
