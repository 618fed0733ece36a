package vqlens.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import vqlens.core.testing.TestPython;

/**
 * Opening a large {@code torch.save} checkpoint reads only the codebook's storage (a benchmark, not a test: it
 * prints and asserts nothing; its name keeps it out of the normal test run). Writes, with the real torch, a
 * state_dict of {@code gib} GiB of float32 weights around a {@code quantizer.codebooks} [4, 256, 96], then times,
 * in one JVM: VQ Lens opening the codebook (warm, best of 5), reading every byte of the file once (what any reader
 * that loads the whole file pays at least), and, in Python, {@code torch.load(weights_only=True)} of the file.
 * Run with a small heap to check the memory bound, after {@code mvn -pl modules/core test-compile}:
 * <pre>
 * java -Xmx256m -cp modules/core/target/test-classes:modules/core/target/classes:&lt;core's class path&gt; \
 *     vqlens.core.io.CheckpointOpenBenchmark [gib] [folder]
 * </pre>
 */
public final class CheckpointOpenBenchmark {
    private CheckpointOpenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double gib = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("vqlens-bench");
        Path file = dir.resolve("large.pt");
        long t0 = System.nanoTime();
        TestPython.run("""
                import sys, collections, torch
                path, gib = sys.argv[1], float(sys.argv[2])
                torch.manual_seed(0)
                sd = collections.OrderedDict()
                per = 64 << 20  # 64 MiB weight tensors
                for i in range(int(gib * (1 << 30)) // per):
                    sd['layers.%d.weight' % i] = torch.empty(per // 4 // 4096, 4096).normal_()
                    if i == 3:
                        sd['quantizer.codebooks'] = torch.randn(4, 256, 96)
                        sd['quantizer.inited'] = torch.tensor(True)
                torch.save(sd, path)
                """, file.toString(), Double.toString(gib));
        System.out.printf(Locale.ROOT, "wrote %s: %.2f GiB in %.1f s%n", file, Files.size(file) / (double) (1L << 30),
                (System.nanoTime() - t0) / 1e9);

        long heapBefore = heapUsedAfterGc();
        long best = Long.MAX_VALUE;
        CodebookFileInfo info = null;
        long peakBeyond;
        try (HeapSampler sampler = new HeapSampler()) {
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                info = CodebookFiles.describe(file, null);
                best = Math.min(best, System.nanoTime() - start);
            }
            peakBeyond = sampler.peak() - heapBefore;
        }
        long codebookBytes = (long) info.codebooks().config().codebookValues() * Float.BYTES;
        long readAll = readEveryByte(file);
        String torch = TestPython.run("""
                import sys, time, torch
                t = time.perf_counter(); torch.load(sys.argv[1], weights_only=True); t1 = time.perf_counter() - t
                t = time.perf_counter(); torch.load(sys.argv[1], weights_only=True); print('%.4f %.4f' % (t1, time.perf_counter() - t))
                """, file.toString());
        double torchWarm = Double.parseDouble(torch.strip().split(" ")[1]);
        System.out.printf(Locale.ROOT, "open %s (%s %s): best of 5 %.1f ms; peak heap seen beyond the start %.1f MiB"
                        + " (codebook %.1f MiB; -Xmx %d MiB)%n", info.key(), info.dtype(), info.shape(), best / 1e6,
                peakBeyond / 1048576.0, codebookBytes / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "reading every byte once: %.1f ms (%.1fx the open); torch.load(weights_only=True), warm:"
                + " %.1f ms (%.1fx the open)%n", readAll / 1e6, readAll / (double) best, torchWarm * 1e3, torchWarm * 1e9 / best);
        Files.delete(file);
    }

    static long readEveryByte(Path file) throws IOException {
        long start = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(buffer.clear()) > 0) {
                buffer.flip();
            }
        }
        return System.nanoTime() - start;
    }

    static long heapUsedAfterGc() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Samples the used heap every millisecond while it runs: the peak it saw (a lower bound of the true one). */
    static final class HeapSampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;

        HeapSampler() {
            thread = new Thread(() -> {
                Runtime r = Runtime.getRuntime();
                while (running) {
                    peak = Math.max(peak, r.totalMemory() - r.freeMemory());
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        long peak() {
            return peak;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(1000);
        }
    }
}
