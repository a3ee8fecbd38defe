package io.quiesce.persistence;

/** The library could not do what was asked for a reason outside the rules: I/O, journal, timeout. */
public class QuiesceException extends RuntimeException {
    public QuiesceException(String message) {
        super(message);
    }

    public QuiesceException(String message, Throwable cause) {
        super(message, cause);
    }
}
