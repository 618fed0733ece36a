package vqlens.core;

import java.util.Arrays;

/**
 * An immutable copy of a product quantizer's codebooks: {@code [heads, codes, headDim]} float32 values
 * in C order, plus the {@code inited} flag. This is what crosses module and thread boundaries (files,
 * the UI, snapshots); it holds no ND4J array.
 */
public final class Codebooks {
    private final QuantizerConfig config;
    private final float[] values;
    private final boolean inited;

    private Codebooks(QuantizerConfig config, float[] values, boolean inited) {
        this.config = config;
        this.values = values;
        this.inited = inited;
    }

    /**
     * Copies {@code values} ({@code [heads, codes, headDim]}, C order).
     *
     * @throws VqException if the length disagrees with the config
     */
    public static Codebooks of(QuantizerConfig config, float[] values, boolean inited) {
        return wrap(config, values.clone(), inited);
    }

    /** Like {@link #of} but takes ownership of {@code values}: the caller must not change them afterwards. */
    public static Codebooks wrap(QuantizerConfig config, float[] values, boolean inited) {
        if (values.length != config.codebookValues()) {
            throw new VqException("codebook values: expected " + config.codebookValues() + " for " + config
                    + ", got " + values.length);
        }
        return new Codebooks(config, values, inited);
    }

    public QuantizerConfig config() {
        return config;
    }

    public boolean inited() {
        return inited;
    }

    /** A copy of all values, {@code [heads, codes, headDim]} in C order. */
    public float[] toArray() {
        return values.clone();
    }

    /** The value at {@code [head, code, dim]}. */
    public float value(int head, int code, int dim) {
        return values[offset(head, code) + dim];
    }

    /** A copy of one code vector. */
    public float[] code(int head, int code) {
        int from = offset(head, code);
        return Arrays.copyOfRange(values, from, from + config.headDim());
    }

    /** Copies one code vector into {@code dst} at {@code dstOffset}. */
    public void copyCode(int head, int code, float[] dst, int dstOffset) {
        System.arraycopy(values, offset(head, code), dst, dstOffset, config.headDim());
    }

    /** Euclidean norm of one code, computed in double. */
    public double norm(int head, int code) {
        int from = offset(head, code);
        double sum = 0;
        for (int d = 0; d < config.headDim(); d++) {
            double v = values[from + d];
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /** A copy with a different {@code inited} flag. */
    public Codebooks withInited(boolean newInited) {
        return new Codebooks(config, values, newInited);
    }

    private int offset(int head, int code) {
        if (head < 0 || head >= config.heads()) {
            throw new IndexOutOfBoundsException("head " + head + " of " + config.heads());
        }
        if (code < 0 || code >= config.codes()) {
            throw new IndexOutOfBoundsException("code " + code + " of " + config.codes());
        }
        return (head * config.codes() + code) * config.headDim();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Codebooks other && other.config.equals(config) && other.inited == inited
                && Arrays.equals(other.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * config.hashCode() + Arrays.hashCode(values) + (inited ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Codebooks[" + config + ", inited=" + inited + "]";
    }
}
