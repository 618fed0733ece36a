/**
 * Kernels behind {@code ProductQuantizer}: the BLAS nearest-code search for the CPU backend, a portable
 * ND4J-ops search for other backends, zero-copy views of ND4J buffers, and the worker threads. Not exported.
 */
package vqlens.core.internal;
