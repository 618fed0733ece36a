package vqlens.train.data;

import java.util.SplittableRandom;
import vqlens.core.SettingProblem;
import vqlens.core.VqException;
import vqlens.train.TrainingRules;

/**
 * Two-dimensional sets for teaching with {@code head_dim = 2}, as scikit-learn draws them: the codes can
 * be watched moving in the plane. Labels say which blob, ring, moon or spiral arm a point belongs to;
 * {@code noise} is the standard deviation of Gaussian jitter added to each coordinate.
 */
public final class TeachingSets {
    private TeachingSets() {
    }

    /** Gaussian blobs: {@code clusters} centres uniform in {@code [−5, 5]²}, noise {@code spread}. */
    public static SyntheticData.Dataset blobs(int rows, int clusters, double spread, long seed) {
        checkPlanar(rows, spread);
        SettingProblem.throwFirst(TrainingRules.generatedData((long) rows, 2L, (long) clusters, null));
        SplittableRandom random = new SplittableRandom(seed);
        float[] centres = new float[clusters * 2];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) random.nextDouble(-5, 5);
        }
        float[] values = new float[rows * 2];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            int c = random.nextInt(clusters);
            labels[r] = c;
            values[2 * r] = (float) (centres[2 * c] + spread * SyntheticData.gaussian(random));
            values[2 * r + 1] = (float) (centres[2 * c + 1] + spread * SyntheticData.gaussian(random));
        }
        return new SyntheticData.Dataset(rows, 2, values, labels, centres);
    }

    /** Points uniform in the square {@code [−5, 5]²}: no structure, so every codebook's cells share it evenly. */
    public static SyntheticData.Dataset square(int rows, long seed) {
        checkPlanar(rows, 0);
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[rows * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-5, 5);
        }
        return new SyntheticData.Dataset(rows, 2, values, new int[rows], new float[0]);
    }

    /** {@code rings} concentric circles of radius 1, 2, …, each point on a uniformly chosen ring. */
    public static SyntheticData.Dataset rings(int rows, int rings, double noise, long seed) {
        checkPlanar(rows, noise);
        checkGroups("rings", rings, rows);
        return draw(rows, rings, noise, seed, (ring, random) -> {
            double angle = random.nextDouble(0, 2 * Math.PI);
            return new Point((ring + 1) * Math.cos(angle), (ring + 1) * Math.sin(angle));
        });
    }

    /** Two interleaving half circles (scikit-learn's {@code make_moons}). */
    public static SyntheticData.Dataset moons(int rows, double noise, long seed) {
        checkPlanar(rows, noise);
        return draw(rows, 2, noise, seed, (moon, random) -> {
            double t = random.nextDouble(0, Math.PI);
            return moon == 0 ? new Point(Math.cos(t), Math.sin(t)) : new Point(1 - Math.cos(t), 0.5 - Math.sin(t));
        });
    }

    /** {@code arms} interleaved Archimedean spiral arms, each turning 1.5 times, radius up to 3. */
    public static SyntheticData.Dataset spirals(int rows, int arms, double noise, long seed) {
        checkPlanar(rows, noise);
        checkGroups("spiral arms", arms, rows);
        return draw(rows, arms, noise, seed, (arm, random) -> {
            double t = Math.sqrt(random.nextDouble()); // denser where the arm is longer
            double angle = t * 3 * Math.PI + 2 * Math.PI * arm / arms;
            return new Point(3 * t * Math.cos(angle), 3 * t * Math.sin(angle));
        });
    }

    private record Point(double x, double y) {
    }

    /** Where a point of one group (ring, moon, arm) lies before the noise, drawn from {@code random}. */
    private interface Curve {
        Point at(int group, SplittableRandom random);
    }

    /** Each row: a uniformly chosen group as its label, a point on that group's curve, then the noise. */
    private static SyntheticData.Dataset draw(int rows, int groups, double noise, long seed, Curve curve) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[rows * 2];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            int group = random.nextInt(groups);
            labels[r] = group;
            Point p = curve.at(group, random);
            put(values, r, p.x(), p.y(), noise, random);
        }
        return new SyntheticData.Dataset(rows, 2, values, labels, new float[0]);
    }

    private static void checkGroups(String name, int groups, int rows) {
        if (groups <= 0 || groups > rows) {
            throw new VqException(name + " must be in [1, rows], got " + groups);
        }
    }

    private static void put(float[] values, int row, double x, double y, double noise, SplittableRandom random) {
        values[2 * row] = (float) (x + noise * SyntheticData.gaussian(random));
        values[2 * row + 1] = (float) (y + noise * SyntheticData.gaussian(random));
    }

    private static void checkPlanar(int rows, double noise) {
        SyntheticData.check(rows, 2);
        SettingProblem.throwFirst(TrainingRules.generatedData(null, null, null, noise));
    }
}
