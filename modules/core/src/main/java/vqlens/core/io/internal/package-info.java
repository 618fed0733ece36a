/**
 * Implementation of {@code vqlens.core.io} (not exported): the NPY header parser, the ZIP central
 * directory reader and the stored-ZIP writer, element decoding/encoding and atomic temp-file writes.
 * Parsers validate every length and count against the file size before they allocate, because the
 * same code will read untrusted files (safetensors, CSV and fuzzing build on it).
 */
package vqlens.core.io.internal;
