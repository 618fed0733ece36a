package vqlens.core.runtime;

/**
 * What the numerics run on, as reported by {@code ./vqlens --version} and the status bar.
 *
 * @param backend            ND4J backend: {@code CPU} or {@code CUDA}
 * @param nd4jVersion        ND4J version
 * @param blasVendor         BLAS library ND4J loaded (e.g. {@code OpenBLAS})
 * @param blasCoreType       OpenBLAS kernel set ({@code OPENBLAS_CORETYPE}), or {@code auto} when OpenBLAS detects it
 * @param blasCoreTypeSource who chose the kernel set: {@code launcher}, {@code user} or {@code OpenBLAS}
 * @param blasThreads        threads one BLAS call may use
 * @param ompThreads         OpenMP threads of ND4J's native ops
 * @param workerThreads      threads VQ Lens's own kernels split a batch over
 * @param searchLoop         the nearest-code inner loop: e.g. {@code SIMD, 8 float lanes} or {@code scalar}
 */
public record RuntimeInfo(String backend, String nd4jVersion, String blasVendor, String blasCoreType,
                          String blasCoreTypeSource, int blasThreads, int ompThreads, int workerThreads,
                          String searchLoop) {

    /** One line for a status bar, e.g. {@code CPU · OpenBLAS Haswell · 2 worker threads}. */
    public String summary() {
        return backend + " · " + blasVendor + " " + blasCoreType + " · " + workerThreads + " worker thread"
                + (workerThreads == 1 ? "" : "s");
    }

    /** The lines {@code --version} prints after the version line. */
    public String describe() {
        return "ND4J " + nd4jVersion + ", backend " + backend + "\n"
                + "BLAS " + blasVendor + ", core type " + blasCoreType + " (chosen by " + blasCoreTypeSource + "), "
                + blasThreads + " thread(s) per call\n"
                + "threads: " + workerThreads + " worker(s), " + ompThreads + " OpenMP; nearest-code loop: " + searchLoop;
    }
}
