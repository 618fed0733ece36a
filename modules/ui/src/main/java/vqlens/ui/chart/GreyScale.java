package vqlens.ui.chart;

/**
 * The grey scale of decoded images: black at {@code low}, white at {@code high}. For a VQ-VAE's pictures it
 * spans {@code min(0, values)} to {@code max(1, values)}: the decoder's ink is about 1 on a background about
 * 0, and values beyond stretch the scale rather than clip.
 */
public record GreyScale(double low, double high) {

    /** The scale spanning [0, 1] and every finite value given. */
    public static GreyScale spanning(float[]... images) {
        double low = 0;
        double high = 1;
        for (float[] values : images) {
            for (float v : values) {
                if (Float.isFinite(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        return new GreyScale(low, high);
    }
}
