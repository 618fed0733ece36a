package vqlens.app.cli.internal;

import java.util.Arrays;

import vqlens.core.QuantizerConfig;

/** One timed operation at one batch size: the median over the repeats and what it means in rates. */
public record BenchResult(BenchOp op, int batch, QuantizerConfig config, int repeats, double medianMs, double minMs) {

    /** Median and minimum of the run times (the median resists this noisy machine's swings). */
    public static BenchResult of(BenchOp op, int batch, QuantizerConfig config, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return new BenchResult(op, batch, config, n, median / 1e6, sorted[0] / 1e6);
    }

    public double vectorsPerSecond() {
        return batch / seconds();
    }

    /** 0 for decode, which does no arithmetic. */
    public double gflops() {
        return op.flops(batch, config) / seconds() / 1e9;
    }

    public double gigabytesPerSecond() {
        return op.bytes(batch, config) / seconds() / 1e9;
    }

    private double seconds() {
        return Math.max(medianMs, 1e-6) / 1e3; // a zero time on a coarse clock must not divide by zero
    }
}
