package vqlens.ui.inspect;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

import vqlens.core.io.AmbiguousCodebookException;
import vqlens.ui.common.UserMessage;

/**
 * Runs the view model's file work on {@link InspectorServices#background()} and hands the result, or the
 * failure as a message, back on {@link InspectorServices#fxThread()}; the view model is busy meanwhile.
 * Created once by {@link InspectorViewModel}.
 */
final class BackgroundJobs {

    private final InspectorServices services;
    private final InspectorState state;

    BackgroundJobs(InspectorServices services, InspectorState state) {
        this.services = services;
        this.state = state;
    }

    /** Runs {@code work} in the background; {@code done} gets its result on the FX thread. */
    <T> void run(Supplier<T> work, Consumer<T> done, String problem, Path path) {
        state.busy(+1);
        services.background().execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                services.fxThread().execute(() -> {
                    state.busy(-1);
                    failed(e, problem, path);
                });
                return;
            }
            services.fxThread().execute(() -> {
                state.busy(-1);
                done.accept(result);
            });
        });
    }

    /** A file with several codebooks becomes a question; any other failure an error. */
    private void failed(RuntimeException e, String problem, Path path) {
        if (e instanceof AmbiguousCodebookException ambiguous) {
            state.message.set(new UserMessage(UserMessage.Kind.CHOOSE_KEY, "Choose a codebook",
                    path.getFileName() + " holds " + ambiguous.candidates().size()
                            + " codebooks. Which one should the inspector show?", path, ambiguous.candidates()));
            return;
        }
        state.report(problem, InspectorViewModel.describe(e), path);
    }
}
