package io.quiesce;

/** The library could not do what was asked for a reason outside the rules: I/O, journal, timeout. */
public class QuiesceException extends RuntimeException {
    /** A failure described by {@code message}. */
    public QuiesceException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public QuiesceException(String message, Throwable cause) {
        super(message, cause);
    }
}
