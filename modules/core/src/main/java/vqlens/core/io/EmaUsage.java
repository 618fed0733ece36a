package vqlens.core.io;

import java.util.List;
import java.util.Objects;

/**
 * A usage estimate kept as an exponential moving average, e.g. vector-quantize-pytorch's {@code cluster_size}:
 * per head and code the decayed number of assignments per step, a float (not the integer totals of VQ Lens's
 * {@code usage}).
 *
 * @param key    the tensor it came from
 * @param heads  heads (rows of {@code values})
 * @param codes  codes per head
 * @param values {@code heads * codes} values, C order
 */
public record EmaUsage(String key, int heads, int codes, float[] values) {
    public EmaUsage {
        Objects.requireNonNull(key, "key");
        if (values.length != (long) heads * codes) {
            throw new IllegalArgumentException(values.length + " values for " + heads + " x " + codes);
        }
        values = values.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    public float value(int head, int code) {
        return values[head * codes + code];
    }

    /** Sum over the codes of one head. */
    public double total(int head) {
        double sum = 0;
        for (int k = 0; k < codes; k++) {
            sum += values[head * codes + k];
        }
        return sum;
    }

    /** Codes of one head whose average is below {@code threshold} (vector-quantize-pytorch's dead-code test). */
    public int below(int head, double threshold) {
        int n = 0;
        for (int k = 0; k < codes; k++) {
            n += values[head * codes + k] < threshold ? 1 : 0;
        }
        return n;
    }

    /** The shape as stored, {@code [heads, codes]}. */
    public List<Long> shape() {
        return List.of((long) heads, (long) codes);
    }
}
