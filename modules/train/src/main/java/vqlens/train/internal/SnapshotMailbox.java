package vqlens.train.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import vqlens.train.SnapshotListener;
import vqlens.train.StepMetrics;
import vqlens.train.Subscription;
import vqlens.train.TrainingEvent;
import vqlens.train.TrainingSnapshot;

/**
 * Latest-wins hand-off of snapshots to one listener. {@link #offer} never blocks on the listener: it
 * replaces the undelivered snapshot, appends its recent steps and events to the mailbox's own queues
 * (delivered with the next snapshot, at most {@link TrainingSnapshot#MAX_RECENT} each), and submits at
 * most one delivery task to the listener's executor at a time, so a slow listener (or a busy UI thread)
 * has at most one update pending and training never waits for it.
 */
public final class SnapshotMailbox implements Subscription {
    private final SnapshotListener listener;
    private final Executor executor;
    private final Object lock = new Object();
    private TrainingSnapshot pending;
    private final ArrayDeque<StepMetrics> pendingSteps = new ArrayDeque<>();
    private final ArrayDeque<TrainingEvent> pendingEvents = new ArrayDeque<>();
    private boolean scheduled;
    private boolean closed;

    public SnapshotMailbox(SnapshotListener listener, Executor executor) {
        this.listener = listener;
        this.executor = executor;
    }

    /** Hands over {@code snapshot}; returns at once. */
    public void offer(TrainingSnapshot snapshot) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            pending = snapshot;
            append(pendingSteps, snapshot.recentSteps());
            append(pendingEvents, snapshot.events());
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        submit();
    }

    /** Amortised O(new entries): training pays nothing for what a stalled listener has not taken. */
    private static <T> void append(ArrayDeque<T> queue, List<T> entries) {
        queue.addAll(entries);
        while (queue.size() > TrainingSnapshot.MAX_RECENT) {
            queue.pollFirst();
        }
    }

    private void submit() {
        try {
            executor.execute(this::deliver);
        } catch (RejectedExecutionException e) { // the listener's executor is shut down: nothing more to deliver
            synchronized (lock) {
                pending = null;
                pendingSteps.clear();
                pendingEvents.clear();
                scheduled = false;
                lock.notifyAll();
            }
        }
    }

    private void deliver() {
        TrainingSnapshot snapshot;
        synchronized (lock) {
            snapshot = pending == null ? null : pending.withRecent(List.copyOf(pendingSteps), List.copyOf(pendingEvents));
            pending = null;
            pendingSteps.clear();
            pendingEvents.clear();
            if (snapshot == null || closed) {
                scheduled = false;
                lock.notifyAll();
                return;
            }
        }
        try {
            listener.onSnapshot(snapshot);
        } catch (RuntimeException e) {
            // a failing listener must not stop training or other listeners; it simply gets the next snapshot
        } finally {
            boolean again;
            synchronized (lock) {
                again = pending != null && !closed;
                if (!again) {
                    scheduled = false;
                    lock.notifyAll();
                }
            }
            if (again) {
                submit();
            }
        }
    }

    @Override
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        return BoundedWait.whileBusy(lock, () -> scheduled, timeout);
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            pending = null;
            pendingSteps.clear();
            pendingEvents.clear();
            lock.notifyAll();
        }
    }
}
