package vqlens.ui.common;

import java.util.ArrayDeque;
import java.util.List;

import vqlens.train.StepMetrics;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSnapshot;

/**
 * Coalesces training snapshots latest-wins without losing what the curves need: the latest snapshot
 * stands for all, carrying every step's metrics and every event since the last delivery (at most
 * {@link TrainingSnapshot#MAX_RECENT} of each, the oldest dropped first). Adding costs O(new entries), so
 * a stalled FX thread costs training nothing but memory, bounded.
 */
public final class SnapshotCoalescer implements Coalescer<TrainingSnapshot> {
    private TrainingSnapshot latest;
    private final ArrayDeque<StepMetrics> steps = new ArrayDeque<>();
    private final ArrayDeque<TrainingEvent> events = new ArrayDeque<>();

    @Override
    public void add(TrainingSnapshot s) {
        latest = s;
        append(steps, s.recentSteps());
        append(events, s.events());
    }

    private static <T> void append(ArrayDeque<T> queue, List<T> entries) {
        queue.addAll(entries);
        while (queue.size() > TrainingSnapshot.MAX_RECENT) {
            queue.pollFirst();
        }
    }

    @Override
    public boolean isEmpty() {
        return latest == null;
    }

    @Override
    public TrainingSnapshot take() {
        if (latest == null) {
            return null;
        }
        TrainingSnapshot s = latest.recentSteps().size() == steps.size() && latest.events().size() == events.size()
                ? latest : latest.withRecent(List.copyOf(steps), List.copyOf(events));
        clear();
        return s;
    }

    @Override
    public void clear() {
        latest = null;
        steps.clear();
        events.clear();
    }
}
