/**
 * The training engine's implementation (not exported): the step ({@code TrainingRun}: data cursor, nearest
 * codes, {@code BatchStats}, usage EMA, update, dead-code restarts, rollback), the update rules
 * ({@code EmaRule}, {@code GradientRule}, {@code KMeansRule}), initialisation
 * ({@code KMeansPlusPlus}), the metrics ({@code MetricsWindow}, {@code MetricsHistory}), snapshot
 * publishing ({@code SnapshotPublisher}, and the latest-wins {@code SnapshotMailbox} per listener) and
 * the checkpoint file codec ({@code CheckpointCodec}, {@code NpyBytes}). Everything here runs on the
 * trainer's thread, except the mailboxes' deliveries and the thread-safe reads the API documents.
 */
package vqlens.train.internal;
