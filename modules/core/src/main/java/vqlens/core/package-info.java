/**
 * The product quantizer and its values: {@link vqlens.core.QuantizerConfig} (the shape),
 * {@link vqlens.core.ProductQuantizer} (forward, encode, decode on ND4J), {@link vqlens.core.Codebooks}
 * (an immutable copy that crosses threads and modules), {@link vqlens.core.StraightThrough} (the
 * training contract), {@link vqlens.core.NearestCodes} (the encoder's search for a few rows, in plain Java),
 * {@link vqlens.core.CodebookReport} and {@link vqlens.core.CodeDistances} (codebook health, codes compared
 * with each other) and {@link vqlens.core.VqException} (user-facing one-line errors).
 */
package vqlens.core;
