package vqlens.core.internal;

/** Plain Java; the reference the SIMD version is tested against. */
final class ScalarFirstMinimum implements FirstMinimum {

    @Override
    public String description() {
        return "scalar";
    }

    @Override
    public int find(float[] scores, int offset, int codes, float zsq, float[] norms, boolean keepDistances) {
        float best = Float.POSITIVE_INFINITY;
        int bestK = -1;
        for (int k = 0; k < codes; k++) {
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
