package vqlens.train.internal.vqvae;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the network's small-batch work with ND4J's native ops on one thread. A VQ-VAE step is ~60 native ops
 * on arrays of a few thousand values; splitting each over OpenMP threads costs more in hand-offs than it
 * gains, and when the cores are busy (other programs, a second JVM) a two-thread op waits for a descheduled
 * partner: measured here at load 12 on 2 cores, a {@code [64, 32]} add took 4–6 ms on 2 threads and
 * 0.06–0.4 ms on one. ND4J's thread limit is process-wide, so it is narrowed only for the duration of one
 * call and put back afterwards; other threads' ND4J calls during that window run on one thread too.
 */
final class OpThreads {
    /** Calls touching at most this many values per layer run single-threaded (batch 4096 × 256). */
    static final long SINGLE_THREAD_VALUES = 1L << 20;

    private OpThreads() {
    }

    static <T> T call(long valuesPerLayer, Supplier<T> work) {
        if (valuesPerLayer > SINGLE_THREAD_VALUES) {
            return work.get();
        }
        Environment env = Nd4j.getEnvironment();
        int threads = env.maxThreads();
        int master = env.maxMasterThreads();
        env.setMaxThreads(1);
        env.setMaxMasterThreads(1);
        try {
            return work.get();
        } finally {
            env.setMaxThreads(threads);
            env.setMaxMasterThreads(master);
        }
    }
}
