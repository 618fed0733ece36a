/**
 * The training engine's API: {@link vqlens.train.Trainer} (start, pause, resume, step, stop, reset, live
 * settings), what it is told ({@link vqlens.train.TrainingSettings}, {@link vqlens.train.Hyperparameters},
 * {@link vqlens.train.UpdateRule}, {@link vqlens.train.Init}), what it publishes
 * ({@link vqlens.train.TrainingSnapshot} with {@link vqlens.train.HeadMetrics},
 * {@link vqlens.train.StepMetrics}, {@link vqlens.train.Histogram} and {@link vqlens.train.TrainingEvent}),
 * and what it saves ({@link vqlens.train.Checkpoint}). Every published value is immutable and free of
 * ND4J types. The implementation lives in {@code vqlens.train.internal}, which is not exported.
 */
package vqlens.train;
