package vqlens.ui.learn.model;

import java.util.SplittableRandom;
import vqlens.ui.inspect.geometry.PrincipalComponents;

/**
 * The image's colours as a 2-D picture: up to {@link #POINTS} pixels drawn from a seed, projected on the top two
 * principal components of their RGB values (the inspector's {@link PrincipalComponents}), so the plane shows the
 * cloud's widest spread. Codes are projected the same way. Immutable.
 */
public final class ColourCloud {
    /** Pixels drawn in the cloud, at most: enough to show its shape, few enough to draw in milliseconds. */
    public static final int POINTS = 4000;

    private final int[] pixels;
    private final float[] xy;
    private final PrincipalComponents components;

    private ColourCloud(int[] pixels, float[] xy, PrincipalComponents components) {
        this.pixels = pixels;
        this.xy = xy;
        this.components = components;
    }

    /** The cloud of {@code image}, its pixels drawn (with replacement, in order of drawing) from {@code seed}. */
    public static ColourCloud of(LessonImage image, long seed) {
        int n = image.width() * image.height();
        int count = Math.min(POINTS, n);
        SplittableRandom random = new SplittableRandom(seed);
        int[] chosen = new int[count];
        float[] rgb = new float[count * 3];
        for (int i = 0; i < count; i++) {
            chosen[i] = count == n ? i : random.nextInt(n);
            for (int c = 0; c < 3; c++) {
                rgb[i * 3 + c] = image.value(chosen[i] % image.width(), chosen[i] / image.width(), c);
            }
        }
        PrincipalComponents pc = PrincipalComponents.fit(3, rgb);
        float[] xy = new float[count * 2];
        for (int i = 0; i < count; i++) {
            double[] p = pc.project(rgb, i * 3);
            xy[2 * i] = (float) p[0];
            xy[2 * i + 1] = (float) p[1];
        }
        return new ColourCloud(chosen, xy, pc);
    }

    public int size() {
        return pixels.length;
    }

    /** The image pixel (row-major index) that point {@code i} is. */
    public int pixel(int i) {
        return pixels[i];
    }

    public float x(int i) {
        return xy[2 * i];
    }

    public float y(int i) {
        return xy[2 * i + 1];
    }

    /** Where a colour falls on the plane. */
    public double[] project(float[] rgb) {
        return components.project(rgb, 0);
    }

    /** Shares of the colour variance along the two axes, for their labels. */
    public double firstShare() {
        return components.firstShare();
    }

    public double secondShare() {
        return components.secondShare();
    }
}
