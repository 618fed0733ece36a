package vqlens.train.internal.vqvae;

import java.nio.FloatBuffer;
import org.nd4j.linalg.learning.config.Adam;
import vqlens.core.internal.Workers;

/**
 * ND4J's Adam (or SGD) step over the network's flat parameters, in Java, in place: the same formulas in float32
 * as ND4J 1.0.0-M2.1's {@code AdamUpdater} op and the same state layout ({@code [m, v]}, each as long as the
 * values), so checkpoints written by the updater resume here and vice versa (bit for bit equal to the updater's results,
 * checked by a test). Per value, at iteration {@code t}:
 * {@code m = β1·m + g·(1 − β1)}, {@code v = β2·v + g·g·(1 − β2)},
 * {@code w −= m·α_t / (√v + ε)} with {@code α_t = lr·√(1 − β2^(t+1)) / (1 − β1^(t+1))}; SGD: {@code w −= g·lr}.
 *
 * <p>Why not the updater itself: its native op took ~6 ns per value here (1.3 ms of a 3 ms step for 209k
 * values), this loop ~1. Values are processed in blocks copied to the heap (bulk copies of the direct buffers;
 * value-by-value access is slower), split over the workers for large networks; each value's arithmetic is the
 * same however it is split, so results are bit-repeatable.
 */
final class FlatUpdater {
    /** ND4J's {@code Adam} defaults, which {@code new Adam(lr)} uses. */
    static final double BETA1 = Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY;
    static final double BETA2 = Adam.DEFAULT_ADAM_BETA2_VAR_DECAY;
    static final double EPSILON = Adam.DEFAULT_ADAM_EPSILON;
    private static final int BLOCK = 4096;
    /** Below this many values one thread does it all (a hand-off costs more). */
    private static final int PARALLEL_VALUES = 1 << 18;

    private final FloatBuffer values;
    private final FloatBuffer gradient;
    /** {@code [m, v]}, or {@code null} for SGD. */
    private final FloatBuffer state;
    private final int length;
    private final float[][][] scratch;

    FlatUpdater(FloatBuffer values, FloatBuffer gradient, FloatBuffer state) {
        this.values = values;
        this.gradient = gradient;
        this.state = state;
        this.length = values.limit();
        if (gradient.limit() != length || (state != null && state.limit() != 2 * length)) {
            throw new IllegalArgumentException("updater buffers of " + gradient.limit() + " and "
                    + (state == null ? 0 : state.limit()) + " values for " + length + " parameters");
        }
        scratch = new float[Workers.count()][4][BLOCK];
    }

    /**
     * One step: {@code values −= update(gradient)} and the moments advanced (Adam). Returns whether every new
     * value is finite (checked while each block is in cache, instead of a second pass over all values).
     */
    boolean apply(double learningRate, int iteration) {
        float lr = (float) learningRate;
        float alpha = state == null ? 0f : adamStepSize(lr, iteration);
        int blocks = (length + BLOCK - 1) / BLOCK;
        boolean[] finite = {true};
        if (length < PARALLEL_VALUES) {
            for (int b = 0; b < blocks; b++) {
                finite[0] &= block(b, lr, alpha, scratch[0]);
            }
        } else {
            Workers.forEachChunk(blocks, (b, worker) -> {
                if (!block(b, lr, alpha, scratch[worker])) {
                    finite[0] = false; // only ever set to false: a racing write cannot lose it
                }
            });
        }
        return finite[0];
    }

    /** ND4J's {@code epsilonT}: the float {@code √(1 − β2^(t+1))} times lr, over the double {@code 1 − β1^(t+1)}. */
    private static float adamStepSize(float lr, int iteration) {
        float beta1T = (float) Math.pow((float) BETA1, iteration + 1);
        float beta2T = (float) Math.pow((float) BETA2, iteration + 1);
        float alpha = (float) (lr * (float) Math.sqrt((float) (1.0 - beta2T)) / (1.0 - beta1T));
        if (Float.isNaN(alpha) || alpha == 0f || Float.isInfinite(alpha)) {
            alpha = (float) EPSILON; // as ND4J does
        }
        return alpha;
    }

    private boolean block(int b, float lr, float alpha, float[][] s) {
        int from = b * BLOCK;
        int n = Math.min(BLOCK, length - from);
        float[] w = s[0];
        float[] g = s[1];
        values.get(from, w, 0, n);
        gradient.get(from, g, 0, n);
        if (state == null) {
            for (int i = 0; i < n; i++) {
                w[i] = w[i] - g[i] * lr;
            }
        } else {
            float[] m = s[2];
            float[] v = s[3];
            state.get(from, m, 0, n);
            state.get(length + from, v, 0, n);
            float beta1 = (float) BETA1;
            float beta2 = (float) BETA2;
            float oneMinusBeta1 = 1f - beta1;
            float oneMinusBeta2 = 1f - beta2;
            float epsilon = (float) EPSILON;
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float mi = beta1 * m[i] + gi * oneMinusBeta1;
                float vi = beta2 * v[i] + gi * gi * oneMinusBeta2;
                m[i] = mi;
                v[i] = vi;
                w[i] = w[i] - (mi * alpha) / ((float) Math.sqrt(vi) + epsilon);
            }
            state.put(from, m, 0, n);
            state.put(length + from, v, 0, n);
        }
        values.put(from, w, 0, n);
        for (int i = 0; i < n; i++) {
            if (w[i] - w[i] != 0f) { // NaN exactly when w is NaN or ±Inf
                return false;
            }
        }
        return true;
    }
}
