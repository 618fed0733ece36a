/**
 * Test helpers shared by the modules' tests, published in vqlens-core's test-jar (with the golden files):
 * independent {@code .npy} and {@code .safetensors} readers and byte builders (so a file the product wrote
 * is checked by other code than the one that wrote it, and a file can lie in any field), the assertions
 * for one-line file problems and bitwise floats, and the golden files of the PyTorch original as paths.
 *
 * <p>A package of its own, so that the test-jar splits no package under JPMS: in core's tests it is patched
 * into {@code vqlens.core}; the other modules' tests see it on the class path as the automatic module
 * {@code vqlens.core.testing} (never {@code vqlens.core}).
 */
package vqlens.core.testing;
