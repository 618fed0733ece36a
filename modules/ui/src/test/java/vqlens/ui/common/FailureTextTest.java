package vqlens.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import vqlens.core.VqException;

/** One wording of failures for every dialog and status line. */
class FailureTextTest {

    @Test
    void ourOwnMessagesStandAsTheyAreOnOneLine() {
        assertEquals("codes must be at least 1, got 0", FailureText.of(new VqException("codes must be at least 1, got 0")));
        assertEquals("bad header: see the first line", FailureText.of(new VqException("  bad header:\n   see the first line\n")));
    }

    @Test
    void wrappersAreLookedThroughAndAMessagelessFailureGivesItsType() {
        assertEquals("/data/z.npy",
                FailureText.of(new CompletionException(new NoSuchFileException("/data/z.npy"))));
        assertEquals("VqException is unwrapped too",
                FailureText.of(new ExecutionException(new CompletionException(new VqException("VqException is unwrapped too")))),
                "nested wrappers");
        assertEquals("OutOfMemoryError", FailureText.of(new OutOfMemoryError()), "no message: the type alone");
        assertEquals("IllegalStateException", FailureText.of(new IllegalStateException("  ")));
    }
}
