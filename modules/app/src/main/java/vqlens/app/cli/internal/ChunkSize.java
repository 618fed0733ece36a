package vqlens.app.cli.internal;

import vqlens.core.QuantizerConfig;

/** How many rows one streaming step holds, so that no buffer grows past {@link #MAX_BUFFER_VALUES}. */
public final class ChunkSize {
    /** 2^26 values (256 MiB of float32) per buffer: large steps stop paying off long before that. */
    static final long MAX_BUFFER_VALUES = 1L << 26;

    private ChunkSize() {
    }

    /**
     * @param requested     rows per step the user asked for (at least 1)
     * @param rows          rows in the input
     * @param rowValues     values per input/output row (E)
     * @param withDistances whether a {@code [rows, H, K]} distance buffer is needed as well
     */
    public static int rows(int requested, long rows, int rowValues, QuantizerConfig config, boolean withDistances) {
        long widest = Math.max(rowValues, withDistances ? (long) config.heads() * config.codes() : 1);
        long cap = Math.max(1, MAX_BUFFER_VALUES / widest);
        return (int) Math.max(1, Math.min(Math.min(requested, cap), rows));
    }
}
