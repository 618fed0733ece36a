/**
 * Data to train on: the {@link vqlens.train.data.DataSource} the trainer reads batch by batch; seeded
 * generated sets with known structure ({@link vqlens.train.data.SyntheticData}, the 2-D
 * {@link vqlens.train.data.TeachingSets}, catalogued in {@link vqlens.train.data.BuiltInDataset}); and the
 * user's own embeddings streamed from disk ({@link vqlens.train.data.NpyDataSource},
 * {@link vqlens.train.data.CsvDataSource}) with bounded memory.
 */
package vqlens.train.data;
