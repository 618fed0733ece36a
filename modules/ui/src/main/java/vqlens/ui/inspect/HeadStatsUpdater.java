package vqlens.ui.inspect;

import vqlens.core.Codebooks;
import vqlens.ui.common.LatestResult;

/**
 * Keeps the selected head's statistics ({@link HeadStats}) up to date with the codebooks and the head chosen:
 * small heads at once, big ones in the background through {@link InspectorServices}, where a newer request
 * makes an older result stale. Created once by {@link InspectorViewModel}; it listens for ever after.
 */
final class HeadStatsUpdater {

    private final InspectorState state;
    private final LatestResult latest;

    HeadStatsUpdater(InspectorState state, InspectorServices services) {
        this.state = state;
        this.latest = new LatestResult(services.background(), services.fxThread());
        state.codebooks.addListener((obs, old, now) -> refresh());
        state.selectedHead.addListener((obs, old, now) -> refresh());
    }

    private void refresh() {
        Codebooks cb = state.codebooks.get();
        int head = state.selectedHead.get();
        if (cb == null || head < 0 || head >= cb.config().heads()) {
            latest.cancel();
            state.headStats.set(null);
            return;
        }
        long k = cb.config().codes();
        latest.compute(k * k * cb.config().headDim() <= InspectorViewModel.STATS_INLINE_WORK,
                () -> HeadStats.of(cb, head), state.headStats::set);
    }
}
