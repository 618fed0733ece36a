package vqlens.ui.common;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import vqlens.core.io.AmbiguousCodebookException;

/**
 * Why a {@link BackgroundTasks} task did not deliver a result, as the feature that started it must answer it:
 * a question for the user, or a problem to report.
 */
public sealed interface TaskFailure {

    /** The file holds several codebooks and no key chose one: ask which (each key can be passed back). */
    record SeveralCodebooks(List<String> keys) implements TaskFailure {
        public SeveralCodebooks {
            keys = List.copyOf(keys);
        }
    }

    /** Anything else, including an {@link Error} such as running out of memory on a huge file. */
    record Failed(Throwable cause) implements TaskFailure {
        public Failed {
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** The failure {@code thrown} stands for, seen through the wrappers of futures and executors. */
    static TaskFailure of(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AmbiguousCodebookException ambiguous) {
            return new SeveralCodebooks(ambiguous.candidates());
        }
        return new Failed(cause);
    }
}
