package vqlens.ui.dashboard;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vqlens.train.data.BuiltInDataset;
import vqlens.train.data.DataSource;

/**
 * The data a run trains on, as the set-up chose it: a generated set with its options, or a file.
 *
 * @param dataset  the generated set, or {@code null} for a file
 * @param rows     rows to generate
 * @param dim      width of a generated set (2 for the planar ones)
 * @param clusters clusters, rings or arms
 * @param spread   spread or noise
 * @param seed     the generator's seed
 * @param file     the user's {@code .npy} or {@code .csv} rows, or {@code null}
 */
public record DataChoice(BuiltInDataset dataset, int rows, int dim, int clusters, double spread, long seed, Path file) {

    private static final Pattern BUILT_IN = Pattern.compile(
            "([a-z]+): (\\d+) x (\\d+)(?:, (\\d+) (?:clusters|rings|arms))?(?:, spread ([0-9.eE+-]+))?, seed (-?\\d+)");

    public static DataChoice builtIn(BuiltInDataset dataset, int rows, int dim, int clusters, double spread, long seed) {
        return new DataChoice(dataset, rows, dataset.planar() ? 2 : dim, clusters, spread, seed, null);
    }

    public static DataChoice file(Path file) {
        return new DataChoice(null, 0, 0, 0, 0, 0, file);
    }

    /** Generates the set or opens the file (slow for large data: call it off the FX thread). */
    public DataSource open() {
        if (file != null) {
            return DataSource.openFile(file);
        }
        return DataSource.of(dataset.generate(rows, dim, clusters, spread, seed),
                dataset.describe(rows, dim, clusters, spread, seed));
    }

    /**
     * The generated set a data description names, as {@link BuiltInDataset#describe} writes it (checkpoints
     * keep that description), so re-opening a checkpoint can choose the same data again.
     */
    public static Optional<DataChoice> parseDescription(String description) {
        Matcher m = BUILT_IN.matcher(description.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            BuiltInDataset set = BuiltInDataset.parse(m.group(1));
            int rows = Integer.parseInt(m.group(2));
            int dim = Integer.parseInt(m.group(3));
            int clusters = m.group(4) != null ? Integer.parseInt(m.group(4)) : set.defaultClusters();
            double spread = m.group(5) != null ? Double.parseDouble(m.group(5)) : set.defaultSpread();
            long seed = Long.parseLong(m.group(6));
            return Optional.of(builtIn(set, rows, dim, clusters, spread, seed));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
