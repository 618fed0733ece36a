/**
 * The live training dashboard (not exported): the set-up panel, the run controls, the status line and
 * the charts of {@code vqlens.ui.chart}, over a {@link vqlens.train.Trainer}.
 *
 * <p>{@link vqlens.ui.dashboard.DashboardViewModel} holds everything as read-only properties and
 * commands, and touches no node; {@link vqlens.ui.dashboard.SetupForm} is the validated set-up;
 * {@code Dashboard.fxml} with {@link vqlens.ui.dashboard.DashboardController} binds to them.
 *
 * <p>Threads: training runs on the injected training executor and never waits for the UI. The trainer
 * hands every snapshot to a {@link vqlens.ui.common.SnapshotRelay} on the training thread; the relay
 * merges snapshots that the FX thread has not taken yet (latest wins, the steps' metrics and events
 * accumulate) and keeps at most one delivery queued on the FX thread, no more often than the chart
 * refresh rate (15 Hz by default). File work runs on the background executor. Tests inject synchronous
 * or manual executors.
 */
package vqlens.ui.dashboard;

