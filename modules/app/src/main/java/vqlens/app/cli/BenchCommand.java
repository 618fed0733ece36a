package vqlens.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vqlens.core.runtime.ProductVersion;
import vqlens.app.cli.internal.BenchData;
import vqlens.app.cli.internal.BenchOp;
import vqlens.app.cli.internal.BenchResult;
import vqlens.app.cli.internal.Json;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.core.runtime.ComputeRuntime;
import vqlens.core.runtime.RuntimeInfo;

/** {@code vqlens bench}: times encode, forward and decode on random data (speed is reported, never judged). */
@Command(name = "bench",
        description = {"Times encode, forward and decode on standard-normal rows and a random codebook (fixed seed).",
                "Each time is the median of the repeats after warm-up runs. Default shape: the reference module's."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--batch", paramLabel = "N", split = ",", defaultValue = "1024,32768,262144",
            description = "rows per call; repeat or list for several (default: ${DEFAULT-VALUE})")
    List<Integer> batches;

    @Option(names = "--heads", paramLabel = "H", description = "heads (default: 4)")
    Integer heads;

    @Option(names = "--dim", paramLabel = "E", description = "embedding dimension (default: 384)")
    Integer dim;

    @Option(names = "--codes", paramLabel = "K", description = "codes per head (default: 256)")
    Integer codes;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5", description = "timed runs per measurement (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "1", description = "untimed runs first, at least (default: ${DEFAULT-VALUE})")
    int warmup;

    // The JIT compiles the SIMD loop only after many calls; until then it runs far slower, so warm up by time too.
    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "1.5",
            description = "keep warming up until this much time has passed (default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--op", paramLabel = "OP", description = "operation to time: encode, forward or decode; repeat for several (default: all)")
    List<BenchOp> ops;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "20240601", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print one JSON object per measurement instead of a table")
    boolean json;

    @Override
    public Integer call() {
        QuantizerConfig config = config();
        List<Integer> sizes = batches.stream().distinct().toList();
        List<BenchOp> timed = ops == null ? List.of(BenchOp.values()) : ops.stream().distinct().toList();
        validate(config, sizes);

        int maxBatch = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        boolean withOutput = timed.stream().anyMatch(BenchOp::needsOutput);
        requireHeap(config, maxBatch, withOutput);
        RuntimeInfo runtime = ComputeRuntime.info();
        BenchData data = BenchData.create(config, maxBatch, withOutput, seed);
        ProductQuantizer quantizer = ProductQuantizer.of(BenchData.randomCodebooks(config, seed + 1));

        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.println("VQ Lens " + ProductVersion.current() + " bench on " + runtime.summary() + "; "
                    + "median of " + repeats + " after " + warmup + " warm-up run(s)");
            out.println(String.format(Locale.ROOT, "%-8s %9s %6s %6s %6s %11s %14s %9s %8s",
                    "op", "batch", "heads", "dim", "codes", "median ms", "vectors/s", "GFLOP/s", "GB/s"));
            out.flush();
        }
        for (int batch : sizes) {
            for (BenchOp op : timed) {
                BenchResult result = measure(quantizer, data, op, batch, config);
                out.println(json ? Json.line(toJson(result, runtime)) : tableRow(result));
                out.flush();
            }
        }
        return 0;
    }

    private BenchResult measure(ProductQuantizer quantizer, BenchData data, BenchOp op, int batch, QuantizerConfig config) {
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; i < warmup || System.nanoTime() < warmupEnd; i++) {
            op.run(quantizer, data, batch);
        }
        long[] nanos = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            op.run(quantizer, data, batch);
            nanos[i] = System.nanoTime() - start;
        }
        return BenchResult.of(op, batch, config, nanos);
    }

    private QuantizerConfig config() {
        QuantizerConfig seed = QuantizerConfig.seedDefault();
        try {
            return new QuantizerConfig(heads == null ? seed.heads() : heads, dim == null ? seed.embeddingDim() : dim,
                    codes == null ? seed.codes() : codes);
        } catch (VqException e) { // the shape comes from options, so a bad one is a usage error
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void validate(QuantizerConfig config, List<Integer> sizes) {
        if (repeats < 1) {
            throw new ParameterException(spec.commandLine(), "--repeats must be at least 1, got " + repeats);
        }
        if (!(warmupSeconds >= 0) || warmupSeconds > 600) {
            throw new ParameterException(spec.commandLine(), "--warmup-seconds must be in [0, 600], got " + warmupSeconds);
        }
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must be at least 0, got " + warmup);
        }
        for (int batch : sizes) {
            if (batch < 1) {
                throw new ParameterException(spec.commandLine(), "--batch must be at least 1, got " + batch);
            }
            if ((long) batch * config.embeddingDim() > BenchData.MAX_ARRAY) {
                throw new ParameterException(spec.commandLine(), "--batch " + batch + " x dim " + config.embeddingDim()
                        + " values do not fit one Java array; use a smaller --batch");
            }
        }
    }

    /** Refuses up front rather than dying of OutOfMemoryError after minutes of earlier batches. */
    private static void requireHeap(QuantizerConfig config, int maxBatch, boolean withOutput) {
        long needed = BenchData.bytesNeeded(config, maxBatch, withOutput);
        long max = Runtime.getRuntime().maxMemory();
        if (max != Long.MAX_VALUE && needed > max * 0.8) {
            throw new VqException("batch " + maxBatch + " needs about " + (needed >> 20) + " MiB of Java heap, but at most "
                    + (max >> 20) + " MiB is available; use a smaller --batch or a larger -Xmx");
        }
    }

    private static String tableRow(BenchResult r) {
        QuantizerConfig c = r.config();
        String gflops = r.op() == BenchOp.DECODE ? "-" : String.format(Locale.ROOT, "%.1f", r.gflops());
        return String.format(Locale.ROOT, "%-8s %9d %6d %6d %6d %11.3f %14.0f %9s %8.2f",
                r.op().label(), r.batch(), c.heads(), c.embeddingDim(), c.codes(), r.medianMs(),
                r.vectorsPerSecond(), gflops, r.gigabytesPerSecond());
    }

    private ObjectNode toJson(BenchResult r, RuntimeInfo runtime) {
        QuantizerConfig c = r.config();
        ObjectNode o = Json.object();
        o.put("op", r.op().label());
        o.put("batch", r.batch());
        o.put("heads", c.heads());
        o.put("dim", c.embeddingDim());
        o.put("codes", c.codes());
        o.put("head_dim", c.headDim());
        o.put("repeats", r.repeats());
        o.put("warmup", warmup);
        o.put("median_ms", r.medianMs());
        o.put("min_ms", r.minMs());
        o.put("vectors_per_s", r.vectorsPerSecond());
        o.put("gflops", r.gflops());
        o.put("gb_per_s", r.gigabytesPerSecond());
        o.put("backend", runtime.backend());
        o.put("blas_vendor", runtime.blasVendor());
        o.put("blas_core_type", runtime.blasCoreType());
        o.put("blas_threads", runtime.blasThreads());
        o.put("worker_threads", runtime.workerThreads());
        return o;
    }
}
