/**
 * Data to quantize: seeded synthetic sets with known structure (so tests and teaching can check what a
 * codebook should find) and, later, the user's own embeddings streamed from disk.
 */
package vqlens.train.data;
