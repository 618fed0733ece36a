package vqlens.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Something the view should tell the user in a dialog: a file that could not be opened or saved, a run
 * that failed; or a question (which of a file's codebooks to open). The view model clears its
 * message property before each one, so the same text twice is shown twice.
 *
 * @param kind       what it is
 * @param title      the dialog's title
 * @param text       one or two sentences
 * @param file       the file it concerns, or {@code null}
 * @param candidates for {@link Kind#CHOOSE_KEY}: the codebook keys to choose from
 */
public record UserMessage(Kind kind, String title, String text, Path file, List<String> candidates) {

    /** The kinds of messages. */
    public enum Kind { ERROR, CHOOSE_KEY }

    public UserMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        candidates = List.copyOf(candidates);
    }

    public static UserMessage error(String title, String text, Path file) {
        return new UserMessage(Kind.ERROR, title, text, file, List.of());
    }
}
