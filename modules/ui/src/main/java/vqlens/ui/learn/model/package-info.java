/**
 * The Learn tab's lessons as plain state without JavaFX, so tests drive them without a window: what the
 * learner has on the plane or in the forward pass, the moves they make, and the "Try this" tasks that tick
 * when done. Every number comes from {@code vqlens.core} (nearest codes, distance terms, forward traces,
 * Voronoi cells) or {@code vqlens.train} (the {@link vqlens.train.Stepper}); nothing here searches codes itself.
 */
package vqlens.ui.learn.model;
