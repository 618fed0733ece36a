package vqlens.app.cli.internal;

import java.nio.file.Path;

import vqlens.core.VqException;
import vqlens.train.data.BuiltInDataset;
import vqlens.train.data.DataSource;
import vqlens.train.data.SyntheticData;

/**
 * What {@code vqlens train} trains on: the user's file ({@code .npy} streamed, or CSV) or a generated
 * set with its options (unset options take the set's defaults).
 *
 * @param file     the user's rows, or {@code null}
 * @param dataset  the generated set, or {@code null}
 * @param rows     rows to generate
 * @param dim      width of a generated set (ignored by the 2-D sets)
 * @param clusters clusters, rings or arms, or {@code null} for the set's default
 * @param spread   spread or noise, or {@code null} for the set's default
 * @param seed     the generator's seed
 */
public record TrainData(Path file, BuiltInDataset dataset, int rows, int dim, Integer clusters, Double spread, long seed) {

    /** The same data with the generated set made from {@code newSeed} (a file ignores it). */
    public TrainData withSeed(long newSeed) {
        return new TrainData(file, dataset, rows, dim, clusters, spread, newSeed);
    }

    /** Opens the file or generates the set. */
    public DataSource open() {
        if (file != null) {
            return DataSource.openFile(file);
        }
        return DataSource.of(generate(rows, seed), dataset.describe(rows, dim, clustersOrDefault(), spreadOrDefault(), seed));
    }

    /** Rows for a held-out error: the set's held-out images, or fresh rows from its generator with seed {@code seed + 1}. */
    public SyntheticData.Dataset holdout(int count) {
        if (dataset == null) {
            throw new VqException("--holdout needs a generated --dataset (a file has no second sample to hold out)");
        }
        return dataset.heldOut(count, dim, clustersOrDefault(), spreadOrDefault(), seed);
    }

    private SyntheticData.Dataset generate(int count, long withSeed) {
        return dataset.generate(count, dim, clustersOrDefault(), spreadOrDefault(), withSeed);
    }

    private int clustersOrDefault() {
        return clusters != null ? clusters : dataset.defaultClusters();
    }

    private double spreadOrDefault() {
        return spread != null ? spread : dataset.defaultSpread();
    }
}
