package vqlens.ui.chart;

/**
 * Colour scales of the heatmaps as packed ARGB ints (no JavaFX): a diverging map around 0 for code values
 * (blue negative, near-white 0, red positive; ColorBrewer RdBu) and a sequential one for distances (viridis).
 * Both read on light and dark backgrounds and stay apart for the common colour-vision deficiencies.
 */
public final class ColourMaps {

    /** Not a number or infinite. */
    public static final int NON_FINITE = 0xff000000;

    /** RdBu (11 classes), from blue (−1) to red (+1). */
    private static final int[] DIVERGING = {
        0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f};
    /** viridis, 9 stops from dark purple (0) to yellow (1). */
    private static final int[] SEQUENTIAL = {
        0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xadd93f, 0xfde725};

    private ColourMaps() {
    }

    /** {@code v} in {@code [−limit, +limit]} (clamped) on the diverging map; 0 is the middle colour. */
    public static int diverging(double v, double limit) {
        if (!Double.isFinite(v)) {
            return NON_FINITE;
        }
        double t = limit > 0 ? 0.5 + 0.5 * v / limit : 0.5;
        return along(DIVERGING, t);
    }

    /** {@code v} in {@code [0, max]} (clamped) on the sequential map. */
    public static int sequential(double v, double max) {
        if (!Double.isFinite(v)) {
            return NON_FINITE;
        }
        return along(SEQUENTIAL, max > 0 ? v / max : 0);
    }

    private static int along(int[] stops, double t) {
        double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(x));
        double f = x - i;
        int a = stops[i];
        int b = stops[i + 1];
        int r = mix(a >> 16 & 0xff, b >> 16 & 0xff, f);
        int g = mix(a >> 8 & 0xff, b >> 8 & 0xff, f);
        int bl = mix(a & 0xff, b & 0xff, f);
        return 0xff000000 | r << 16 | g << 8 | bl;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    /** The largest finite |value| of a head's codes, or 1 when all are 0 or not finite. */
    public static double symmetricLimit(float[] values, int from, int to) {
        double max = 0;
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (Float.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max > 0 ? max : 1;
    }
}
