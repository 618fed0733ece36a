package vqlens.ui.common;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import vqlens.core.VqException;

/** How a failure reads in a dialog or the status bar: one line, in the words of what actually went wrong. */
public final class FailureText {

    private FailureText() {
    }

    /**
     * The cause behind task wrappers, as one line: its message (VQ Lens's own {@link VqException}s, and the
     * file errors core wraps in them, are written for users), or its type when it has none.
     */
    public static String of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String text = cause.getMessage();
        if (text == null || text.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return oneLine(text);
    }

    /** {@code text} with its line breaks (and the blanks around them) turned into single spaces. */
    public static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
