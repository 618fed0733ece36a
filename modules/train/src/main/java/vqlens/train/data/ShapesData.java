package vqlens.train.data;

import java.util.Random;

/**
 * Small images for the full VQ-VAE mode, made offline and identical on every machine: 16 × 16 grey images
 * (row-major, 256 values in {@code [0, 1]}, background 0, ink 1) each holding one shape of random size at a
 * random position: a filled square, a hollow square, a plus cross, a diagonal cross, a circle (ring), a
 * filled disc, a horizontal bar or a vertical bar. The label of a row is its shape's index in
 * {@link #SHAPES}.
 */
public final class ShapesData {
    /** Image side in pixels. */
    public static final int SIDE = 16;
    /** Values per image. */
    public static final int DIM = SIDE * SIDE;
    /** The shape names, in label order. */
    public static final java.util.List<String> SHAPES = java.util.List.of("square", "frame", "plus", "cross",
            "ring", "disc", "hbar", "vbar");

    private ShapesData() {
    }

    /** {@code rows} images from {@code seed}. */
    public static SyntheticData.Dataset generate(int rows, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * DIM];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            int shape = random.nextInt(SHAPES.size());
            labels[r] = shape;
            draw(values, r * DIM, shape, random);
        }
        return new SyntheticData.Dataset(rows, DIM, values, labels, new float[0]);
    }

    private static void draw(float[] img, int at, int shape, Random random) {
        int size = 5 + random.nextInt(6); // 5..10 pixels across
        int x0 = random.nextInt(SIDE - size + 1);
        int y0 = random.nextInt(SIDE - size + 1);
        int x1 = x0 + size - 1;
        int y1 = y0 + size - 1;
        double cx = (x0 + x1) / 2.0;
        double cy = (y0 + y1) / 2.0;
        double radius = (size - 1) / 2.0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double d = Math.hypot(x - cx, y - cy);
                boolean ink = switch (shape) {
                    case 0 -> true;
                    case 1 -> x == x0 || x == x1 || y == y0 || y == y1;
                    case 2 -> Math.abs(x - cx) < 1 || Math.abs(y - cy) < 1;
                    case 3 -> Math.abs((x - x0) - (y - y0)) < 1 || Math.abs((x - x0) + (y - y0) - (size - 1)) < 1;
                    case 4 -> Math.abs(d - radius) < 0.75;
                    case 5 -> d <= radius + 0.25;
                    case 6 -> Math.abs(y - cy) < 1.5;
                    default -> Math.abs(x - cx) < 1.5;
                };
                if (ink) {
                    img[at + y * SIDE + x] = 1f;
                }
            }
        }
    }

    /** The image at {@code row} as text ({@code #} ink, {@code .} background), for looking at it in a test or log. */
    public static String render(float[] values, int row) {
        StringBuilder s = new StringBuilder();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float v = values[row * DIM + y * SIDE + x];
                s.append(v > 0.66f ? '#' : v > 0.33f ? '+' : '.');
            }
            s.append('\n');
        }
        return s.toString();
    }
}
