package vqlens.ui.inspect.geometry;

/**
 * Whether data rows look like small square grey images (as the built-in 16×16 shapes set): exactly
 * {@value #SIDE}² values per row whose neighbouring pixels are much more alike than distant ones.
 */
public final class ImageLayout {

    /** Side of the images recognised, pixels. */
    public static final int SIDE = 16;
    /** Neighbours must differ by at most this fraction of what distant pixel pairs differ by. */
    static final double SMOOTHNESS = 0.7;
    /** Rows looked at, enough for a stable mean on any realistic set. */
    static final int ROWS_SAMPLED = 256;

    private ImageLayout() {
    }

    /** Whether {@code rows × dim} values ({@code [rows, dim]} row-major) look like {@value #SIDE}×{@value #SIDE} images. */
    public static boolean looksLikeImages(float[] values, int rows, int dim) {
        if (dim != SIDE * SIDE || rows == 0) {
            return false;
        }
        double near = 0;
        double far = 0;
        int step = Math.max(1, rows / ROWS_SAMPLED);
        for (int r = 0; r < rows; r += step) {
            int base = r * dim;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    float v = values[base + y * SIDE + x];
                    float right = values[base + y * SIDE + (x + 1) % SIDE];
                    float below = values[base + ((y + 1) % SIDE) * SIDE + x];
                    // a pixel half the image away in both directions
                    float distant = values[base + ((y + SIDE / 2) % SIDE) * SIDE + (x + SIDE / 2) % SIDE];
                    near += Math.abs(v - right) + Math.abs(v - below);
                    far += 2 * Math.abs(v - distant);
                }
            }
        }
        return far > 0 && near <= SMOOTHNESS * far;
    }
}
