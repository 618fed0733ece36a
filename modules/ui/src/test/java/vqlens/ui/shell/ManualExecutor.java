package vqlens.ui.shell;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** A background executor that runs nothing until the test says so. */
final class ManualExecutor implements Executor {

    private final Queue<Runnable> pending = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
        pending.add(command);
    }

    /** Runs what was queued, on the calling thread. */
    void runAll() {
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
        }
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    private synchronized Runnable poll() {
        return pending.poll();
    }
}
