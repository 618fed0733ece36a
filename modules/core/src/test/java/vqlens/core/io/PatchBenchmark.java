package vqlens.core.io;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import vqlens.core.Codebooks;
import vqlens.core.testing.TestPython;

/**
 * Writing an edit back into a large {@code torch.save} checkpoint costs about one copy of the file (a benchmark, not a
 * test: it prints and asserts nothing; its name keeps it out of the normal test run). Writes, with the real torch, a
 * state_dict of {@code gib} GiB of float32 weights around a {@code quantizer.codebooks} [4, 256, 96], then times, in
 * one JVM: {@link CodebookFiles#patch} of one edited code into a copy (best of 3), {@code Files.copy} of the file
 * (the least any copy costs) without and with forcing it to disk (as an atomic save must), and, in Python, what a script would do instead: {@code torch.load(weights_only=True)},
 * the edit and {@code torch.save}. Run after {@code mvn -pl modules/core test-compile}:
 * <pre>
 * java -Xmx256m -cp modules/core/target/test-classes:modules/core/target/classes:&lt;core's class path&gt; \
 *     vqlens.core.io.PatchBenchmark [gib] [folder]
 * </pre>
 */
public final class PatchBenchmark {
    private PatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double gib = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("vqlens-bench");
        Path file = dir.resolve("large.pt");
        Path out = dir.resolve("patched.pt");
        Path copy = dir.resolve("copy.pt");
        TestPython.run("""
                import sys, collections, torch
                path, gib = sys.argv[1], float(sys.argv[2])
                torch.manual_seed(0)
                sd = collections.OrderedDict()
                per = 64 << 20
                for i in range(max(1, int(gib * (1 << 30)) // per)):
                    sd['layers.%d.weight' % i] = torch.empty(per // 4 // 4096, 4096).normal_()
                    if i == 0:
                        sd['quantizer.codebooks'] = torch.randn(4, 256, 96)
                        sd['quantizer.inited'] = torch.tensor(True)
                torch.save(sd, path)
                """, file.toString(), Double.toString(gib));
        Codebooks cb = CodebookFiles.load(file);
        float[] v = cb.toArray();
        for (int d = 0; d < cb.config().headDim(); d++) {
            v[96 + d] = d;
        }
        Codebooks edited = Codebooks.of(cb.config(), v, true);
        long patch = Long.MAX_VALUE;
        long plain = Long.MAX_VALUE;
        long synced = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            CodebookFiles.patch(file, null, edited, out);
            patch = Math.min(patch, System.nanoTime() - start);
            start = System.nanoTime();
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            plain = Math.min(plain, System.nanoTime() - start);
            start = System.nanoTime();
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel c = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                c.force(true); // what an atomic save must add: the data on disk before the rename
            }
            synced = Math.min(synced, System.nanoTime() - start);
        }
        String torch = TestPython.run("""
                import sys, time, torch
                t = time.perf_counter()
                sd = torch.load(sys.argv[1], weights_only=True); sd['quantizer.codebooks'][0, 1] = torch.arange(96.); torch.save(sd, sys.argv[2])
                print('%.4f' % (time.perf_counter() - t))
                """, file.toString(), copy.toString());
        double python = Double.parseDouble(torch.strip().lines().reduce((a, b) -> b).orElseThrow());
        System.out.printf(Locale.ROOT, "%.2f GiB checkpoint: patch best of 3 %.0f ms (%.2f GiB/s); Files.copy %.0f ms, with its fsync %.0f ms;"
                        + " torch.load + edit + torch.save %.0f ms; -Xmx %d MiB%n", Files.size(file) / (double) (1L << 30), patch / 1e6,
                Files.size(file) / (double) (1L << 30) / (patch / 1e9), plain / 1e6, synced / 1e6, python * 1e3, Runtime.getRuntime().maxMemory() >> 20);
        Files.delete(file);
        Files.delete(out);
        Files.delete(copy);
    }
}
