package vqlens.core.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import vqlens.core.testing.TestPython;

/**
 * Opening a large FAISS IndexIVFPQ reads only its headers, the coarse centroids' place, the centroids and the inverted
 * lists' sizes (a benchmark, not a test: it prints and asserts nothing; its name keeps it out of the normal test run).
 * Writes, with the real faiss, an IVFPQ (d 64, nlist 64, M 16, 8 bits) holding {@code millions} million vectors, then
 * times in one JVM VQ Lens opening its centroids (warm, best of 5), reading every byte once, and, in Python,
 * {@code faiss.read_index} of the file. Run like {@link CheckpointOpenBenchmark}:
 * <pre>
 * java -Xmx256m -cp &lt;core's test and main classes and class path&gt; vqlens.core.io.FaissOpenBenchmark [millions] [folder]
 * </pre>
 */
public final class FaissOpenBenchmark {
    private FaissOpenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double millions = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("vqlens-bench");
        Path file = dir.resolve("large.index");
        long t0 = System.nanoTime();
        TestPython.run("""
                import sys, numpy as np, faiss
                path, n = sys.argv[1], int(float(sys.argv[2]) * 1e6)
                rs = np.random.RandomState(0)
                ix = faiss.IndexIVFPQ(faiss.IndexFlatL2(64), 64, 64, 16, 8)
                ix.train(rs.randn(20000, 64).astype('float32'))
                for start in range(0, n, 100000):
                    ix.add(rs.randn(min(100000, n - start), 64).astype('float32'))
                faiss.write_index(ix, path)
                """, file.toString(), Double.toString(millions));
        System.out.printf(Locale.ROOT, "wrote %s: %.1f MiB in %.1f s%n", file, Files.size(file) / 1048576.0, (System.nanoTime() - t0) / 1e9);

        long heapBefore = CheckpointOpenBenchmark.heapUsedAfterGc();
        long best = Long.MAX_VALUE;
        CodebookFileInfo info = null;
        long peakBeyond;
        try (CheckpointOpenBenchmark.HeapSampler sampler = new CheckpointOpenBenchmark.HeapSampler()) {
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                info = CodebookFiles.describe(file, null);
                best = Math.min(best, System.nanoTime() - start);
            }
            peakBeyond = sampler.peak() - heapBefore;
        }
        long readAll = CheckpointOpenBenchmark.readEveryByte(file);
        String faiss = TestPython.run("""
                import sys, time, faiss
                t = time.perf_counter(); faiss.read_index(sys.argv[1]); t1 = time.perf_counter() - t
                t = time.perf_counter(); faiss.read_index(sys.argv[1]); print('%.4f %.4f' % (t1, time.perf_counter() - t))
                """, file.toString());
        double faissWarm = Double.parseDouble(faiss.strip().split(" ")[1]);
        System.out.printf(Locale.ROOT, "open %s (%s): best of 5 %.2f ms; peak heap seen beyond the start %.1f MiB (-Xmx %d MiB)%n",
                info.key(), info.shape(), best / 1e6, peakBeyond / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "reading every byte once: %.1f ms (%.1fx the open); faiss.read_index, warm: %.1f ms (%.1fx the open)%n",
                readAll / 1e6, readAll / (double) best, faissWarm * 1e3, faissWarm * 1e9 / best);
        Files.delete(file);
    }
}
