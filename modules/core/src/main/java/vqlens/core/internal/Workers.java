package vqlens.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads VQ Lens's own kernels split a batch over. One pool for the whole process, sized
 * once ({@code -Dvqlens.threads=N} or the environment variable {@code VQLENS_THREADS}, else the number
 * of cores); the calling thread works too, so a pool of {@code n - 1} daemon threads gives {@code n}
 * workers. Chunks are claimed dynamically, which keeps both cores busy on a noisy machine.
 */
public final class Workers {
    private static final int COUNT = resolveCount();
    private static final ExecutorService POOL = COUNT > 1 ? Executors.newFixedThreadPool(COUNT - 1, r -> {
        Thread t = new Thread(r, "vqlens-worker");
        t.setDaemon(true);
        return t;
    }) : null;

    private Workers() {
    }

    /** A piece of work over chunk numbers; {@code worker} is in {@code [0, count())} and unique at any moment. */
    @FunctionalInterface
    public interface ChunkTask {
        void run(int chunk, int worker);
    }

    public static int count() {
        return COUNT;
    }

    /**
     * Runs {@code task} for every chunk in {@code [0, chunks)}, spread over at most {@code count()} workers,
     * and returns when all are done. The first exception thrown by a chunk is rethrown here.
     */
    public static void forEachChunk(int chunks, ChunkTask task) {
        int workers = Math.min(COUNT, chunks);
        if (workers <= 1) {
            for (int c = 0; c < chunks; c++) {
                task.run(c, 0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) {
            int worker = w;
            futures.add(POOL.submit(() -> drain(next, chunks, worker, task)));
        }
        RuntimeException first = null;
        try {
            drain(next, chunks, 0, task);
        } catch (RuntimeException e) {
            first = e;
            next.set(chunks); // stop the others early
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for workers", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void drain(AtomicInteger next, int chunks, int worker, ChunkTask task) {
        for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
            task.run(c, worker);
        }
    }

    private static int resolveCount() {
        String configured = System.getProperty("vqlens.threads", System.getenv("VQLENS_THREADS"));
        if (configured != null && !configured.isBlank()) {
            try {
                int n = Integer.parseInt(configured.trim());
                if (n >= 1 && n <= 1024) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the core count
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
