package vqlens.train.internal;

/** A NaN or infinite value met during a step; the training run rolls the step back. */
final class NonFiniteException extends Exception {
    private static final long serialVersionUID = 1L;

    NonFiniteException(String message) {
        super(message, null, false, false);
    }
}
