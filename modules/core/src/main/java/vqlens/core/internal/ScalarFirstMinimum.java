package vqlens.core.internal;

/** Plain Java; the reference the SIMD version is tested against. */
public final class ScalarFirstMinimum implements FirstMinimum {

    @Override
    public String description() {
        return "scalar";
    }

    @Override
    public int find(float[] scores, int offset, int codes, float zsq, float[] norms, boolean keepDistances) {
        return scan(scores, offset, 0, codes, zsq, norms, keepDistances, Float.POSITIVE_INFINITY, -1);
    }

    /**
     * Continues a first-minimum scan over codes {@code [from, codes)} from the best so far ({@code best} at
     * {@code bestK}); strict {@code <} keeps the first of equal distances. {@code -1} if no distance is finite.
     */
    public static int scan(float[] scores, int offset, int from, int codes, float zsq, float[] norms, boolean keepDistances,
                    float best, int bestK) {
        for (int k = from; k < codes; k++) {
            float v = (zsq + norms[k]) + scores[offset + k];
            if (keepDistances) {
                scores[offset + k] = v;
            }
            if (v < best) {
                best = v;
                bestK = k;
            }
        }
        return Float.isFinite(best) ? bestK : -1;
    }
}
