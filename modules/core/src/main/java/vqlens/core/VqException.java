package vqlens.core;

/**
 * A problem with what the user gave VQ Lens (an input, a file, a setting), worded as one line that can
 * be shown as it is: on stderr by the command line, in a dialog by the UI. Programming errors are not
 * {@code VqException}s.
 */
public class VqException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VqException(String message) {
        super(message);
    }

    public VqException(String message, Throwable cause) {
        super(message, cause);
    }
}
