package vqlens.core.runtime;

/**
 * What the numerics run on, as reported by {@code ./vqlens --version} and the status bar.
 *
 * @param backend       ND4J backend: {@code CPU} or {@code CUDA}
 * @param nd4jVersion   ND4J version
 * @param blasVendor    BLAS library ND4J loaded (e.g. {@code OpenBLAS})
 * @param blasCoreType  OpenBLAS kernel set: the {@code OPENBLAS_CORETYPE} the launcher chose, or {@code auto}
 * @param blasThreads   threads one BLAS call may use
 * @param ompThreads    OpenMP threads of ND4J's native ops
 * @param workerThreads threads VQ Lens's own kernels split a batch over
 */
public record RuntimeInfo(String backend, String nd4jVersion, String blasVendor, String blasCoreType,
                          int blasThreads, int ompThreads, int workerThreads) {

    /** One line for a status bar. */
    public String summary() {
        return backend + " · " + blasVendor + " (" + blasCoreType + ") · " + workerThreads + " worker threads";
    }

    /** The lines {@code --version} prints after the version line. */
    public String describe() {
        return "ND4J " + nd4jVersion + ", backend " + backend + "\n"
                + "BLAS " + blasVendor + ", core type " + blasCoreType + ", " + blasThreads + " BLAS thread(s) per call\n"
                + "threads: " + workerThreads + " worker(s), " + ompThreads + " OpenMP";
    }
}
