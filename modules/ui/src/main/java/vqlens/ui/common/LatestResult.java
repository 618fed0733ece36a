package vqlens.ui.common;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A result that only the latest request may show: small work runs at once on the caller (the FX thread),
 * big work in the background, and its result is applied on the FX thread only if no request came after it
 * (a stale count or statistic never overwrites a newer one). Used from the FX thread only.
 */
public final class LatestResult {
    private final Executor background;
    private final Executor fxThread;
    /** Bumped at every request; a background result applies only if it is still the current one. */
    private long generation;

    public LatestResult(Executor background, Executor fxThread) {
        this.background = background;
        this.fxThread = fxThread;
    }

    /** Drops any pending result (nothing, or something computed inline, is wanted now). */
    public void cancel() {
        generation++;
    }

    /** Computes {@code work} ({@code inline}: here and now; else in the background) and gives it to {@code apply}. */
    public <T> void compute(boolean inline, Supplier<? extends T> work, Consumer<? super T> apply) {
        long ticket = ++generation;
        if (inline) {
            apply.accept(work.get());
            return;
        }
        background.execute(() -> {
            T result = work.get();
            fxThread.execute(() -> {
                if (ticket == generation) {
                    apply.accept(result);
                }
            });
        });
    }
}
