/**
 * Implementation of {@code vqlens.core.io} (not exported): the NPY header parser, the ZIP central
 * directory reader and the stored-ZIP writer, the safetensors header validator, the CSV tokenizer,
 * element decoding/encoding and atomic temp-file writes. Every reader works on a {@link
 * vqlens.core.io.internal.ByteRegion} (a file or a byte array, which is how the fuzz tests drive them)
 * and validates every length and count against the bytes it has before it allocates, because all of
 * them read untrusted files.
 */
package vqlens.core.io.internal;
