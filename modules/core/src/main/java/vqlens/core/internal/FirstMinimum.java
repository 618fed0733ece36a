package vqlens.core.internal;

/**
 * The innermost loop of the search: the index of the first smallest {@code (zsq + norms[k]) + scores[k]}
 * over {@code k < codes}, or −1 if that minimum is not finite (a NaN/Inf row, or an overflow). NaN never
 * wins a comparison. Implementations give identical answers; {@link #best()} picks the fastest available.
 */
interface FirstMinimum {

    int find(float[] scores, int offset, int codes, float zsq, float[] norms, boolean keepDistances);

    /** For {@code --version}: e.g. {@code SIMD, 8 float lanes}. */
    String description();

    /**
     * The SIMD version when the JVM was started with {@code --add-modules jdk.incubator.vector} (the
     * launcher and the tests do), else the scalar one.
     */
    static FirstMinimum best() {
        boolean simd = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !Boolean.getBoolean("vqlens.scalar");
        return simd ? VectorFirstMinimum.create() : new ScalarFirstMinimum();
    }
}
