package vqlens.train.internal;

/**
 * A small seeded random generator (SplitMix64) whose whole state is one {@code long}, so checkpoints can
 * save and restore it exactly. Not thread-safe.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long state) {
        this.state = state;
    }

    public long state() {
        return state;
    }

    public long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, bound)}, unbiased (rejection sampling). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        long u = nextLong() >>> 1;
        long r = u % bound;
        while (u - r + (bound - 1) < 0) { // the last partial block of 2^63 would bias small values
            u = nextLong() >>> 1;
            r = u % bound;
        }
        return (int) r;
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A generator for a side task (e.g. metrics sampling) that leaves this one's sequence untouched. */
    public static SplitMix64 derived(long seed, long salt) {
        SplitMix64 g = new SplitMix64(seed ^ (salt * 0xD1B54A32D192ED03L));
        g.nextLong();
        return g;
    }
}
