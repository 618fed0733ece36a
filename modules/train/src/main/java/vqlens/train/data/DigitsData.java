package vqlens.train.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import vqlens.core.SettingProblem;
import vqlens.core.io.NpzReader;

/**
 * The UCI handwritten digits (CC BY 4.0, from scikit-learn; see {@code resources/README.md}): 1,797 grey 8 × 8
 * images, pixels 0–16 scaled by 1/16 to {@code [0, 1]}, labels 0–9. The set is fixed, with a fixed split: the
 * file's first {@value #TRAIN_ROWS} images are the training images, the other {@value #HELD_OUT_ROWS} are held
 * out. {@code rows} training images are a seeded draw without replacement from the training images (all of them,
 * shuffled, when {@code rows} is {@value #TRAIN_ROWS}); the held-out images never depend on the seed.
 */
public final class DigitsData {
    public static final int SIDE = 8;
    public static final int DIM = SIDE * SIDE;
    public static final int TRAIN_ROWS = 1500;
    public static final int HELD_OUT_ROWS = 297;
    private static final String RESOURCE = "/vqlens/train/data/digits.npz";
    private static final float SCALE = 1f / 16;

    private static volatile Digits all;

    private record Digits(float[] pixels, int[] labels) {
    }

    private DigitsData() {
    }

    /** The rule for {@code rows} of the digits: 1 to {@value #TRAIN_ROWS}, the training images there are. */
    public static java.util.List<SettingProblem> rowsRule(long rows) {
        return rows >= 1 && rows <= TRAIN_ROWS ? java.util.List.of()
                : java.util.List.of(new SettingProblem("rows", "the digits have " + TRAIN_ROWS + " training images: 1 to " + TRAIN_ROWS,
                        "the digits have " + TRAIN_ROWS + " training images: rows must be 1 to " + TRAIN_ROWS + ", got " + rows));
    }

    /** The rule for held-out rows of the digits: 1 to {@value #HELD_OUT_ROWS}, the images held out. */
    public static java.util.List<SettingProblem> heldOutRule(long rows) {
        return rows >= 1 && rows <= HELD_OUT_ROWS ? java.util.List.of()
                : java.util.List.of(new SettingProblem("holdout", "the digits hold out " + HELD_OUT_ROWS + " images: 1 to " + HELD_OUT_ROWS,
                        "the digits hold out " + HELD_OUT_ROWS + " images: the held-out rows must be 1 to " + HELD_OUT_ROWS + ", got " + rows));
    }

    /** {@code rows} training images drawn with {@code seed}, with their labels. */
    public static SyntheticData.Dataset train(int rows, long seed) {
        SettingProblem.throwFirst(rowsRule(rows));
        int[] order = new int[TRAIN_ROWS];
        for (int i = 0; i < TRAIN_ROWS; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = TRAIN_ROWS - 1; i > 0; i--) { // Fisher–Yates
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return pick(order, rows);
    }

    /** The first {@code rows} held-out images (at most {@value #HELD_OUT_ROWS}), the same for every seed. */
    public static SyntheticData.Dataset heldOut(int rows) {
        SettingProblem.throwFirst(heldOutRule(rows));
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = TRAIN_ROWS + i;
        }
        return pick(order, rows);
    }

    private static SyntheticData.Dataset pick(int[] order, int rows) {
        Digits d = load();
        float[] values = new float[rows * DIM];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(d.pixels, order[r] * DIM, values, r * DIM, DIM);
            labels[r] = d.labels[order[r]];
        }
        return new SyntheticData.Dataset(rows, DIM, values, labels, new float[0]);
    }

    private static Digits load() {
        Digits d = all;
        if (d == null) {
            synchronized (DigitsData.class) {
                if (all == null) {
                    all = read();
                }
                d = all;
            }
        }
        return d;
    }

    /** Through core's validated npz reader, from a private copy (the reader takes a file; the set is in the jar). */
    private static Digits read() {
        try (InputStream in = DigitsData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the app is missing its bundled digits (" + RESOURCE + ")");
            }
            Path file = Files.createTempFile("vqlens-digits", ".npz");
            try {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                try (NpzReader npz = NpzReader.open(file)) {
                    long[] shape = npz.shape("images");
                    if (shape.length != 2 || shape[0] != TRAIN_ROWS + HELD_OUT_ROWS || shape[1] != DIM
                            || npz.longs("train_rows")[0] != TRAIN_ROWS) {
                        throw new IllegalStateException("the bundled digits have an unexpected layout");
                    }
                    long[] images = npz.longs("images");
                    long[] labels = npz.longs("labels");
                    float[] pixels = new float[images.length];
                    for (int i = 0; i < images.length; i++) {
                        pixels[i] = images[i] * SCALE;
                    }
                    int[] l = new int[labels.length];
                    for (int i = 0; i < l.length; i++) {
                        l[i] = (int) labels[i];
                    }
                    return new Digits(pixels, l);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled digits", e);
        }
    }

    /** The image at {@code row} as text ({@code #} dark ink, {@code +} light, {@code .} paper), for tests and logs. */
    public static String render(float[] values, int row) {
        StringBuilder s = new StringBuilder();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float v = values[row * DIM + y * SIDE + x];
                s.append(v > 0.5f ? '#' : v > 0.2f ? '+' : '.');
            }
            s.append('\n');
        }
        return s.toString();
    }
}
