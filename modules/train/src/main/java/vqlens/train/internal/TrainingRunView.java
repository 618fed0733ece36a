package vqlens.train.internal;

import java.util.List;
import vqlens.core.Codebooks;
import vqlens.train.HeadMetrics;

/**
 * The training run's part of a snapshot.
 *
 * @param heads     per head ({@code null} when no step ran since the previous view: reuse the previous one)
 * @param codebooks a copy, or {@code null} before initialisation
 */
public record TrainingRunView(long step, double epoch, long dataRows, double samplesPerSecond, double elapsedSeconds,
                         List<HeadMetrics> heads, Codebooks codebooks) {
}
