package vqlens.train.data;

import java.util.Locale;
import vqlens.core.VqException;

/**
 * The generated data sets the command line ({@code --dataset NAME}) and the set-up panel offer, with the
 * options each one uses and their defaults. Generation is seeded and identical on every machine.
 */
public enum BuiltInDataset {
    NORMAL("standard normal N(0, 1) values (the FAISS/PyTorch benchmark data)", false, false, false, 0, 0),
    UNIFORM("uniform U(-1, 1) values", false, false, false, 0, 0),
    MIXTURE("Gaussian mixture: known centres N(0, 1) plus N(0, spread²) noise", false, true, true, 16, 0.1),
    ANISOTROPIC("Gaussian mixture with stretched (anisotropic) clusters", false, true, true, 16, 0.1),
    BLOBS("2-D Gaussian blobs in [-5, 5]²", true, true, true, 8, 0.4),
    RINGS("2-D concentric rings of radius 1, 2, ...", true, true, true, 3, 0.05),
    MOONS("2-D two interleaving half circles", true, false, true, 2, 0.05),
    SPIRALS("2-D interleaved spiral arms", true, true, true, 2, 0.05),
    SHAPES("16x16 images of squares, frames, crosses, rings, discs and bars at random positions (for --mode vqvae)",
            false, false, false, 0, 0),
    DIGITS("the UCI handwritten digits: 8x8 grey images, 1500 training + 297 held-out (a fixed set; --rows of the 1500, drawn by the seed)",
            false, false, false, 0, 0);

    /** Rows a generated set has unless told otherwise. */
    public static final int DEFAULT_ROWS = 10_000;

    private final String description;
    private final boolean planar;
    private final boolean usesClusters;
    private final boolean usesSpread;
    private final int defaultClusters;
    private final double defaultSpread;

    BuiltInDataset(String description, boolean planar, boolean usesClusters, boolean usesSpread,
                   int defaultClusters, double defaultSpread) {
        this.description = description;
        this.planar = planar;
        this.usesClusters = usesClusters;
        this.usesSpread = usesSpread;
        this.defaultClusters = defaultClusters;
        this.defaultSpread = defaultSpread;
    }

    /** The name on the command line, e.g. {@code mixture}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** True for the 2-D teaching sets, whose dimension is always 2. */
    public boolean planar() {
        return planar;
    }

    /** Whether {@code clusters} matters (clusters, rings or spiral arms). */
    public boolean usesClusters() {
        return usesClusters;
    }

    /** Whether {@code spread} matters (cluster spread or noise). */
    public boolean usesSpread() {
        return usesSpread;
    }

    public int defaultClusters() {
        return defaultClusters;
    }

    public double defaultSpread() {
        return defaultSpread;
    }

    /** The width of its rows when fixed (2 for the 2-D sets, 256 for {@link #SHAPES}, 64 for {@link #DIGITS}), else 0 ({@code --dim}). */
    public int fixedDim() {
        return planar ? 2 : this == SHAPES ? ShapesData.DIM : this == DIGITS ? DigitsData.DIM : 0;
    }

    /** The rows used when none are asked for: every training image of the fixed {@link #DIGITS}, else {@link #DEFAULT_ROWS}. */
    public int defaultRows() {
        return this == DIGITS ? DigitsData.TRAIN_ROWS : DEFAULT_ROWS;
    }

    /** What {@code rows} must satisfy beyond being positive: the digits have a fixed number of training images. */
    public java.util.List<vqlens.core.SettingProblem> rowsProblems(long rows) {
        return this == DIGITS ? DigitsData.rowsRule(rows) : java.util.List.of();
    }

    /** What a held-out count must satisfy: the digits hold out a fixed number of images; generated sets make any. */
    public java.util.List<vqlens.core.SettingProblem> heldOutProblems(long rows) {
        return this == DIGITS ? DigitsData.heldOutRule(rows) : java.util.List.of();
    }

    /** One line for {@code --help}: name, description and the options it takes. */
    public String helpLine() {
        StringBuilder options = new StringBuilder("--rows");
        if (fixedDim() == 0) {
            options.append(", --dim");
        }
        if (usesClusters) {
            options.append(", --clusters (").append(defaultClusters).append(")");
        }
        if (usesSpread) {
            options.append(", --spread (").append(defaultSpread).append(")");
        }
        return String.format(Locale.ROOT, "%-12s %s; options %s", label(), description, options);
    }

    /** Parses {@link #label()} (case-insensitive). */
    public static BuiltInDataset parse(String text) {
        for (BuiltInDataset d : values()) {
            if (d.label().equalsIgnoreCase(text.strip())) {
                return d;
            }
        }
        throw new VqException("unknown dataset '" + text + "'; expected one of " + labels());
    }

    /** All names, comma-separated. */
    public static String labels() {
        StringBuilder s = new StringBuilder();
        for (BuiltInDataset d : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(d.label());
        }
        return s.toString();
    }

    /**
     * Generates the set.
     *
     * @param dim      ignored by the 2-D sets
     * @param clusters used when {@link #usesClusters()}
     * @param spread   used when {@link #usesSpread()}
     */
    public SyntheticData.Dataset generate(int rows, int dim, int clusters, double spread, long seed) {
        return switch (this) {
            case NORMAL -> SyntheticData.standardNormal(rows, dim, seed);
            case UNIFORM -> SyntheticData.uniform(rows, dim, seed);
            case MIXTURE -> SyntheticData.gaussianMixture(rows, dim, clusters, spread, seed);
            case ANISOTROPIC -> SyntheticData.anisotropic(rows, dim, clusters, spread, seed);
            case BLOBS -> TeachingSets.blobs(rows, clusters, spread, seed);
            case RINGS -> TeachingSets.rings(rows, clusters, spread, seed);
            case MOONS -> TeachingSets.moons(rows, spread, seed);
            case SPIRALS -> TeachingSets.spirals(rows, clusters, spread, seed);
            case SHAPES -> ShapesData.generate(rows, seed);
            case DIGITS -> DigitsData.train(rows, seed);
        };
    }

    /**
     * Rows to measure a held-out error on: the fixed held-out images of {@link #DIGITS}, else fresh rows of the same
     * generator from {@code seed + 1}.
     */
    public SyntheticData.Dataset heldOut(int rows, int dim, int clusters, double spread, long seed) {
        return this == DIGITS ? DigitsData.heldOut(rows) : generate(rows, dim, clusters, spread, seed + 1);
    }

    /** A description of one generated set, for snapshots and checkpoints. */
    public String describe(int rows, int dim, int clusters, double spread, long seed) {
        StringBuilder s = new StringBuilder(label()).append(": ").append(rows).append(" x ").append(fixedDim() != 0 ? fixedDim() : dim);
        if (usesClusters) {
            s.append(", ").append(clusters).append(this == RINGS ? " rings" : this == SPIRALS ? " arms" : " clusters");
        }
        if (usesSpread) {
            s.append(", spread ").append(spread);
        }
        return s.append(", seed ").append(seed).toString();
    }
}
