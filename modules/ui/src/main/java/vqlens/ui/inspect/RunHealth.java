package vqlens.ui.inspect;

import java.util.List;
import java.util.Locale;

import vqlens.train.HeadMetrics;

/**
 * A followed run's code health as the trainer counts it ({@link HeadMetrics}): per code whether it was dead
 * (below the threshold BEFORE that step's restarts, so a code re-seeded at every step still counts), and per
 * head the codes re-seeded in the window and the thrashing re-seedings. The EMA usage shown after restarts
 * cannot tell this: a re-seeded code's EMA is set to the threshold. Immutable.
 *
 * @param deadFlags  {@code heads × codes}, row-major, owned by this value
 * @param restarted  per head: codes re-seeded at least once in the window
 * @param thrashing  per head: re-seedings of codes re-seeded within the previous steps too
 */
public record RunHealth(boolean[] deadFlags, int heads, int codes, int[] restarted, int[] thrashing) {

    public RunHealth {
        if ((long) heads * codes != deadFlags.length || restarted.length != heads || thrashing.length != heads) {
            throw new IllegalArgumentException(deadFlags.length + " dead flags for " + heads + " x " + codes);
        }
        deadFlags = deadFlags.clone();
        restarted = restarted.clone();
        thrashing = thrashing.clone();
    }

    /** The health of a snapshot's heads, or {@code null} when they do not match {@code heads × codes}. */
    static RunHealth of(List<HeadMetrics> metrics, int heads, int codes) {
        if (metrics.size() != heads) {
            return null;
        }
        boolean[] dead = new boolean[heads * codes];
        int[] restarted = new int[heads];
        int[] thrashing = new int[heads];
        for (HeadMetrics m : metrics) {
            int h = m.head();
            if (h < 0 || h >= heads || m.codes() != codes) {
                return null;
            }
            System.arraycopy(m.deadFlags(), 0, dead, h * codes, codes);
            restarted[h] = m.restarted();
            thrashing[h] = m.thrashing();
        }
        return new RunHealth(dead, heads, codes, restarted, thrashing);
    }

    public boolean dead(int head, int code) {
        return deadFlags[head * codes + code];
    }

    /** Dead codes of {@code head}. */
    public int dead(int head) {
        int n = 0;
        for (int c = 0; c < codes; c++) {
            n += dead(head, c) ? 1 : 0;
        }
        return n;
    }

    @Override
    public boolean[] deadFlags() {
        return deadFlags.clone();
    }

    @Override
    public int[] restarted() {
        return restarted.clone();
    }

    @Override
    public int[] thrashing() {
        return thrashing.clone();
    }

    /** Per head, as the progress line says it: {@code "dead 6/0 · re-seeded 6/0 (6 thrashing)"}. */
    public String summary() {
        StringBuilder dead = new StringBuilder("dead ");
        StringBuilder reseeded = new StringBuilder("re-seeded ");
        int thrash = 0;
        for (int h = 0; h < heads; h++) {
            dead.append(h == 0 ? "" : "/").append(dead(h));
            reseeded.append(h == 0 ? "" : "/").append(restarted[h]);
            thrash += thrashing[h];
        }
        return String.format(Locale.ROOT, "%s · %s%s", dead, reseeded, thrash > 0 ? " (" + thrash + " thrashing)" : "");
    }
}
