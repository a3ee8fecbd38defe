package io.quiesce.formats.json;

/**
 * Well-formed JSON of the wrong shape: a field missing, of the wrong type, blank, or unknown. The
 * message starts with where the fault is; callers add the file (and line) it came from.
 */
public class ShapeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
