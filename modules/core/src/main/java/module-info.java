/**
 * The product quantizer of VQ Lens on ND4J: configuration, codebooks, forward/encode/decode and the
 * codebook files. ND4J lives on the class path (its descriptors are broken), so this module reads the
 * unnamed module at compile and run time instead of requiring it by name.
 */
module vqlens.core {
    requires com.fasterxml.jackson.databind;
    // SIMD argmin when the JVM adds the module (the launcher and the tests do); scalar fallback otherwise.
    requires static jdk.incubator.vector;

    exports vqlens.core;
    exports vqlens.core.edit;
    exports vqlens.core.geometry;
    exports vqlens.core.io;
    exports vqlens.core.runtime;
    // BLAS pointers of ND4J arrays and the worker pool, for train's written-out VQ-VAE step
    exports vqlens.core.internal to vqlens.train;
}
