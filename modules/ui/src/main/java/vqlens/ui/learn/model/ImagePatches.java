package vqlens.ui.learn.model;

import vqlens.core.VqException;

/**
 * A photo cut into 4 × 4-pixel patches of 48 values (row by row of the patch, pixel by pixel, R G B), the rows the
 * quantizers see; the last columns and rows that do not fill a patch are left out (640 × 427 → 640 × 424).
 * Immutable.
 */
public final class ImagePatches {
    public static final int SIDE = 4;
    public static final int PIXELS = SIDE * SIDE;
    public static final int DIM = PIXELS * 3;

    private final LessonImage image;
    private final int across;
    private final int down;
    private final float[] rows;

    private ImagePatches(LessonImage image) {
        this.image = image;
        this.across = image.width() / SIDE;
        this.down = image.height() / SIDE;
        if (across < 1 || down < 1) {
            throw new VqException(image.name() + ": smaller than one 4 × 4 patch");
        }
        float[] rgb = image.rgb();
        rows = new float[across * down * DIM];
        for (int p = 0; p < across * down; p++) {
            int x0 = (p % across) * SIDE;
            int y0 = (p / across) * SIDE;
            for (int dy = 0; dy < SIDE; dy++) {
                System.arraycopy(rgb, ((y0 + dy) * image.width() + x0) * 3, rows, p * DIM + dy * SIDE * 3, SIDE * 3);
            }
        }
    }

    public static ImagePatches of(LessonImage image) {
        return new ImagePatches(image);
    }

    public LessonImage image() {
        return image;
    }

    public int count() {
        return across * down;
    }

    /** Width of the patched picture, a multiple of 4. */
    public int width() {
        return across * SIDE;
    }

    public int height() {
        return down * SIDE;
    }

    /** A copy of the rows, {@code [count, 48]} row-major. */
    public float[] rows() {
        return rows.clone();
    }

    float[] rowsShared() {
        return rows;
    }

    /** The picture that {@code patchRows [count, 48]} make, {@link #width()} × {@link #height()}. */
    public LessonImage toImage(float[] patchRows, String name) {
        float[] rgb = new float[width() * height() * 3];
        for (int p = 0; p < count(); p++) {
            int x0 = (p % across) * SIDE;
            int y0 = (p / across) * SIDE;
            for (int dy = 0; dy < SIDE; dy++) {
                System.arraycopy(patchRows, p * DIM + dy * SIDE * 3, rgb, ((y0 + dy) * width() + x0) * 3, SIDE * 3);
            }
        }
        return new LessonImage(name, width(), height(), rgb);
    }

    /** PSNR in dB of {@code patchRows} against these patches, values in 0..1: {@code 10·log10(1 / MSE)}. */
    public double psnr(float[] patchRows) {
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            double d = rows[i] - patchRows[i];
            sum += d * d;
        }
        return psnrOf(sum / rows.length);
    }

    static double psnrOf(double mse) {
        return 10 * Math.log10(1 / Math.max(mse, 1e-12)); // a perfect copy reads 120 dB, not infinity
    }
}
