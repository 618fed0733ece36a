package vqlens.train.data;

import java.util.SplittableRandom;
import vqlens.core.SettingProblem;
import vqlens.core.VqException;
import vqlens.train.TrainingRules;

/**
 * Seeded synthetic data sets as plain row-major float32 arrays. The same seed always gives the same
 * values on every machine (Java's {@link SplittableRandom} and a Box–Muller transform, no native RNG).
 */
public final class SyntheticData {
    /** Upper bound on generated values (rows × dim), keeping an absurd request from exhausting the heap. */
    public static final long MAX_VALUES = 1L << 28;

    private SyntheticData() {
    }

    /**
     * A labelled data set.
     *
     * @param values  {@code [rows, dim]} row-major
     * @param labels  the cluster each row was drawn from ({@code [rows]}), or all zeros for unlabelled sets
     * @param centres {@code [clusters, dim]} row-major, the true cluster centres (empty when unlabelled)
     */
    public record Dataset(int rows, int dim, float[] values, int[] labels, float[] centres) {
    }

    /** Independent standard-normal values, the benchmark data of FAISS and the PyTorch reference. */
    public static Dataset standardNormal(int rows, int dim, long seed) {
        check(rows, dim);
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[rows * dim];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) gaussian(random);
        }
        return new Dataset(rows, dim, values, new int[rows], new float[0]);
    }

    /**
     * A Gaussian mixture: {@code clusters} centres drawn from {@code N(0, 1)} per coordinate, each row a
     * uniformly chosen centre plus {@code N(0, spread²)} noise per coordinate.
     */
    public static Dataset gaussianMixture(int rows, int dim, int clusters, double spread, long seed) {
        check(rows, dim);
        SettingProblem.throwFirst(TrainingRules.generatedData((long) rows, (long) dim, (long) clusters, spread));
        SplittableRandom random = new SplittableRandom(seed);
        float[] centres = new float[clusters * dim];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) gaussian(random);
        }
        float[] values = new float[rows * dim];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            int c = random.nextInt(clusters);
            labels[r] = c;
            for (int d = 0; d < dim; d++) {
                values[r * dim + d] = (float) (centres[c * dim + d] + spread * gaussian(random));
            }
        }
        return new Dataset(rows, dim, values, labels, centres);
    }

    /** Independent {@code U(−1, 1)} values. */
    public static Dataset uniform(int rows, int dim, long seed) {
        check(rows, dim);
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[rows * dim];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-1.0, 1.0);
        }
        return new Dataset(rows, dim, values, new int[rows], new float[0]);
    }

    /**
     * An anisotropic Gaussian mixture: as {@link #gaussianMixture}, but each cluster's noise goes through
     * its own random linear map {@code A_c} (entries {@code N(0, 1/dim)}), so clusters are stretched
     * ellipsoids rather than balls. The centres are the means.
     */
    public static Dataset anisotropic(int rows, int dim, int clusters, double spread, long seed) {
        Dataset base = gaussianMixture(rows, dim, clusters, spread, seed);
        if ((long) clusters * dim * dim > MAX_VALUES) {
            throw new VqException(clusters + " clusters of " + dim + " x " + dim + " maps are too large");
        }
        SplittableRandom random = new SplittableRandom(seed).split();
        double[] maps = new double[clusters * dim * dim];
        double scale = 1.0 / Math.sqrt(dim);
        for (int i = 0; i < maps.length; i++) {
            maps[i] = gaussian(random) * scale * Math.sqrt(2.0);
        }
        float[] values = base.values();
        float[] centres = base.centres();
        double[] noise = new double[dim];
        for (int r = 0; r < rows; r++) {
            int c = base.labels()[r];
            for (int d = 0; d < dim; d++) {
                noise[d] = values[r * dim + d] - centres[c * dim + d];
            }
            for (int i = 0; i < dim; i++) {
                double sum = 0;
                for (int j = 0; j < dim; j++) {
                    sum += maps[(c * dim + i) * dim + j] * noise[j];
                }
                values[r * dim + i] = (float) (centres[c * dim + i] + sum);
            }
        }
        return base;
    }

    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble(); // (0, 1]: log stays finite
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    static void check(int rows, int dim) {
        if (dim <= 0) {
            throw new VqException("dim must be > 0, got " + dim);
        }
        SettingProblem.throwFirst(TrainingRules.generatedData((long) rows, (long) dim, null, null));
    }
}
