/**
 * FAISS files ({@code faiss.write_index}, {@code faiss.write_ProductQuantizer}) read without FAISS: the layout of FAISS
 * 1.7's {@code impl/index_write.cpp} walked field by field, every count checked against the bytes left before it is
 * used, codes, ids and inverted lists skipped by their lengths. The product quantizer's centroids become a stored tensor
 * {@code [M, ksub, dsub]} ({@code pq.centroids}) that {@code vqlens.core.io.internal.model} reads as codebooks; what
 * else the index holds (an OPQ matrix, coarse centroids, residual encoding) goes into the notes {@code inspect} prints.
 */
package vqlens.core.io.internal.faiss;
