package vqlens.ui.inspect;

import vqlens.core.Codebooks;

/**
 * Keeps the selected head's statistics ({@link HeadStats}) up to date with the codebooks and the head chosen:
 * small heads at once, big ones in the background through {@link InspectorServices}, where a newer request
 * makes an older result stale. Created once by {@link InspectorViewModel}; it listens for ever after.
 */
final class HeadStatsUpdater {

    private final InspectorState state;
    private final InspectorServices services;
    /** Bumped at every request; a background result counts only if none came after it. */
    private long generation;

    HeadStatsUpdater(InspectorState state, InspectorServices services) {
        this.state = state;
        this.services = services;
        state.codebooks.addListener((obs, old, now) -> refresh());
        state.selectedHead.addListener((obs, old, now) -> refresh());
    }

    private void refresh() {
        Codebooks cb = state.codebooks.get();
        int head = state.selectedHead.get();
        long current = ++generation;
        if (cb == null || head < 0 || head >= cb.config().heads()) {
            state.headStats.set(null);
            return;
        }
        long k = cb.config().codes();
        if (k * k * cb.config().headDim() <= InspectorViewModel.STATS_INLINE_WORK) {
            state.headStats.set(HeadStats.of(cb, head));
            return;
        }
        services.background().execute(() -> {
            HeadStats s = HeadStats.of(cb, head);
            services.fxThread().execute(() -> {
                if (current == generation) {
                    state.headStats.set(s);
                }
            });
        });
    }
}
