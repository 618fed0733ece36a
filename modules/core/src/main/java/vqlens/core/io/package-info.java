/**
 * Codebook files: the NumPy {@code .npy}/{@code .npz} readers and writers and the {@link
 * vqlens.core.io.CodebookFiles} facade that turns such files into {@link vqlens.core.Codebooks} and
 * back. Every problem with a file (malformed, truncated, unreadable) surfaces as a one-line {@link
 * vqlens.core.io.CodebookFileException}; nothing here uses ND4J.
 */
package vqlens.core.io;
