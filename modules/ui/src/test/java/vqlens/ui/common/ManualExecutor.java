package vqlens.ui.common;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An executor that runs nothing until the test says so: stands in for the FX thread or a background pool. */
public final class ManualExecutor implements Executor {

    private final Queue<Runnable> pending = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
        pending.add(command);
    }

    /** Runs what was queued (and what that queues), on the calling thread. */
    public void runAll() {
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
        }
    }

    /** Runs the oldest queued task only. */
    public void runNext() {
        Runnable next = poll();
        if (next == null) {
            throw new AssertionError("nothing queued");
        }
        next.run();
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    private synchronized Runnable poll() {
        return pending.poll();
    }
}
