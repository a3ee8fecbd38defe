package io.quiesce.properties.harness;

import java.util.Objects;

/**
 * A property that did not hold.
 *
 * @param check   which check failed, a short stable name; shrinking keeps to it
 * @param message what was seen, for a person
 */
public record Violation(String check, String message) {
    /** Refuses a missing check or message. */
    public Violation {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return check + ": " + message;
    }
}
