/**
 * Codebook files: the {@link vqlens.core.io.CodebookFiles} facade that turns {@code .npz} (native),
 * {@code .safetensors}, {@code .npy} and CSV files into {@link vqlens.core.Codebooks} and back (format by
 * extension, {@link vqlens.core.io.CodebookFormat}) and reads the codebooks inside PyTorch checkpoints (by content,
 * {@link vqlens.core.io.SourceFormat}; candidates as {@link vqlens.core.io.CodebookCandidate}s), with {@link vqlens.core.io.CodebookFiles#patch} to write an edited codebook back into a copy of
 * its model file ({@link vqlens.core.io.PatchSummary}), {@link vqlens.core.io.CodebookDocument} for the
 * native file's usage counts and metadata and {@link vqlens.core.io.CodebookFileInfo} for inspecting a
 * file; and the streaming {@code .npy} reader and writer for data arrays. Every parser validates sizes
 * against the file before allocating. Every problem with a file (malformed, hostile, truncated,
 * unreadable) surfaces as a one-line {@link vqlens.core.io.CodebookFileException}, several candidate
 * codebooks without a key as its subtype {@link vqlens.core.io.AmbiguousCodebookException}; nothing
 * here uses ND4J.
 */
package vqlens.core.io;
