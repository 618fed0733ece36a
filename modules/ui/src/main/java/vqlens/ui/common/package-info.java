/**
 * What the UI's features (the dashboard, the inspector and those to come) share, so that no feature imports
 * another: messages for the user and their dialogs ({@link vqlens.ui.common.UserMessage},
 * {@link vqlens.ui.common.MessageDialogs}), the latest-wins hand-off of training snapshots to the FX thread
 * ({@link vqlens.ui.common.SnapshotRelay}, {@link vqlens.ui.common.Coalescer}), the injected clock
 * ({@link vqlens.ui.common.Delayer}), slow work off the FX thread with a busy count and typed failures
 * ({@link vqlens.ui.common.BackgroundTasks}, {@link vqlens.ui.common.TaskFailure}), and commands that menus
 * and buttons bind to ({@link vqlens.ui.common.Command}, {@link vqlens.ui.common.Commands}). Only the shell,
 * which puts the features in one window, imports several features.
 */
package vqlens.ui.common;
