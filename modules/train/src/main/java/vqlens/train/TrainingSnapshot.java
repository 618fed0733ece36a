package vqlens.train;

import java.util.List;
import java.util.Objects;
import vqlens.core.Codebooks;

/**
 * What a {@link Trainer} publishes: an immutable picture of training at one moment, made of plain Java
 * values (no ND4J arrays), safe to read on any thread.
 *
 * <p>Snapshots reach a listener latest-wins: when the listener is slower than training, snapshots it has
 * not yet taken are replaced by newer ones, but nothing that curves need is lost: {@link #recentSteps()}
 * and {@link #events()} accumulate everything since the snapshot this listener received before (up to
 * {@value #MAX_RECENT} entries each; older ones are dropped first).
 *
 * @param state          the trainer's state when this was taken
 * @param settings       the settings in force (with the current live hyperparameters)
 * @param speedLimit     steps per second allowed, 0 for no limit
 * @param step           steps done
 * @param epoch          passes over the data, fractional
 * @param dataRows       rows in one pass over the data
 * @param samplesPerSecond rows per second of compute time over the window
 * @param elapsedSeconds compute time since training began
 * @param latest         the last step's metrics, or {@code null} before the first step
 * @param heads          per head, empty before the first step
 * @param codebooks      a copy of the codebooks, or {@code null} before the first step
 * @param recentSteps    every step's metrics since the listener's previous snapshot, oldest first
 * @param events         the events since the listener's previous snapshot, oldest first
 * @param vqvae          the full VQ-VAE mode's pictures (sample reconstructions, decoded codes), or {@code null}
 *                       in quantizer mode and before the first step; may be a few steps older than this
 *                       snapshot while training runs ({@link VqVaeView#step()} says when it was drawn)
 */
public record TrainingSnapshot(TrainerState state, TrainingSettings settings, double speedLimit, long step,
                               double epoch, long dataRows, double samplesPerSecond, double elapsedSeconds,
                               StepMetrics latest, List<HeadMetrics> heads, Codebooks codebooks,
                               List<StepMetrics> recentSteps, List<TrainingEvent> events, VqVaeView vqvae) {

    /** Most entries {@link #recentSteps()} and {@link #events()} hold. */
    public static final int MAX_RECENT = 100_000;

    public TrainingSnapshot {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(settings, "settings");
        heads = List.copyOf(heads);
        recentSteps = List.copyOf(recentSteps);
        events = List.copyOf(events);
    }

    /** A snapshot without VQ-VAE pictures (quantizer mode). */
    public TrainingSnapshot(TrainerState state, TrainingSettings settings, double speedLimit, long step, double epoch,
                            long dataRows, double samplesPerSecond, double elapsedSeconds, StepMetrics latest,
                            List<HeadMetrics> heads, Codebooks codebooks, List<StepMetrics> recentSteps,
                            List<TrainingEvent> events) {
        this(state, settings, speedLimit, step, epoch, dataRows, samplesPerSecond, elapsedSeconds, latest, heads, codebooks,
                recentSteps, events, null);
    }

    /** Whether the codebooks exist yet (the first step initialises them). */
    public boolean hasCodebooks() {
        return codebooks != null;
    }

    /** This snapshot with other recent steps and events (what a listener's mailbox accumulated). */
    public TrainingSnapshot withRecent(List<StepMetrics> steps, List<TrainingEvent> newEvents) {
        return new TrainingSnapshot(state, settings, speedLimit, step, epoch, dataRows, samplesPerSecond, elapsedSeconds,
                latest, heads, codebooks, steps, newEvents, vqvae);
    }
}
