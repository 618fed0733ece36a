package vqlens.core.io.internal;

/**
 * Refuses an allocation the Java heap can never hold, with advice, instead of an {@link OutOfMemoryError}:
 * the largest codebook (2^28 floats, 1 GiB) is valid but does not fit a small heap.
 */
final class HeapCheck {
    private HeapCheck() {
    }

    /** Fails unless {@code count} float values fit in 90% of the maximum heap. */
    static void floats(Origin origin, long count, String what) {
        long bytes = count * Float.BYTES;
        long max = Runtime.getRuntime().maxMemory();
        if (max != Long.MAX_VALUE && bytes > max / 10 * 9) {
            throw origin.fail(what + " need " + (bytes >> 20) + " MiB of memory, more than this Java heap (" + (max >> 20)
                    + " MiB) can hold; start VQ Lens with a larger heap, e.g. VQLENS_JAVA_OPTS=-Xmx8g");
        }
    }
}
