package vqlens.app.cli.internal;

import java.util.Locale;

import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;

/** The operations {@code vqlens bench} times, with the work and traffic each one does per batch. */
public enum BenchOp {
    ENCODE, FORWARD, DECODE;

    /** Name as printed and as {@code --op} accepts it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Runs once on the first {@code batch} rows of the shared buffers. */
    public void run(ProductQuantizer quantizer, BenchData data, int batch) {
        switch (this) {
            case ENCODE -> quantizer.encode(data.z(), batch, 0, data.indices());
            case FORWARD -> quantizer.forward(data.z(), batch, 0, data.indices(), data.output(), null);
            case DECODE -> quantizer.decode(data.indices(), batch, 0, data.output());
        }
    }

    /** Floating-point operations: the distance products 2·B·H·K·D; a decode is a gather, so 0. */
    public double flops(long batch, QuantizerConfig config) {
        return this == DECODE ? 0 : 2.0 * batch * config.codes() * config.embeddingDim();
    }

    /** Bytes of rows and indices read and written (the codebook, which stays in cache, not counted). */
    public double bytes(long batch, QuantizerConfig config) {
        double rows = 4.0 * batch * config.embeddingDim();
        double idx = 8.0 * batch * config.heads();
        return switch (this) {
            case ENCODE, DECODE -> rows + idx;
            case FORWARD -> 2 * rows + idx;
        };
    }

    /** Whether it writes into {@link BenchData#output()}. */
    public boolean needsOutput() {
        return this != ENCODE;
    }
}
