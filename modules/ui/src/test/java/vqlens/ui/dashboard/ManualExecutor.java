package vqlens.ui.dashboard;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An executor that runs nothing until the test says so: stands in for the FX thread in view-model tests. */
final class ManualExecutor implements Executor {

    private final Queue<Runnable> pending = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
        pending.add(command);
    }

    /** Runs what was queued (and what that queues), on the calling thread. */
    void runAll() {
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
        }
    }

    /** Runs the oldest queued task only. */
    void runNext() {
        Runnable next = poll();
        if (next == null) {
            throw new AssertionError("nothing queued");
        }
        next.run();
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    private synchronized Runnable poll() {
        return pending.poll();
    }
}
